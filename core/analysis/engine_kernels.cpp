#include "analysis/engine_kernels.h"

#include "mcunet_engine/conv.h"
#include "mcunet_engine/fully_connected.h"

namespace mcunet::analysis {
namespace {

int32_t dim(const ir::Shape& shape, size_t fromEnd) {
    return shape.size() >= fromEnd ? shape[shape.size() - fromEnd] : 1;
}

mcu_conv_params convParams(const KernelScratchQuery& query) {
    mcu_conv_params p{};
    p.batches = 1;
    p.input_h = dim(query.input, 3);
    p.input_w = dim(query.input, 2);
    p.input_c = dim(query.input, 1);
    p.output_h = dim(query.output, 3);
    p.output_w = dim(query.output, 2);
    p.output_c = dim(query.output, 1);
    p.kernel_h = query.filterH;
    p.kernel_w = query.filterW;
    p.stride_h = query.strideH;
    p.stride_w = query.strideW;
    p.dilation_h = p.dilation_w = 1;
    p.pad_top = query.padTop;
    p.pad_left = query.padLeft;
    p.depth_multiplier = p.input_c > 0 ? p.output_c / p.input_c : 1;
    return p;
}

}  // namespace

// The engine kernel codegen calls for each step (the same choice codegen makes): a 1x1 conv
// without padding runs mcu_conv_1x1_s8, every other conv mcu_conv_s8; a depthwise conv runs
// in place when the plan says so; FULLY_CONNECTED keeps its input row as int16. Other kernels
// take no scratch.
int64_t engineKernelScratchBytes(const KernelScratchQuery& query) {
    switch (query.kind) {
        case ir::OpKind::Conv2D: {
            const mcu_conv_params p = convParams(query);
            const bool pointwise = p.kernel_h == 1 && p.kernel_w == 1 && query.padTop == 0 && query.padBottom == 0 &&
                                   query.padLeft == 0 && query.padRight == 0;
            return static_cast<int64_t>(pointwise ? mcu_conv_1x1_s8_scratch_bytes(&p) : mcu_conv_s8_scratch_bytes(&p));
        }
        case ir::OpKind::DepthwiseConv2D: {
            const mcu_conv_params p = convParams(query);
            return static_cast<int64_t>(query.inPlace ? mcu_depthwise_conv_s8_inplace_scratch_bytes(&p)
                                                      : mcu_depthwise_conv_s8_scratch_bytes(&p));
        }
        case ir::OpKind::FullyConnected: {
            mcu_fully_connected_params p{};
            p.batches = 1;
            p.input_depth = query.inputDepth > 0 ? query.inputDepth : dim(query.input, 1);
            p.output_depth = dim(query.output, 1);
            return static_cast<int64_t>(mcu_fully_connected_s8_scratch_bytes(&p));
        }
        default:
            return 0;
    }
}

}  // namespace mcunet::analysis
