// How an ir op's tensors and attributes map onto the engine's kernel parameter structs: the one
// mapping generated code (codegen.cpp) and the engine's model tests share.
//
// Only the fields that follow from shapes and attributes alone are filled. Padding, zero points,
// activation clamps and requantization multipliers are left to the caller, which knows about
// folded PADs, fused activations and how it reports an unsupported model.
#pragma once

#include "ir/graph.h"
#include "mcunet_engine/mcunet_engine.h"

namespace mcunet::codegen {

// CONV_2D / DEPTHWISE_CONV_2D over NHWC int8 tensors (filter [O][H][W][I] or [1][H][W][C]):
// sizes, kernel, stride, dilation; depth multiplier output_c / input_c for a depthwise conv
// (0 when the input has no channels), 1 otherwise.
mcu_conv_params convGeometry(const ir::Tensor& input, const ir::Tensor& filter, const ir::Tensor& output,
                             const ir::OpAttributes& attrs, bool depthwise);

// AVERAGE_POOL_2D / MAX_POOL_2D over NHWC tensors: sizes, window and stride.
mcu_pool_params poolGeometry(const ir::Tensor& input, const ir::Tensor& output, const ir::OpAttributes& attrs);

// MEAN over the contiguous run of axes firstAxis..lastAxis of `shape`: the outer, reduced and
// inner element counts.
mcu_mean_params meanGeometry(const ir::Shape& shape, int firstAxis, int lastAxis);

// inputScale / outputScale as the engine's fixed-point multiplier and shift, the rescale of MEAN
// and of an int8 -> int8 QUANTIZE (mcu_quantize_multiplier on the double quotient).
void rescaleMultiplier(float inputScale, float outputScale, int32_t* multiplier, int32_t* shift);

}  // namespace mcunet::codegen
