#include "analysis/engine_kernels.h"

namespace mcunet::analysis {
namespace {

int64_t dim(const ir::Shape& shape, size_t fromEnd) {
    return shape.size() >= fromEnd ? shape[shape.size() - fromEnd] : 1;
}

}  // namespace

// Until branch `engine` lands its mcu_*_scratch_bytes functions these are the sizes its issue
// specifies (TinyEngine's scheme): a conv keeps two im2col columns as int16; a 1x1 stride-1
// conv without padding needs the two columns of one pixel only; an in-place depthwise conv
// copies one padded input channel aside before overwriting it.
int64_t engineKernelScratchBytes(const KernelScratchQuery& query) {
    const int64_t inH = dim(query.input, 3), inW = dim(query.input, 2), inC = dim(query.input, 1);
    switch (query.kind) {
        case ir::OpKind::Conv2D: {
            const int64_t column = static_cast<int64_t>(query.filterH) * query.filterW * inC;
            return 2 * column * static_cast<int64_t>(sizeof(int16_t));
        }
        case ir::OpKind::DepthwiseConv2D:
            if (!query.inPlace) return 0;
            return (inH + query.padTop + query.padBottom) * (inW + query.padLeft + query.padRight);
        default:
            return 0;
    }
}

}  // namespace mcunet::analysis
