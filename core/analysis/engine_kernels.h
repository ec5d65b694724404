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
    bool depthwiseAsConv = false;  // DEPTHWISE_CONV_2D: run as a conv where depthwiseRunsAsConv allows
};

int64_t engineKernelScratchBytes(const KernelScratchQuery& query);

// A depthwise conv over a single input channel with a depth multiplier (micro_speech's first
// layer) is an ordinary conv with input_c = 1 and output_c = the multiplier: the same sums, the
// same per-channel requantization, so the same bytes. The engine's conv kernels run it far faster
// than its depthwise kernel (Cortex-M7: micro_speech's layer 6.4M -> 1.4M instructions) but need
// im2col scratch, so the planner plans both ways and keeps the conv only where it does not raise
// the arena (EngineStep::depthwiseAsConv); codegen then emits mcu_conv_s8 / mcu_conv_1x1_s8 with
// the filter reordered to OHWI. Not for in-place steps.
bool depthwiseRunsAsConv(int32_t inputChannels, int32_t depthMultiplier, bool inPlace);

}  // namespace mcunet::analysis
