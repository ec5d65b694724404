// Building documents from what the user opens or edits. Runs on the worker thread: no widgets.
#pragma once

#include <QString>
#include <cstdint>
#include <memory>

#include "model_document.h"

namespace mcunet::studio {

// Built-in examples have no trained weights; theirs come from this seed (stated in the UI).
inline constexpr uint32_t kExampleWeightSeed = 1;

// Reads a .tflite file, an MCUNet .json config or "zoo:NAME" and analyses it.
// Throws mcunet::Error with "source: problem".
std::shared_ptr<ModelDocument> loadDocument(const QString& source);

// A document for an edited config: lowered to shapes only (the editor's fast path) and
// analysed. Keeps `base`'s source, title and provenance.
std::shared_ptr<ModelDocument> documentForConfig(const ModelDocument& base,
                                                 std::shared_ptr<const io::McunetConfig> config);

}  // namespace mcunet::studio
