// Undoable network-editor edits: each command holds the config before and after, so undo and
// redo are exact (no re-derivation), and hands the config to apply() which re-profiles.
#pragma once

#include <QUndoCommand>
#include <functional>
#include <memory>

#include "io/mcunet_config.h"

namespace mcunet::studio {

using ConfigPtr = std::shared_ptr<const io::McunetConfig>;

class ConfigEditCommand : public QUndoCommand {
public:
    ConfigEditCommand(ConfigPtr before, ConfigPtr after, const QString& text,
                      std::function<void(ConfigPtr)> apply)
        : before_(std::move(before)), after_(std::move(after)), apply_(std::move(apply)) {
        setText(text);
    }
    void redo() override { apply_(after_); }
    void undo() override { apply_(before_); }

private:
    ConfigPtr before_;
    ConfigPtr after_;
    std::function<void(ConfigPtr)> apply_;
};

}  // namespace mcunet::studio
