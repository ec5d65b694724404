// TensorFlow Lite flatbuffer (.tflite) → ir::Graph.
//
// What is read: subgraph 0 (other subgraphs of a multi-subgraph model are ignored), its tensors
// (shape, dtype, affine quantization per tensor or per channel, constant bytes copied out of the
// model's buffers, variable flag), inputs, outputs and operators in execution order. The ops of
// our CNN set get their options translated into ir::OpAttributes; every other op (builtin or
// custom) becomes OpKind::Unsupported under its TFLite name, keeping its inputs and outputs so
// the graph still profiles.
//
// Attribute conventions: CONCATENATION's axis and SQUEEZE's dims are normalized to [0, rank);
// RESHAPE's newShape is the constant 1-D int32 shape input when there is one, else the options'
// new_shape, else the output shape (it may hold -1 as written); DEPTHWISE_CONV_2D's
// depthMultiplier is output channels / input channels as TFLite's kernels compute it (the stored
// value is a fallback). A per-channel 1-D bias whose quantized_dimension was copied from its
// weights is read along axis 0. Variable tensors keep no data (an initial value is not a
// constant). Constants of a type ir::DType does not name (float16, string, int4, ...) are
// DType::Other with their raw bytes, so their data size is not elementCount() * dtypeSize().
//
// Bad input never crashes: the flatbuffers verifier runs before any field is read, and every
// index the file holds (tensor, opcode, buffer, quantized dimension) is range-checked. Failures
// throw mcunet::Error with the file name and what is wrong:
//   FileNotFound  the path cannot be opened or read
//   EmptyFile     zero bytes
//   WrongFormat   no "TFL3" identifier (with a hint when the bytes look like JSON, PNG, ZIP, ...)
//   CorruptFile   truncated, fails verification, or holds an out-of-range index / inconsistent
//                 tensor data (the message names the tensor or op index)
//   UnsupportedModel  a valid model we cannot represent (no subgraph, sparse tensors)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "ir/graph.h"

namespace mcunet::io {

// Reads the .tflite file at `path`. The graph's name is the file name without directory and
// extension.
ir::Graph readTflite(const std::string& path);

// Reads a .tflite model held in memory (the whole file). `displayName` names the model in error
// messages and, without directory and extension, becomes the graph's name. `data` may be null
// only when `size` is 0.
ir::Graph readTfliteBuffer(const uint8_t* data, size_t size, const std::string& displayName);

}  // namespace mcunet::io
