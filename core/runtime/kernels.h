// Internal to core/runtime: what the op kernels share. One prepare/eval pair per op family, as
// TFLM's kernels/: prepare checks operands and computes everything that depends only on the
// graph (multipliers, clamps, padding); eval only computes.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "runtime/fixed_point.h"
#include "util/error.h"

namespace mcunet::runtime {

// Everything a kernel precomputes; each op kind fills the fields it needs (plain data).
struct PreparedOp {
    // Requantization (per output channel for conv / depthwise, one entry otherwise).
    std::vector<int32_t> multipliers;
    std::vector<int> shifts;
    int32_t activationMin = std::numeric_limits<int32_t>::min();
    int32_t activationMax = std::numeric_limits<int32_t>::max();
    float activationMinF = std::numeric_limits<float>::lowest();
    float activationMaxF = std::numeric_limits<float>::max();

    int32_t inputOffset = 0;   // -input zero point
    int32_t input2Offset = 0;  // -second input zero point
    int32_t filterOffset = 0;  // -filter zero point
    int32_t outputOffset = 0;  // output zero point

    // Convolution / pooling geometry.
    int padTop = 0, padLeft = 0;

    // ADD: inputs are left-shifted, scaled to a common scale, summed, rescaled.
    int leftShift = 0;
    fixed::Multiplier input1Multiplier, input2Multiplier, outputMultiplier;

    // SOFTMAX / LOGISTIC.
    int32_t inputMultiplier = 0;
    int inputLeftShift = 0;
    int32_t diffMin = 0;
    int32_t inputRangeRadius = 0;

    // HARD_SWISH.
    int16_t outputMultiplier16 = 0, reluishMultiplier16 = 0;
    int outputExponent = 0, reluishExponent = 0;

    // RELU6 (int8): clamp bounds in input units.
    int32_t lowerBound = 0, upperBound = 0;

    // Shape ops: TRANSPOSE permutation, PAD paddings (before, after per dim), MEAN axes,
    // CONCATENATION axis.
    std::vector<int> permutation;
    std::vector<int> padBefore, padAfter;
    std::vector<int> axes;
    int axis = 0;
    bool meanSameQuantization = false;
    int32_t padValueInt = 0;
    float padValueFloat = 0.0f;
};

// The view of one op a kernel works with.
struct KernelContext {
    const ir::Graph& graph;
    const ir::Op& op;
    int opIndex;
    std::vector<std::vector<uint8_t>>& buffers;  // one per tensor

    int inputCount() const { return static_cast<int>(op.inputs.size()); }
    bool hasInput(int i) const { return i < inputCount() && op.inputs[i] != ir::kNoTensor; }
    const ir::Tensor& input(int i) const { return graph.tensors[op.inputs[i]]; }
    const ir::Tensor& output(int i = 0) const { return graph.tensors[op.outputs[i]]; }

    template <typename T>
    const T* inputData(int i) const {
        return reinterpret_cast<const T*>(buffers[op.inputs[i]].data());
    }
    template <typename T>
    T* outputData(int i = 0) const {
        return reinterpret_cast<T*>(buffers[op.outputs[i]].data());
    }

