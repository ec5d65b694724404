// The scratch each of our engine's kernels needs while it runs (im2col columns, the channel
// buffer of an in-place depthwise convolution). The planner places it inside the arena only
// for its step; the engine's kernels and codegen must agree on the size, so this is the one
// place that asks the engine (its mcu_*_scratch_bytes functions) for it.
#pragma once

#include <cstdint>

#include "ir/graph.h"

namespace mcunet::analysis {

struct KernelScratchQuery {
    ir::OpKind kind = ir::OpKind::Unsupported;
    ir::Shape input;     // NHWC, before padding (a fused PAD's input)
    ir::Shape output;    // NHWC
    int32_t filterH = 1, filterW = 1;
    int32_t strideH = 1, strideW = 1;
    int32_t padTop = 0, padBottom = 0, padLeft = 0, padRight = 0;  // explicit (fused PAD or SAME)
    bool inPlace = false;  // depthwise: output overwrites input channel by channel
    int32_t inputDepth = 0;  // FULLY_CONNECTED: the weights' input depth (a 4-D input is flattened)
};

int64_t engineKernelScratchBytes(const KernelScratchQuery& query);

}  // namespace mcunet::analysis
