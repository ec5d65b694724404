// Output shapes of ops from their input shapes and attributes, by TF-Lite's rules.
//
// The validator uses this to check imported graphs, the graph builder to create output tensors,
// and lowering (MCUNet config -> Graph) to size every activation. Rules follow TF-Lite's kernels:
//   conv / depthwise / pooling:  SAME  -> out = ceil(in / stride)
//                                VALID -> out = ceil((in - (k - 1) * dilation) / stride)
//   depthwise output channels  = filter dim 3, which must equal in_channels * depth_multiplier
//   FULLY_CONNECTED            = [elements / K, units], or the input shape with the last dim
//                                replaced by units when keep_num_dims
//   MEAN                       = reduced axes removed, or kept as 1 with keep_dims
//   ADD / MUL                  = NumPy broadcasting
//   PAD / TRANSPOSE / RESHAPE / RESIZE read their constant operand tensor (int32 or int64).
// Inconsistent inputs (wrong rank, filter channels that do not match, non-constant operand)
// throw mcunet::Error(InvalidGraph) whose message names the problem; the caller adds the op.
#pragma once

#include <vector>

#include "ir/graph.h"

namespace mcunet::ir {

// True for every OpKind except Unsupported.
bool hasShapeInference(OpKind kind);

// Spatial output size of a conv/pool window along one axis; throws when the window does not fit.
int32_t convOutputSize(int32_t in, int32_t kernel, int32_t stride, int32_t dilation, Padding padding);

// NumPy-style broadcast of two shapes; throws when a dimension pair is neither equal nor 1.
Shape broadcastShapes(const Shape& a, const Shape& b);

// Shapes of op.outputs (one per output) computed from the graph's input tensors of op.
// Throws Error(InvalidGraph) for inconsistent inputs, Error(InvalidArgument) for Unsupported ops.
std::vector<Shape> inferOutputShapes(const Graph& graph, const Op& op);

// Integer contents of a constant int32/int64 tensor (shape operands: axes, paddings, perm, size).
// Throws Error(InvalidGraph) if the tensor is not constant, has no data, or another dtype.
std::vector<int64_t> constantIntegers(const Tensor& tensor);

}  // namespace mcunet::ir
