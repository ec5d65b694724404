// "Add Custom Board…": a board of the user's own (name, core, clock, SRAM, Flash, reserve for
// stack and other RAM), checked with core's validateBoard as it is typed, saved by the session
// in the user's boards folder so the CLI sees it too.
#pragma once

#include <QDialog>
#include <QStringList>

#include "device/board.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace mcunet::studio {

class CustomBoardDialog : public QDialog {
    Q_OBJECT
public:
    // `cores`: the cores the catalogue knows (kernel code sizes exist for them).
    CustomBoardDialog(const QStringList& cores, QWidget* parent = nullptr);

    device::Board board() const;
    // Core's objections to the board as typed (empty: OK is enabled).
    QStringList problems() const;

    QLineEdit* nameEdit() const { return name_; }
    QSpinBox* sramBox() const { return sram_; }
    QSpinBox* flashBox() const { return flash_; }
    QSpinBox* reserveBox() const { return reserve_; }

private:
    void revalidate();

    QLineEdit* name_ = nullptr;
    QComboBox* core_ = nullptr;
    QSpinBox* clock_ = nullptr;
    QSpinBox* sram_ = nullptr;
    QSpinBox* flash_ = nullptr;
    QSpinBox* reserve_ = nullptr;
    QLabel* problems_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace mcunet::studio
