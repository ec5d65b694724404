// Building documents from what the user opens or edits. Runs on the worker thread: no widgets.
// Every path goes through core's loader and analysis bundle, so the studio shows the numbers
// the CLI prints.
#pragma once

#include <QString>
#include <memory>

#include "device/board.h"
#include "model_document.h"

namespace mcunet::studio {

// Reads a .tflite file, an MCUNet .json config or "zoo:NAME" (io::loadModel) and analyses it
// for `board`. Throws mcunet::Error with "source: problem".
// `input`: what the caller writes into the model's input (analysis/input_assumption.h).
std::shared_ptr<ModelDocument> loadDocument(const QString& source, const device::Board& board,
                                            analysis::InputAssumption input = analysis::InputAssumption::Declared);

// A document for an edited config, analysed for `board`. Keeps `base`'s source and title.
std::shared_ptr<ModelDocument> documentForConfig(const ModelDocument& base,
                                                 std::shared_ptr<const io::McunetConfig> config,
                                                 const device::Board& board,
                                                 analysis::InputAssumption input = analysis::InputAssumption::Declared);

// `base` analysed again for another board (Flash code sizes depend on the board's core).
// ... or on another input assumption.
std::shared_ptr<ModelDocument> documentForBoard(const ModelDocument& base, const device::Board& board,
                                                analysis::InputAssumption input = analysis::InputAssumption::Declared);

}  // namespace mcunet::studio
