#include "custom_board_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "theme.h"

namespace mcunet::studio {

CustomBoardDialog::CustomBoardDialog(const QStringList& cores, QWidget* parent) : QDialog(parent) {
    setObjectName("customBoardDialog");
    setWindowTitle(tr("Add Custom Board"));
    auto* form = new QFormLayout(this);
    name_ = new QLineEdit(this);
    name_->setPlaceholderText(tr("e.g. My sensor board"));
    form->addRow(tr("Name:"), name_);
    core_ = new QComboBox(this);
    core_->addItems(cores);
    core_->setToolTip(tr("The CPU core: it sizes the kernel code in Flash"));
    form->addRow(tr("Core:"), core_);
    auto spin = [this](int min, int max, int value, const QString& suffix) {
        auto* box = new QSpinBox(this);
        box->setRange(min, max);
        box->setValue(value);
        box->setSuffix(suffix);
        return box;
    };
    clock_ = spin(1, 2000, 80, tr(" MHz"));
    form->addRow(tr("Clock:"), clock_);
    sram_ = spin(1, 65536, 256, tr(" kB"));
    sram_->setToolTip(tr("SRAM the tensor arena may use, in one contiguous block (kB = 1024 B)"));
    form->addRow(tr("SRAM for the arena:"), sram_);
    flash_ = spin(1, 65536, 1024, tr(" kB"));
    form->addRow(tr("Flash:"), flash_);
    reserve_ = spin(0, 65536, 16, tr(" kB"));
    reserve_->setToolTip(tr("Stack, heap, frame buffers: RAM the application needs besides the arena"));
    form->addRow(tr("Reserve (stack, other RAM):"), reserve_);
    problems_ = new QLabel(this);
    problems_->setObjectName("customBoardProblems");
    problems_->setWordWrap(true);
    problems_->setStyleSheet(widgets::noticeStyle(palette(), "error"));
    form->addRow(problems_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(name_, &QLineEdit::textChanged, this, &CustomBoardDialog::revalidate);
    for (QSpinBox* box : {clock_, sram_, flash_, reserve_})
        connect(box, &QSpinBox::valueChanged, this, &CustomBoardDialog::revalidate);
    revalidate();
}

device::Board CustomBoardDialog::board() const {
    device::Board board;
    board.name = name_->text().trimmed().toStdString();
    board.core = core_->currentText().toStdString();
    board.clockMhz = clock_->value();
    board.sramBytes = int64_t(sram_->value()) * 1024;
    board.flashBytes = int64_t(flash_->value()) * 1024;
    board.reserveBytes = int64_t(reserve_->value()) * 1024;
    board.sramRegions = {{"SRAM", 0x20000000, board.sramBytes, true}};
    board.custom = true;
    return board;
}

QStringList CustomBoardDialog::problems() const {
    QStringList list;
    for (const auto& problem : device::validateBoard(board())) list << QString::fromStdString(problem);
    return list;
}

void CustomBoardDialog::revalidate() {
    const QStringList list = problems();
    problems_->setText(list.join('\n'));
    problems_->setVisible(!list.isEmpty());
    buttons_->button(QDialogButtonBox::Save)->setEnabled(list.isEmpty());
}

}  // namespace mcunet::studio
