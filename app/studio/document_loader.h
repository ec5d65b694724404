// Building documents from what the user opens. Runs on the worker thread: no widgets here.
#pragma once

#include <QString>
#include <memory>

#include "model_document.h"

namespace mcunet::studio {

// Reads a .tflite file, an MCUNet .json config or "zoo:NAME" and analyses it.
// Throws mcunet::Error with "source: problem".
std::shared_ptr<ModelDocument> loadDocument(const QString& source);

}  // namespace mcunet::studio
