#include "codegen/kernel_params.h"

namespace mcunet::codegen {

mcu_conv_params convGeometry(const ir::Tensor& input, const ir::Tensor& filter, const ir::Tensor& output,
                             const ir::OpAttributes& attrs, bool depthwise) {
    mcu_conv_params p{};
    p.batches = input.shape[0];
    p.input_h = input.shape[1];
    p.input_w = input.shape[2];
    p.input_c = input.shape[3];
    p.output_h = output.shape[1];
    p.output_w = output.shape[2];
    p.output_c = output.shape[3];
    p.kernel_h = filter.shape[1];
    p.kernel_w = filter.shape[2];
    p.stride_h = attrs.strideH;
    p.stride_w = attrs.strideW;
    p.dilation_h = attrs.dilationH;
    p.dilation_w = attrs.dilationW;
    p.depth_multiplier = depthwise ? (p.input_c > 0 ? p.output_c / p.input_c : 0) : 1;
    return p;
}

mcu_pool_params poolGeometry(const ir::Tensor& input, const ir::Tensor& output, const ir::OpAttributes& attrs) {
    mcu_pool_params p{};
    p.batches = input.shape[0];
    p.input_h = input.shape[1];
    p.input_w = input.shape[2];
    p.channels = input.shape[3];
    p.output_h = output.shape[1];
    p.output_w = output.shape[2];
    p.filter_h = attrs.filterH;
    p.filter_w = attrs.filterW;
    p.stride_h = attrs.strideH;
    p.stride_w = attrs.strideW;
    return p;
}

mcu_mean_params meanGeometry(const ir::Shape& shape, int firstAxis, int lastAxis) {
    mcu_mean_params p{};
    p.outer = p.reduce = p.inner = 1;
    for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
        if (d < firstAxis) p.outer *= shape[static_cast<size_t>(d)];
        else if (d <= lastAxis) p.reduce *= shape[static_cast<size_t>(d)];
        else p.inner *= shape[static_cast<size_t>(d)];
    }
    return p;
}

void rescaleMultiplier(float inputScale, float outputScale, int32_t* multiplier, int32_t* shift) {
    int exponent = 0;
    mcu_quantize_multiplier(static_cast<double>(inputScale) / static_cast<double>(outputScale), multiplier, &exponent);
    *shift = exponent;
}

}  // namespace mcunet::codegen