    // "model: op 12 CONV_2D: <what>" as an InvalidGraph (or given) error.
    [[noreturn]] void fail(const std::string& what, ErrorCode code = ErrorCode::InvalidGraph) const;
};

// Prepare-time checks shared by the kernels (all throw through ctx.fail).
void expectOperandCounts(const KernelContext& ctx, int minInputs, int maxInputs, int outputs);
void expectDtype(const KernelContext& ctx, const ir::Tensor& tensor, ir::DType dtype, const char* role);
void expectRank(const KernelContext& ctx, const ir::Tensor& tensor, size_t rank, const char* role);
void expectConstant(const KernelContext& ctx, const ir::Tensor& tensor, const char* role);
// The input dtypes the float and int8 kernels run; any other is an unsupported model.
void expectFloatOrInt8(const KernelContext& ctx, const ir::Tensor& input);
// Per-tensor scale and zero point of an int8/uint8 tensor (must be present).
float scaleOf(const KernelContext& ctx, const ir::Tensor& tensor, const char* role);
int32_t zeroPointOf(const KernelContext& ctx, const ir::Tensor& tensor, const char* role);
// round-half-away(x) as int32, saturating instead of the undefined conversion of values beyond
// int32 (which only absurd scales produce); equal to TFLM's static_cast<int32_t>(round(x)) otherwise.
int32_t roundToInt32(float x);
// Integer values of a constant int32/int64 tensor (axes, paddings, permutations, sizes).
std::vector<int64_t> constantInts(const KernelContext& ctx, const ir::Tensor& tensor, const char* role);

// For every element of `shape` in row-major order, the sum of index[d] * stride[d]: where a
// strided view (a broadcast input, a reduced output) puts that element.
std::vector<int64_t> stridedOffsets(const ir::Shape& shape, const std::vector<int64_t>& stride);

// Fused activation clamps, as TFLM's CalculateActivationRange(Quantized).
void setFloatActivation(const KernelContext& ctx, ir::Activation activation, PreparedOp& prepared);
void setQuantizedActivation(const KernelContext& ctx, ir::Activation activation, const ir::Tensor& output,
                            PreparedOp& prepared);

// SAME / VALID output size and leading padding, as TFLM's ComputePaddingHeightWidth.
int computeOutSize(ir::Padding padding, int inSize, int filterSize, int stride, int dilation);
int computePadding(int stride, int dilation, int inSize, int filterSize, int outSize);

// Op families. prepare* validates and fills PreparedOp; eval* runs.
void prepareConv(const KernelContext& ctx, PreparedOp& prepared);
void evalConv(const KernelContext& ctx, const PreparedOp& prepared);
void prepareDepthwiseConv(const KernelContext& ctx, PreparedOp& prepared);
void evalDepthwiseConv(const KernelContext& ctx, const PreparedOp& prepared);
void prepareFullyConnected(const KernelContext& ctx, PreparedOp& prepared);
void evalFullyConnected(const KernelContext& ctx, const PreparedOp& prepared);

void preparePool(const KernelContext& ctx, PreparedOp& prepared);
void evalAveragePool(const KernelContext& ctx, const PreparedOp& prepared);
void evalMaxPool(const KernelContext& ctx, const PreparedOp& prepared);
void prepareMean(const KernelContext& ctx, PreparedOp& prepared);
void evalMean(const KernelContext& ctx, const PreparedOp& prepared);

void prepareAddMul(const KernelContext& ctx, PreparedOp& prepared);
void evalAdd(const KernelContext& ctx, const PreparedOp& prepared);
void evalMul(const KernelContext& ctx, const PreparedOp& prepared);
void prepareActivation(const KernelContext& ctx, PreparedOp& prepared);  // RELU, RELU6, LOGISTIC, HARD_SWISH
void evalActivation(const KernelContext& ctx, const PreparedOp& prepared);
void prepareSoftmax(const KernelContext& ctx, PreparedOp& prepared);
void evalSoftmax(const KernelContext& ctx, const PreparedOp& prepared);
void prepareQuantize(const KernelContext& ctx, PreparedOp& prepared);
void evalQuantize(const KernelContext& ctx, const PreparedOp& prepared);
void prepareDequantize(const KernelContext& ctx, PreparedOp& prepared);
void evalDequantize(const KernelContext& ctx, const PreparedOp& prepared);

void prepareReshape(const KernelContext& ctx, PreparedOp& prepared);  // RESHAPE, SQUEEZE
void evalCopy(const KernelContext& ctx, const PreparedOp& prepared);
void prepareTranspose(const KernelContext& ctx, PreparedOp& prepared);
void evalTranspose(const KernelContext& ctx, const PreparedOp& prepared);
void preparePad(const KernelContext& ctx, PreparedOp& prepared);
void evalPad(const KernelContext& ctx, const PreparedOp& prepared);
void prepareConcatenation(const KernelContext& ctx, PreparedOp& prepared);
void evalConcatenation(const KernelContext& ctx, const PreparedOp& prepared);
void prepareResizeNearest(const KernelContext& ctx, PreparedOp& prepared);
void evalResizeNearest(const KernelContext& ctx, const PreparedOp& prepared);

}  // namespace mcunet::runtime
