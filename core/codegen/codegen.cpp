#include "codegen/codegen.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analysis/engine_kernels.h"
#include "codegen/kernel_params.h"
#include "mcunet_engine/mcunet_engine.h"
#include "runtime/interpreter.h"
#include "util/error.h"

namespace mcunet::codegen {
namespace {

using ir::OpKind;

// ---- Text helpers ---------------------------------------------------------------------------

std::string intLiteral(int64_t value) {
    // -2147483648 is not an int literal in C (it is -(2147483648L)): spell it as an expression.
    if (value == INT32_MIN) return "(-2147483647 - 1)";
    return std::to_string(value);
}

// Exact float literal (C99 hexadecimal), so the generated constant is the host's float bit for bit.
std::string floatLiteral(float value) {
    char text[64];
    std::snprintf(text, sizeof text, "%af", static_cast<double>(value));
    return text;
}

std::string floatText(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.9g", value);
    return text;
}

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

bool isCIdentifier(const std::string& text) {
    if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// Comment text must not close the comment early.
std::string commentSafe(std::string text) {
    for (size_t pos = text.find("*/"); pos != std::string::npos; pos = text.find("*/", pos)) text.replace(pos, 2, "* /");
    return text;
}

std::string quantText(const ir::Tensor& tensor) {
    if (tensor.quant.empty()) return "not quantized";
    if (tensor.quant.perChannel()) return "per-channel (" + std::to_string(tensor.quant.scale.size()) + " scales)";
    return "scale " + floatText(tensor.quant.scale[0]) + ", zero point " +
           std::to_string(tensor.quant.zeroPoint.empty() ? 0 : tensor.quant.zeroPoint[0]);
}

std::string tensorText(const ir::Tensor& tensor) {
    return std::string(ir::dtypeName(tensor.dtype)) + " " + ir::shapeToString(tensor.shape);
}

template <typename T>
std::vector<T> constantValues(const ir::Tensor& tensor) {
    std::vector<T> values(tensor.data.size() / sizeof(T));
    if (!values.empty()) std::memcpy(values.data(), tensor.data.data(), values.size() * sizeof(T));
    return values;
}

// Shapes right-aligned to 4-D, missing leading dimensions 1 (the engine's broadcast convention).
std::array<int32_t, 4> dims4(const ir::Shape& shape) {
    std::array<int32_t, 4> dims{1, 1, 1, 1};
    const size_t n = std::min<size_t>(shape.size(), 4);
    for (size_t i = 0; i < n; ++i) dims[4 - n + i] = shape[shape.size() - n + i];
    return dims;
}

std::string arrayInit(const std::array<int32_t, 4>& dims) {
    return "{" + std::to_string(dims[0]) + ", " + std::to_string(dims[1]) + ", " + std::to_string(dims[2]) + ", " +
           std::to_string(dims[3]) + "}";
}

// ---- The generator --------------------------------------------------------------------------

// A C struct initializer built field by field: `{ .name = value, ... }`.
class Fields {
public:
    Fields& add(const std::string& name, const std::string& value) {
        items_.emplace_back(name, value);
        return *this;
    }
    Fields& add(const std::string& name, int64_t value) { return add(name, intLiteral(value)); }
    std::string render() const {
        std::string text = "{\n";
        for (const auto& [name, value] : items_) text += "  ." + name + " = " + value + ",\n";
        return text + "}";
    }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

struct Clamp {
    int32_t min = -128;
    int32_t max = 127;
};

class Generator {
public:
    Generator(const ir::Graph& graph, const analysis::MemoryPlan& plan, const CodegenOptions& options)
        : graph_(graph), plan_(plan), schedule_(plan.schedule), options_(options) {}

    GeneratedModel run();

private:
    [[noreturn]] void fail(ErrorCode code, int opIndex, const std::string& what) const {
        std::string where = graph_.name.empty() ? std::string("model") : graph_.name;
        if (opIndex >= 0) where += ": op " + std::to_string(opIndex) + " " + graph_.ops[static_cast<size_t>(opIndex)].name();
        throw Error(code, where + ": " + what);
    }

    const ir::Tensor& tensor(int index) const { return graph_.tensors[static_cast<size_t>(index)]; }
    float scale(int opIndex, int index) const {
        const ir::Tensor& t = tensor(index);
        if (t.quant.scale.size() != 1)
            fail(ErrorCode::UnsupportedModel, opIndex, "tensor '" + t.name + "' needs one quantization scale");
        return t.quant.scale[0];
    }
    int32_t zeroPoint(int opIndex, int index) const {
        const ir::Tensor& t = tensor(index);
        if (t.quant.scale.size() != 1)
            fail(ErrorCode::UnsupportedModel, opIndex, "tensor '" + t.name + "' needs one quantization zero point");
        return t.quant.zeroPoint.empty() ? 0 : static_cast<int32_t>(t.quant.zeroPoint[0]);
    }
    void expectSameQuant(int opIndex, int a, int b) const {
        if (scale(opIndex, a) != scale(opIndex, b) || zeroPoint(opIndex, a) != zeroPoint(opIndex, b))
            fail(ErrorCode::UnsupportedModel, opIndex,
                 "tensors '" + tensor(a).name + "' and '" + tensor(b).name +
                     "' must share scale and zero point (the engine kernel moves bytes only)");
    }

    // Pointer expression for an operand: the arena at the tensor's planned offset, or the
    // tensor's const array (emitted once) for a constant.
    std::string pointer(int opIndex, int tensorIndex, const std::string& ctype, bool writable);
    std::string constArray(int tensorIndex, const std::string& preferredName = {});
    std::string scratchPointer(const analysis::EngineStep& step, size_t needed);

    void emitArray(const std::string& ctype, const std::string& name, const std::vector<int64_t>& values);
    template <typename T>
    void emitArrayOf(const std::string& ctype, const std::string& name, const std::vector<T>& values) {
        emitArray(ctype, name, std::vector<int64_t>(values.begin(), values.end()));
    }
    void emitParams(const std::string& type, const std::string& name, const Fields& fields) {
        data_ << "static const " << type << " " << name << " = " << fields.render() << ";\n";
    }

    Clamp clampFor(const analysis::EngineStep& step, int producerOutput) const;
    std::string stepComment(size_t position, const analysis::EngineStep& step) const;
    void emitStep(size_t position, const analysis::EngineStep& step);
    void emitConv(const analysis::EngineStep& step, const std::string& name);
    void emitFullyConnected(const analysis::EngineStep& step, const std::string& name);
    void emitElementwise(const analysis::EngineStep& step, const std::string& name);
    void emitPool(const analysis::EngineStep& step, const std::string& name);
    void emitMean(const analysis::EngineStep& step, const std::string& name);
    void emitSoftmaxLike(const analysis::EngineStep& step, const std::string& name);
    void emitQuantize(const analysis::EngineStep& step, const std::string& name);
    void emitDataMovement(const analysis::EngineStep& step, const std::string& name);

    std::string headerText() const;
    std::string sourceText() const;

    const ir::Graph& graph_;
    const analysis::MemoryPlan& plan_;
    const analysis::EngineSchedule& schedule_;
    const CodegenOptions& options_;
    std::ostringstream data_;    // const arrays and parameter structs
    std::ostringstream invoke_;  // body of <prefix>_invoke()
    std::map<int, std::string> constArrays_;  // tensor index -> emitted array name
    int64_t constBytes_ = 0;
};

void Generator::emitArray(const std::string& ctype, const std::string& name, const std::vector<int64_t>& values) {
    data_ << "static const " << ctype << " " << name << "[" << values.size() << "] = {";
    const size_t perLine = ctype == "int8_t" ? 20 : 8;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i % perLine == 0) data_ << "\n ";
        data_ << " " << intLiteral(values[i]) << ",";
    }
    data_ << "\n};\n";
    const int64_t elementBytes = ctype == "int8_t" ? 1 : ctype == "int16_t" ? 2 : 4;
    constBytes_ += elementBytes * static_cast<int64_t>(values.size());
}

// A constant tensor as a const array, emitted once and named after its first use (op12_filter),
// or tensor<index> for operands without a role name.
std::string Generator::constArray(int tensorIndex, const std::string& preferredName) {
    if (auto it = constArrays_.find(tensorIndex); it != constArrays_.end()) return it->second;
    const ir::Tensor& t = tensor(tensorIndex);
    const std::string name = preferredName.empty() ? "tensor" + std::to_string(tensorIndex) : preferredName;
    data_ << "/* tensor " << tensorIndex << " '" << commentSafe(t.name) << "': " << tensorText(t) << ", "
          << quantText(t) << " */\n";
    switch (t.dtype) {
        case ir::DType::Int8: emitArrayOf("int8_t", name, constantValues<int8_t>(t)); break;
        case ir::DType::Int32: emitArrayOf("int32_t", name, constantValues<int32_t>(t)); break;
        default:
            fail(ErrorCode::UnsupportedModel, -1,
                 "constant tensor '" + t.name + "' is " + std::string(ir::dtypeName(t.dtype)) +
                     "; generated code holds int8 and int32 constants");
    }
    constArrays_[tensorIndex] = name;
    return name;
}

std::string Generator::pointer(int opIndex, int tensorIndex, const std::string& ctype, bool writable) {
    if (tensorIndex < 0) return "NULL";
    const ir::Tensor& t = tensor(tensorIndex);
    if (t.isConstant) {
        if (writable) fail(ErrorCode::Internal, opIndex, "writes constant tensor '" + t.name + "'");
        return constArray(tensorIndex);
    }
    const int64_t offset = schedule_.tensorOffsets[static_cast<size_t>(tensorIndex)];
    if (offset < 0) fail(ErrorCode::InvalidArgument, opIndex, "tensor '" + t.name + "' has no place in the plan's arena");
    if (offset + t.byteSize() > plan_.arenaBytes)
        fail(ErrorCode::InvalidArgument, opIndex, "tensor '" + t.name + "' lies outside the planned arena");
    const std::string at = "arena + " + std::to_string(offset);
    if (ctype == "int8_t") return at;  // int8_t* converts to const int8_t* implicitly
    return std::string(writable ? "(" : "(const ") + ctype + "*)(" + at + ")";
}

// The kernel's own scratch need, checked against what the plan reserved for this step: the
// planner and codegen must agree on every byte or the arena is not what the profiler reports.
std::string Generator::scratchPointer(const analysis::EngineStep& step, size_t needed) {
    if (needed == 0) return "NULL";
    if (step.scratchOffset < 0 || static_cast<int64_t>(needed) > step.scratchBytes)
        fail(ErrorCode::Internal, step.opIndex,
             "the kernel needs " + std::to_string(needed) + " bytes of scratch, the plan reserved " +
                 std::to_string(step.scratchOffset < 0 ? 0 : step.scratchBytes));
    return "arena + " + std::to_string(step.scratchOffset);
}

mcu_activation engineActivation(ir::Activation activation, bool* ok) {
    *ok = true;
    switch (activation) {
        case ir::Activation::None: return MCU_ACT_NONE;
        case ir::Activation::Relu: return MCU_ACT_RELU;
        case ir::Activation::ReluN1To1: return MCU_ACT_RELU_N1_TO_1;
        case ir::Activation::Relu6: return MCU_ACT_RELU6;
        default: *ok = false; return MCU_ACT_NONE;
    }
}

// The output clamp of a step: the op's fused activation on its own output tensor, narrowed by
// a RELU/RELU6 op the plan folded into it (which TF-Lite Micro runs as a separate clamp in the
// same units, so input and output of that op must share quantization).
Clamp Generator::clampFor(const analysis::EngineStep& step, int producerOutput) const {
    const ir::Op& op = graph_.ops[static_cast<size_t>(step.opIndex)];
    bool ok = false;
    const mcu_activation act = engineActivation(op.attrs.activation, &ok);
    if (!ok)
        fail(ErrorCode::UnsupportedModel, step.opIndex,
             "fused activation " + std::string(ir::activationName(op.attrs.activation)) + " has no int8 engine clamp");
    Clamp clamp;
    mcu_activation_range_s8(act, scale(step.opIndex, producerOutput), zeroPoint(step.opIndex, producerOutput),
                            &clamp.min, &clamp.max);
    if (step.activationOp >= 0) {
        const ir::Op& relu = graph_.ops[static_cast<size_t>(step.activationOp)];
        const int in = relu.inputs[0], out = relu.outputs[0];
        if (scale(step.activationOp, in) != scale(step.activationOp, out) ||
            zeroPoint(step.activationOp, in) != zeroPoint(step.activationOp, out))
            fail(ErrorCode::UnsupportedModel, step.activationOp,
                 "a fused " + relu.name() + " must keep its input's quantization (it rescales here)");
        const float s = scale(step.activationOp, in);
        const int32_t zp = zeroPoint(step.activationOp, in);
        // As TFLM's int8 RELU (requantize by 1.0, then max with zp) and RELU6 (clamp to
        // [zp, zp + round(6 / scale)] in the input's units).
        clamp.min = std::max(clamp.min, std::max<int32_t>(-128, zp));
        if (relu.kind == OpKind::Relu6)
            clamp.max = std::min(clamp.max, std::clamp<int32_t>(static_cast<int32_t>(std::round(6.0f / s)) + zp, -128, 127));
    }
    return clamp;
}

std::string Generator::stepComment(size_t position, const analysis::EngineStep& step) const {
    const ir::Op& op = graph_.ops[static_cast<size_t>(step.opIndex)];
    std::string text = "step " + std::to_string(position) + ": op " + std::to_string(step.opIndex) + " " + op.name();
    if (step.padOp >= 0) text += " (PAD op " + std::to_string(step.padOp) + " folded in)";
    if (step.activationOp >= 0)
        text += " + " + graph_.ops[static_cast<size_t>(step.activationOp)].name() + " op " + std::to_string(step.activationOp);
    std::string ins;
    for (int input : step.inputs) ins += (ins.empty() ? "" : ", ") + ir::shapeToString(tensor(input).shape);
    text += ": " + (ins.empty() ? std::string("-") : ins) + " -> " + ir::shapeToString(tensor(step.output).shape);
    if (op.kind == OpKind::Conv2D || op.kind == OpKind::DepthwiseConv2D) {
        const ir::Shape& filter = tensor(op.inputs[1]).shape;
        if (filter.size() == 4) text += ", " + std::to_string(filter[1]) + "x" + std::to_string(filter[2]) + " kernel";
    }
    if (op.kind == OpKind::Conv2D || op.kind == OpKind::DepthwiseConv2D || op.kind == OpKind::AveragePool2D ||
        op.kind == OpKind::MaxPool2D)
        text += ", stride " + std::to_string(op.attrs.strideH) + "x" + std::to_string(op.attrs.strideW) + ", " +
                (op.attrs.padding == ir::Padding::Same ? "SAME" : "VALID");
    if (step.inPlace) text += ", in place";
    return commentSafe(text);
}

void Generator::emitStep(size_t position, const analysis::EngineStep& step) {
    if (step.opIndex < 0 || step.opIndex >= static_cast<int>(graph_.ops.size()) || step.output < 0 ||
        step.output >= static_cast<int>(graph_.tensors.size()))
        throw Error(ErrorCode::InvalidArgument, "codegen: step " + std::to_string(position) + " names an op or tensor outside the graph");
    for (size_t i = 0; i < step.inputs.size() && i < step.inputOffsets.size(); ++i)
        if (step.inputOffsets[i] != schedule_.tensorOffsets[static_cast<size_t>(step.inputs[i])])
            fail(ErrorCode::InvalidArgument, step.opIndex, "the plan's step and tensor offsets disagree");
    const std::string comment = stepComment(position, step);
    data_ << "\n/* " << comment << " */\n";
    invoke_ << "  /* " << comment << " */\n  " << upper(options_.prefix) << "_STEP_BEGIN(" << position << ");\n";
    const std::string name = "op" + std::to_string(step.opIndex);
    switch (step.kind) {
        case OpKind::Conv2D:
        case OpKind::DepthwiseConv2D: emitConv(step, name); break;
        case OpKind::FullyConnected: emitFullyConnected(step, name); break;
        case OpKind::Add:
        case OpKind::Mul: emitElementwise(step, name); break;
        case OpKind::AveragePool2D:
        case OpKind::MaxPool2D: emitPool(step, name); break;
        case OpKind::Mean: emitMean(step, name); break;
        case OpKind::Softmax:
        case OpKind::Logistic:
        case OpKind::HardSwish: emitSoftmaxLike(step, name); break;
        case OpKind::Quantize:
        case OpKind::Dequantize: emitQuantize(step, name); break;
        case OpKind::Pad:
        case OpKind::Concatenation:
        case OpKind::Transpose:
        case OpKind::ResizeNearestNeighbor: emitDataMovement(step, name); break;
        default:
            fail(ErrorCode::UnsupportedModel, step.opIndex,
                 "no engine kernel runs this op on its own (RELU/RELU6 are only supported fused into the op before them)");
    }
    invoke_ << "  " << upper(options_.prefix) << "_STEP_END(" << position << ");\n";
}

void Generator::emitConv(const analysis::EngineStep& step, const std::string& name) {
    const int opIndex = step.opIndex;
    const ir::Op& op = graph_.ops[static_cast<size_t>(opIndex)];
    bool depthwise = op.kind == OpKind::DepthwiseConv2D;
    if (step.inputs.size() != 1 || op.inputs.size() < 2)
        fail(ErrorCode::UnsupportedModel, opIndex, "needs one activation input and a constant filter");
    const int input = step.inputs[0];
    const int producerOutput = op.outputs[0];
    const ir::Tensor& in = tensor(input);
    const ir::Tensor& filter = tensor(op.inputs[1]);
    const ir::Tensor& out = tensor(producerOutput);
    if (in.shape.size() != 4 || out.shape.size() != 4 || filter.shape.size() != 4 || in.dtype != ir::DType::Int8 ||
        filter.dtype != ir::DType::Int8 || !filter.isConstant)
        fail(ErrorCode::UnsupportedModel, opIndex, "expects int8 NHWC input/output and a constant int8 4-D filter");
    for (int64_t zp : filter.quant.zeroPoint)
        if (zp != 0) fail(ErrorCode::UnsupportedModel, opIndex, "int8 filter '" + filter.name + "' must have zero point 0");
    const int bias = op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor;
    if (bias >= 0 && (tensor(bias).dtype != ir::DType::Int32 || !tensor(bias).isConstant))
        fail(ErrorCode::UnsupportedModel, opIndex, "bias must be a constant int32 tensor");

    mcu_conv_params p = convGeometry(in, filter, out, op.attrs, depthwise);
    if (depthwise && p.input_c * p.depth_multiplier != p.output_c)
        fail(ErrorCode::UnsupportedModel, opIndex, "output channels are not a multiple of the input channels");

    // Leading padding: a folded PAD's amounts plus the conv's own SAME padding over the padded input.
    int32_t padTop = 0, padLeft = 0, paddedH = p.input_h, paddedW = p.input_w;
    if (step.padOp >= 0) {
        const ir::Op& pad = graph_.ops[static_cast<size_t>(step.padOp)];
        const ir::Tensor& padOut = tensor(pad.outputs[0]);
        const std::vector<int32_t> amounts =
            tensor(pad.inputs[1]).dtype == ir::DType::Int64
                ? [&] { auto v = constantValues<int64_t>(tensor(pad.inputs[1])); return std::vector<int32_t>(v.begin(), v.end()); }()
                : constantValues<int32_t>(tensor(pad.inputs[1]));
        if (amounts.size() != 8 || padOut.shape.size() != 4)
            fail(ErrorCode::UnsupportedModel, step.padOp, "folding needs 4-D paddings");
        // Padding taps contribute nothing to the conv, i.e. stand for the input zero point: the
        // PAD must fill with exactly that value.
        if (pad.inputs.size() > 2 && pad.inputs[2] >= 0) {
            const ir::Tensor& value = tensor(pad.inputs[2]);
            if (value.data.empty() || static_cast<int8_t>(value.data[0]) != zeroPoint(step.padOp, pad.outputs[0]))
                fail(ErrorCode::UnsupportedModel, step.padOp, "pads with a value other than the zero point; it cannot fold into the conv");
        }
        if (zeroPoint(step.padOp, pad.inputs[0]) != zeroPoint(step.padOp, pad.outputs[0]))
            fail(ErrorCode::UnsupportedModel, step.padOp, "changes the zero point");
        padTop = amounts[2];
        padLeft = amounts[4];
        paddedH = padOut.shape[1];
        paddedW = padOut.shape[2];
    }
    const int same = op.attrs.padding == ir::Padding::Same ? 1 : 0;
    int32_t outH = 0, outW = 0, ownTop = 0, ownLeft = 0;
    mcu_compute_padding(same, paddedH, p.kernel_h, p.stride_h, p.dilation_h, &outH, &ownTop);
    mcu_compute_padding(same, paddedW, p.kernel_w, p.stride_w, p.dilation_w, &outW, &ownLeft);
    if (outH != p.output_h || outW != p.output_w)
        fail(ErrorCode::InvalidGraph, opIndex,
             "output " + ir::shapeToString(out.shape) + " does not follow from the input and padding (expected " +
                 std::to_string(outH) + "x" + std::to_string(outW) + ")");
    p.pad_top = padTop + ownTop;
    p.pad_left = padLeft + ownLeft;
    p.input_zero_point = zeroPoint(opIndex, input);
    p.output_zero_point = zeroPoint(opIndex, producerOutput);
    const Clamp clamp = clampFor(step, producerOutput);
    p.activation_min = clamp.min;
    p.activation_max = clamp.max;

    const std::vector<float>& filterScales = filter.quant.scale;
    if (filterScales.empty() || (filterScales.size() != 1 && static_cast<int32_t>(filterScales.size()) != p.output_c))
        fail(ErrorCode::UnsupportedModel, opIndex, "filter '" + filter.name + "' needs one scale or one per output channel");
    std::vector<int32_t> multipliers(static_cast<size_t>(p.output_c)), shifts(static_cast<size_t>(p.output_c));
    mcu_conv_quantize_multipliers(scale(opIndex, input), filterScales.data(), static_cast<int>(filterScales.size()),
                                  scale(opIndex, producerOutput), p.output_c, multipliers.data(), shifts.data());

    // Bottom/right padding is implied by the output size; the 1x1 kernel needs none at all.
    const int64_t padBottom = static_cast<int64_t>(p.output_h - 1) * p.stride_h + (p.kernel_h - 1) * p.dilation_h + 1 - p.input_h - p.pad_top;
    const int64_t padRight = static_cast<int64_t>(p.output_w - 1) * p.stride_w + (p.kernel_w - 1) * p.dilation_w + 1 - p.input_w - p.pad_left;
    bool pointwise = !depthwise && p.kernel_h == 1 && p.kernel_w == 1 && p.pad_top == 0 && p.pad_left == 0 &&
                           padBottom <= 0 && padRight <= 0;

    // One input channel with a multiplier: run it as a conv (analysis::depthwiseRunsAsConv), the
    // filter [1][H][W][C] reordered to [C][H][W][1].
    std::string filterName;
    if (depthwise && step.depthwiseAsConv) {
        if (!analysis::depthwiseRunsAsConv(p.input_c, p.depth_multiplier, step.inPlace))
            fail(ErrorCode::InvalidArgument, opIndex, "the plan runs this depthwise conv as a conv, but it has more than one input channel");
        const std::vector<int8_t> hwc = constantValues<int8_t>(filter);
        std::vector<int8_t> ohwi(hwc.size());
        const int32_t taps = p.kernel_h * p.kernel_w;
        for (int32_t oc = 0; oc < p.output_c; ++oc)
            for (int32_t tap = 0; tap < taps; ++tap)
                ohwi[static_cast<size_t>(oc * taps + tap)] = hwc[static_cast<size_t>(tap * p.output_c + oc)];
        data_ << "/* tensor " << op.inputs[1] << " '" << commentSafe(filter.name)
              << "' reordered [1][H][W][C] -> [C][H][W][1]: one input channel, so this depthwise conv runs as a conv */\n";
        emitArrayOf("int8_t", name + "_filter", ohwi);
        filterName = name + "_filter";
        depthwise = false;
        p.depth_multiplier = 1;
        const bool noPadding = p.pad_top == 0 && p.pad_left == 0 && padBottom <= 0 && padRight <= 0;
        pointwise = p.kernel_h == 1 && p.kernel_w == 1 && noPadding;
    } else {
        filterName = constArray(op.inputs[1], name + "_filter");
    }
    const std::string biasName = bias >= 0 ? constArray(bias, name + "_bias") : "NULL";
    emitArrayOf("int32_t", name + "_multiplier", multipliers);
    emitArrayOf("int32_t", name + "_shift", shifts);
    Fields fields;
    fields.add("batches", p.batches).add("input_h", p.input_h).add("input_w", p.input_w).add("input_c", p.input_c)
        .add("output_h", p.output_h).add("output_w", p.output_w).add("output_c", p.output_c)
        .add("kernel_h", p.kernel_h).add("kernel_w", p.kernel_w).add("stride_h", p.stride_h).add("stride_w", p.stride_w)
        .add("dilation_h", p.dilation_h).add("dilation_w", p.dilation_w).add("pad_top", p.pad_top)
        .add("pad_left", p.pad_left).add("depth_multiplier", p.depth_multiplier)
        .add("input_zero_point", p.input_zero_point).add("output_zero_point", p.output_zero_point)
        .add("activation_min", p.activation_min).add("activation_max", p.activation_max)
        .add("output_multiplier", name + "_multiplier").add("output_shift", name + "_shift");
    emitParams("mcu_conv_params", name + "_params", fields);

    if (depthwise && step.inPlace) {
        if (step.outputOffset != schedule_.tensorOffsets[static_cast<size_t>(input)] || p.batches != 1 ||
            p.depth_multiplier != 1 || static_cast<int64_t>(p.output_h) * p.output_w > static_cast<int64_t>(p.input_h) * p.input_w)
            fail(ErrorCode::InvalidArgument, opIndex, "the plan runs this depthwise conv in place, but its shapes or offsets do not allow it");
        const std::string scratch = scratchPointer(step, mcu_depthwise_conv_s8_inplace_scratch_bytes(&p));
        invoke_ << "  mcu_depthwise_conv_s8_inplace(&" << name << "_params, " << pointer(opIndex, step.output, "int8_t", true)
                << ", " << filterName << ", " << biasName << ", " << scratch << ");\n";
        return;
    }
    if (step.inPlace) fail(ErrorCode::InvalidArgument, opIndex, "the plan runs this op in place; only depthwise conv and ADD can");
    const char* kernel = depthwise ? "mcu_depthwise_conv_s8" : pointwise ? "mcu_conv_1x1_s8" : "mcu_conv_s8";
    const size_t needed = depthwise ? mcu_depthwise_conv_s8_scratch_bytes(&p)
                          : pointwise ? mcu_conv_1x1_s8_scratch_bytes(&p)
                                      : mcu_conv_s8_scratch_bytes(&p);
    const std::string scratch = scratchPointer(step, needed);
    invoke_ << "  " << kernel << "(&" << name << "_params, " << pointer(opIndex, input, "int8_t", false) << ", "
            << filterName << ", " << biasName << ", " << pointer(opIndex, step.output, "int8_t", true) << ", " << scratch
            << ");\n";
}

void Generator::emitFullyConnected(const analysis::EngineStep& step, const std::string& name) {
    const int opIndex = step.opIndex;
    const ir::Op& op = graph_.ops[static_cast<size_t>(opIndex)];
    if (op.inputs.size() < 2 || !graph_.isActivation(op.inputs[0]))
        fail(ErrorCode::UnsupportedModel, opIndex, "needs an activation input and a constant filter");
    const int input = op.inputs[0];
    const int producerOutput = op.outputs[0];
    const ir::Tensor& filter = tensor(op.inputs[1]);
    if (filter.shape.size() != 2 || filter.dtype != ir::DType::Int8 || !filter.isConstant)
        fail(ErrorCode::UnsupportedModel, opIndex, "filter must be a constant int8 2-D tensor");
    for (int64_t zp : filter.quant.zeroPoint)
        if (zp != 0) fail(ErrorCode::UnsupportedModel, opIndex, "int8 filter '" + filter.name + "' must have zero point 0");
    const int bias = op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor;
    mcu_fully_connected_params p{};
    p.input_depth = filter.shape[1];
    p.output_depth = filter.shape[0];
    if (p.input_depth <= 0 || tensor(input).elementCount() % p.input_depth != 0)
        fail(ErrorCode::InvalidGraph, opIndex, "input size is not a multiple of the filter depth");
    p.batches = static_cast<int32_t>(tensor(input).elementCount() / p.input_depth);
    p.input_zero_point = zeroPoint(opIndex, input);
    p.output_zero_point = zeroPoint(opIndex, producerOutput);
    const Clamp clamp = clampFor(step, producerOutput);
    p.activation_min = clamp.min;
    p.activation_max = clamp.max;
    const std::vector<float>& filterScales = filter.quant.scale;
    if (filterScales.empty() || (filterScales.size() != 1 && static_cast<int32_t>(filterScales.size()) != p.output_depth))
        fail(ErrorCode::UnsupportedModel, opIndex, "filter '" + filter.name + "' needs one scale or one per output");
    p.per_channel = filterScales.size() > 1 ? 1 : 0;
    // TFLM's GetQuantizedConvolutionMultipler: input * filter scale is taken in float, then
    // widened to double and divided by the output scale.
    std::vector<int32_t> multipliers, shifts;
    for (float filterScale : filterScales) {
        const float product = scale(opIndex, input) * filterScale;
        int32_t multiplier = 0;
        int shift = 0;
        mcu_quantize_multiplier(static_cast<double>(product) / static_cast<double>(scale(opIndex, producerOutput)),
                                &multiplier, &shift);
        multipliers.push_back(multiplier);
        shifts.push_back(shift);
    }
    const std::string filterName = constArray(op.inputs[1], name + "_filter");
    const std::string biasName = bias >= 0 ? constArray(bias, name + "_bias") : "NULL";
    emitArrayOf("int32_t", name + "_multiplier", multipliers);
    emitArrayOf("int32_t", name + "_shift", shifts);
    Fields fields;
    fields.add("batches", p.batches).add("input_depth", p.input_depth).add("output_depth", p.output_depth)
        .add("input_zero_point", p.input_zero_point).add("output_zero_point", p.output_zero_point)
        .add("activation_min", p.activation_min).add("activation_max", p.activation_max)
        .add("per_channel", p.per_channel).add("output_multiplier", name + "_multiplier")
        .add("output_shift", name + "_shift");
    emitParams("mcu_fully_connected_params", name + "_params", fields);
    const std::string scratch = scratchPointer(step, mcu_fully_connected_s8_scratch_bytes(&p));
    invoke_ << "  mcu_fully_connected_s8(&" << name << "_params, " << pointer(opIndex, input, "int8_t", false) << ", "
            << filterName << ", " << biasName << ", " << pointer(opIndex, step.output, "int8_t", true) << ", " << scratch
            << ");\n";
}

void Generator::emitElementwise(const analysis::EngineStep& step, const std::string& name) {
    const int opIndex = step.opIndex;
    const ir::Op& op = graph_.ops[static_cast<size_t>(opIndex)];
    if (op.inputs.size() != 2) fail(ErrorCode::UnsupportedModel, opIndex, "needs two inputs");
    const int a = op.inputs[0], b = op.inputs[1], producerOutput = op.outputs[0];
    for (int t : {a, b, producerOutput})
        if (tensor(t).dtype != ir::DType::Int8 || tensor(t).shape.size() > 4)
            fail(ErrorCode::UnsupportedModel, opIndex, "needs int8 operands of rank 4 or less");
    mcu_elementwise_params p{};
    const bool add = op.kind == OpKind::Add;
    (add ? mcu_add_prepare : mcu_mul_prepare)(scale(opIndex, a), zeroPoint(opIndex, a), scale(opIndex, b),
                                               zeroPoint(opIndex, b), scale(opIndex, producerOutput),
                                               zeroPoint(opIndex, producerOutput), &p);
    const Clamp clamp = clampFor(step, producerOutput);
    Fields fields;
    fields.add("input1_dims", arrayInit(dims4(tensor(a).shape))).add("input2_dims", arrayInit(dims4(tensor(b).shape)))
        .add("output_dims", arrayInit(dims4(tensor(producerOutput).shape)))
        .add("input1_zero_point", p.input1_zero_point).add("input2_zero_point", p.input2_zero_point)
        .add("output_zero_point", p.output_zero_point).add("left_shift", p.left_shift)
        .add("input1_multiplier", p.input1_multiplier).add("input1_shift", p.input1_shift)
        .add("input2_multiplier", p.input2_multiplier).add("input2_shift", p.input2_shift)
        .add("output_multiplier", p.output_multiplier).add("output_shift", p.output_shift)
        .add("activation_min", clamp.min).add("activation_max", clamp.max);
    emitParams("mcu_elementwise_params", name + "_params", fields);
    invoke_ << "  " << (add ? "mcu_add_s8" : "mcu_mul_s8") << "(&" << name << "_params, "
            << pointer(opIndex, a, "int8_t", false) << ", " << pointer(opIndex, b, "int8_t", false) << ", "
            << pointer(opIndex, step.output, "int8_t", true) << ");\n";
}

void Generator::emitPool(const analysis::EngineStep& step, const std::string& name) {
    const int opIndex = step.opIndex;
    const ir::Op& op = graph_.ops[static_cast<size_t>(opIndex)];
    const int input = op.inputs[0], producerOutput = op.outputs[0];
    const ir::Tensor& in = tensor(input);
    const ir::Tensor& out = tensor(producerOutput);
    if (in.shape.size() != 4 || out.shape.size() != 4 || in.dtype != ir::DType::Int8)
        fail(ErrorCode::UnsupportedModel, opIndex, "expects int8 NHWC input and output");
    expectSameQuant(opIndex, input, producerOutput);
    mcu_pool_params p = poolGeometry(in, out, op.attrs);
    const int same = op.attrs.padding == ir::Padding::Same ? 1 : 0;
    int32_t outH = 0, outW = 0;
    mcu_compute_padding(same, p.input_h, p.filter_h, p.stride_h, 1, &outH, &p.pad_top);
    mcu_compute_padding(same, p.input_w, p.filter_w, p.stride_w, 1, &outW, &p.pad_left);
    if (outH != p.output_h || outW != p.output_w)
        fail(ErrorCode::InvalidGraph, opIndex, "output " + ir::shapeToString(out.shape) + " does not follow from the window");
    const Clamp clamp = clampFor(step, producerOutput);
    Fields fields;
    fields.add("batches", p.batches).add("input_h", p.input_h).add("input_w", p.input_w).add("channels", p.channels)
        .add("output_h", p.output_h).add("output_w", p.output_w).add("filter_h", p.filter_h).add("filter_w", p.filter_w)
        .add("stride_h", p.stride_h).add("stride_w", p.stride_w).add("pad_top", p.pad_top).add("pad_left", p.pad_left)
        .add("activation_min", clamp.min).add("activation_max", clamp.max);
    emitParams("mcu_pool_params", name + "_params", fields);
    invoke_ << "  " << (op.kind == OpKind::AveragePool2D ? "mcu_avg_pool_s8" : "mcu_max_pool_s8") << "(&" << name
            << "_params, " << pointer(opIndex, input, "int8_t", false) << ", "
            << pointer(opIndex, step.output, "int8_t", true) << ");\n";
}

void Generator::emitMean(const analysis::EngineStep& step, const std::string& name) {
    const int opIndex = step.opIndex;
    const ir::Op& op = graph_.ops[static_cast<size_t>(opIndex)];
    if (op.inputs.size() != 2 || !tensor(op.inputs[1]).isConstant)
        fail(ErrorCode::UnsupportedModel, opIndex, "needs constant axes");
    const int input = op.inputs[0], output = op.outputs[0];
    const ir::Shape& shape = tensor(input).shape;
    const int rank = static_cast<int>(shape.size());
    const ir::Tensor& axesTensor = tensor(op.inputs[1]);
    std::vector<int64_t> rawAxes;
    if (axesTensor.dtype == ir::DType::Int64) {
        rawAxes = constantValues<int64_t>(axesTensor);
    } else {
        const auto narrow = constantValues<int32_t>(axesTensor);
        rawAxes.assign(narrow.begin(), narrow.end());
    }
    std::set<int> axes;
    for (int64_t axis : rawAxes) {
        const int64_t resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 0 || resolved >= rank) fail(ErrorCode::InvalidGraph, opIndex, "axis " + std::to_string(axis) + " out of range");
        axes.insert(static_cast<int>(resolved));
    }
    if (axes.empty() || *axes.rbegin() - *axes.begin() + 1 != static_cast<int>(axes.size()))
        fail(ErrorCode::UnsupportedModel, opIndex, "reduces non-adjacent axes; the engine's MEAN needs one contiguous run");
    mcu_mean_params p = meanGeometry(shape, *axes.begin(), *axes.rbegin());
    p.input_zero_point = zeroPoint(opIndex, input);
    p.output_zero_point = zeroPoint(opIndex, output);
    rescaleMultiplier(scale(opIndex, input), scale(opIndex, output), &p.multiplier, &p.shift);
    Fields fields;
    fields.add("outer", p.outer).add("reduce", p.reduce).add("inner", p.inner)
        .add("input_zero_point", p.input_zero_point).add("output_zero_point", p.output_zero_point)
        .add("multiplier", p.multiplier).add("shift", p.shift);
    emitParams("mcu_mean_params", name + "_params", fields);
    invoke_ << "  mcu_mean_s8(&" << name << "_params, " << pointer(opIndex, input, "int8_t", false) << ", "
            << pointer(opIndex, step.output, "int8_t", true) << ");\n";
}

void Generator::emitSoftmaxLike(const analysis::EngineStep& step, const std::string& name) {
    const int opIndex = step.opIndex;
    const ir::Op& op = graph_.ops[static_cast<size_t>(opIndex)];
    const int input = op.inputs[0], output = op.outputs[0];
    const ir::Tensor& in = tensor(input);
    if (in.dtype != ir::DType::Int8 || tensor(output).dtype != ir::DType::Int8)
        fail(ErrorCode::UnsupportedModel, opIndex, "needs int8 input and output");
    const std::string from = pointer(opIndex, input, "int8_t", false);
    const std::string to = pointer(opIndex, step.output, "int8_t", true);
    const auto size = static_cast<int32_t>(in.elementCount());
    if (op.kind == OpKind::Softmax) {
        if (scale(opIndex, output) != 1.0f / 256 || zeroPoint(opIndex, output) != -128)
            fail(ErrorCode::UnsupportedModel, opIndex, "int8 SOFTMAX needs output scale 1/256 and zero point -128");
        mcu_softmax_params p{};
        if (mcu_softmax_prepare(static_cast<double>(op.attrs.beta), scale(opIndex, input), &p) != 0)
            fail(ErrorCode::UnsupportedModel, opIndex, "SOFTMAX input multiplier is smaller than one");
        p.depth = in.shape.empty() ? 1 : in.shape.back();
        p.outer = p.depth > 0 ? size / p.depth : 0;
        Fields fields;
        fields.add("outer", p.outer).add("depth", p.depth).add("input_multiplier", p.input_multiplier)
            .add("input_left_shift", p.input_left_shift).add("diff_min", p.diff_min);
        emitParams("mcu_softmax_params", name + "_params", fields);
        invoke_ << "  mcu_softmax_s8(&" << name << "_params, " << from << ", " << to << ");\n";
    } else if (op.kind == OpKind::Logistic) {
        if (scale(opIndex, output) != 1.0f / 256 || zeroPoint(opIndex, output) != -128)
            fail(ErrorCode::UnsupportedModel, opIndex, "int8 LOGISTIC needs output scale 1/256 and zero point -128");
        mcu_logistic_params p{};
        mcu_logistic_prepare(scale(opIndex, input), zeroPoint(opIndex, input), &p);
        p.size = size;
        Fields fields;
        fields.add("size", p.size).add("input_zero_point", p.input_zero_point)
            .add("input_range_radius", p.input_range_radius).add("input_multiplier", p.input_multiplier)
            .add("input_left_shift", p.input_left_shift);
        emitParams("mcu_logistic_params", name + "_params", fields);
        invoke_ << "  mcu_logistic_s8(&" << name << "_params, " << from << ", " << to << ");\n";
    } else {
        mcu_hard_swish_params p{};
        mcu_hard_swish_prepare(scale(opIndex, input), zeroPoint(opIndex, input), scale(opIndex, output),
                               zeroPoint(opIndex, output), &p);
        p.size = size;
        Fields fields;
        fields.add("size", p.size).add("input_zero_point", p.input_zero_point)
            .add("output_zero_point", p.output_zero_point)
            .add("reluish_multiplier_fixedpoint_int16", p.reluish_multiplier_fixedpoint_int16)
            .add("reluish_multiplier_exponent", p.reluish_multiplier_exponent)
            .add("output_multiplier_fixedpoint_int16", p.output_multiplier_fixedpoint_int16)
            .add("output_multiplier_exponent", p.output_multiplier_exponent);
        emitParams("mcu_hard_swish_params", name + "_params", fields);
        invoke_ << "  mcu_hard_swish_s8(&" << name << "_params, " << from << ", " << to << ");\n";
    }
}

void Generator::emitQuantize(const analysis::EngineStep& step, const std::string& name) {
    const int opIndex = step.opIndex;
    const ir::Op& op = graph_.ops[static_cast<size_t>(opIndex)];
    const int input = op.inputs[0], output = op.outputs[0];
    const ir::DType from = tensor(input).dtype, to = tensor(output).dtype;
    const auto size = static_cast<int32_t>(tensor(input).elementCount());
    if (op.kind == OpKind::Dequantize && from == ir::DType::Int8 && to == ir::DType::Float32) {
        invoke_ << "  mcu_dequantize_s8_f32(" << size << ", " << floatLiteral(scale(opIndex, input)) << ", "
                << zeroPoint(opIndex, input) << ", " << pointer(opIndex, input, "int8_t", false) << ", "
                << pointer(opIndex, step.output, "float", true) << ");\n";
    } else if (op.kind == OpKind::Quantize && from == ir::DType::Float32 && to == ir::DType::Int8) {
        invoke_ << "  mcu_quantize_f32_s8(" << size << ", " << floatLiteral(scale(opIndex, output)) << ", "
                << zeroPoint(opIndex, output) << ", " << pointer(opIndex, input, "float", false) << ", "
                << pointer(opIndex, step.output, "int8_t", true) << ");\n";
    } else if (op.kind == OpKind::Quantize && from == ir::DType::Int8 && to == ir::DType::Int8) {
        mcu_requantize_params p{};
        p.size = size;
        p.input_zero_point = zeroPoint(opIndex, input);
        p.output_zero_point = zeroPoint(opIndex, output);
        rescaleMultiplier(scale(opIndex, input), scale(opIndex, output), &p.multiplier, &p.shift);
        Fields fields;
        fields.add("size", p.size).add("input_zero_point", p.input_zero_point)
            .add("output_zero_point", p.output_zero_point).add("multiplier", p.multiplier).add("shift", p.shift);
        emitParams("mcu_requantize_params", name + "_params", fields);
        invoke_ << "  mcu_requantize_s8(&" << name << "_params, " << pointer(opIndex, input, "int8_t", false) << ", "
                << pointer(opIndex, step.output, "int8_t", true) << ");\n";
    } else {
        fail(ErrorCode::UnsupportedModel, opIndex,
             std::string(ir::dtypeName(from)) + " -> " + std::string(ir::dtypeName(to)) + " has no engine kernel");
    }
}

void Generator::emitDataMovement(const analysis::EngineStep& step, const std::string& name) {
    const int opIndex = step.opIndex;
    const ir::Op& op = graph_.ops[static_cast<size_t>(opIndex)];
    const int output = op.outputs[0];
    const ir::Tensor& out = tensor(output);
    for (int t : op.inputs)
        if (t >= 0 && graph_.isActivation(t) && tensor(t).dtype != ir::DType::Int8)
            fail(ErrorCode::UnsupportedModel, opIndex, "needs int8 data");
    const std::string to = pointer(opIndex, step.output, "int8_t", true);
    auto constInts = [&](int t) {
        const ir::Tensor& c = tensor(t);
        if (!c.isConstant) fail(ErrorCode::UnsupportedModel, opIndex, "needs a constant '" + c.name + "'");
        std::vector<int64_t> values;
        if (c.dtype == ir::DType::Int64) values = constantValues<int64_t>(c);
        else for (int32_t v : constantValues<int32_t>(c)) values.push_back(v);
        return values;
    };
    switch (op.kind) {
        case OpKind::Pad: {
            const int input = op.inputs[0];
            const ir::Shape& shape = tensor(input).shape;
            const std::vector<int64_t> amounts = constInts(op.inputs[1]);
            if (shape.size() > 4 || amounts.size() != shape.size() * 2)
                fail(ErrorCode::UnsupportedModel, opIndex, "pads at most 4 dimensions");
            expectSameQuant(opIndex, input, output);
            std::array<int32_t, 4> before{0, 0, 0, 0}, after{0, 0, 0, 0};
            const size_t lead = 4 - shape.size();
            for (size_t d = 0; d < shape.size(); ++d) {
                before[lead + d] = static_cast<int32_t>(amounts[2 * d]);
                after[lead + d] = static_cast<int32_t>(amounts[2 * d + 1]);
            }
            int32_t padValue = zeroPoint(opIndex, output);
            if (op.inputs.size() > 2 && op.inputs[2] >= 0 && !tensor(op.inputs[2]).data.empty())
                padValue = static_cast<int8_t>(tensor(op.inputs[2]).data[0]);
            Fields fields;
            fields.add("input_dims", arrayInit(dims4(shape))).add("pad_before", arrayInit(before))
                .add("pad_after", arrayInit(after)).add("pad_value", padValue);
            emitParams("mcu_pad_params", name + "_params", fields);
            invoke_ << "  mcu_pad_s8(&" << name << "_params, " << pointer(opIndex, input, "int8_t", false) << ", " << to << ");\n";
            return;
        }
        case OpKind::Concatenation: {
            const int rank = static_cast<int>(out.shape.size());
            const int axis = op.attrs.axis < 0 ? op.attrs.axis + rank : op.attrs.axis;
            if (axis < 0 || axis >= rank) fail(ErrorCode::InvalidGraph, opIndex, "axis out of range");
            int64_t outer = 1, inner = 1;
            for (int d = 0; d < axis; ++d) outer *= out.shape[static_cast<size_t>(d)];
            for (int d = axis + 1; d < rank; ++d) inner *= out.shape[static_cast<size_t>(d)];
            std::vector<int64_t> sizes;
            std::string pointers;
            for (int t : op.inputs) {
                expectSameQuant(opIndex, t, output);
                if (static_cast<int>(tensor(t).shape.size()) != rank)
                    fail(ErrorCode::InvalidGraph, opIndex, "inputs must have the output's rank");
                sizes.push_back(tensor(t).shape[static_cast<size_t>(axis)]);
                pointers += (pointers.empty() ? "" : ", ") + pointer(opIndex, t, "int8_t", false);
            }
            emitArray("int32_t", name + "_axis_sizes", sizes);
            Fields fields;
            fields.add("num_inputs", static_cast<int64_t>(sizes.size())).add("outer", outer).add("inner", inner)
                .add("axis_sizes", name + "_axis_sizes");
            emitParams("mcu_concat_params", name + "_params", fields);
            invoke_ << "  {\n    const int8_t* const inputs[" << sizes.size() << "] = {" << pointers << "};\n"
                    << "    mcu_concatenation_s8(&" << name << "_params, inputs, " << to << ");\n  }\n";
            return;
        }
        case OpKind::Transpose: {
            const int input = op.inputs[0];
            const ir::Shape& shape = tensor(input).shape;
            const std::vector<int64_t> perm = constInts(op.inputs[1]);
            if (shape.size() > 6 || perm.size() != shape.size())
                fail(ErrorCode::UnsupportedModel, opIndex, "transposes at most 6 dimensions");
            expectSameQuant(opIndex, input, output);
            std::string dims = "{", permText = "{";
            for (size_t d = 0; d < 6; ++d) {
                dims += (d ? ", " : "") + std::to_string(d < shape.size() ? shape[d] : 1);
                permText += (d ? ", " : "") + std::to_string(d < perm.size() ? perm[d] : static_cast<int64_t>(d));
            }
            Fields fields;
            fields.add("rank", static_cast<int64_t>(shape.size())).add("input_dims", dims + "}").add("perm", permText + "}");
            emitParams("mcu_transpose_params", name + "_params", fields);
            invoke_ << "  mcu_transpose_s8(&" << name << "_params, " << pointer(opIndex, input, "int8_t", false) << ", " << to << ");\n";
            return;
        }
        default: {  // RESIZE_NEAREST_NEIGHBOR
            const int input = op.inputs[0];
            const ir::Shape& shape = tensor(input).shape;
            if (shape.size() != 4 || out.shape.size() != 4) fail(ErrorCode::UnsupportedModel, opIndex, "needs NHWC tensors");
            expectSameQuant(opIndex, input, output);
            Fields fields;
            fields.add("batches", shape[0]).add("input_h", shape[1]).add("input_w", shape[2]).add("channels", shape[3])
                .add("output_h", out.shape[1]).add("output_w", out.shape[2])
                .add("align_corners", op.attrs.alignCorners ? 1 : 0).add("half_pixel_centers", op.attrs.halfPixelCenters ? 1 : 0);
            emitParams("mcu_resize_params", name + "_params", fields);
            invoke_ << "  mcu_resize_nearest_s8(&" << name << "_params, " << pointer(opIndex, input, "int8_t", false) << ", " << to << ");\n";
            return;
        }
    }
}

std::string Generator::headerText() const {
    const std::string P = upper(options_.prefix), p = options_.prefix;
    std::ostringstream h;
    h << "/* The API of the generated model"
      << (options_.sourceName.empty() ? std::string() : " " + commentSafe(options_.sourceName))
      << " (prefix " << p << "_). Generated by MCUNet Studio; do not edit.\n"
      << " *\n"
      << " * Write each input's bytes to " << p << "_input(i), call " << p << "_invoke(), read each output at\n"
      << " * " << p << "_output(i). Inputs and outputs live inside the model's one static arena: write the\n"
      << " * inputs again before every " << p << "_invoke() (the arena is reused), and copy the outputs out\n"
      << " * before the next call. No heap; not reentrant.\n"
      << " */\n"
      << "#ifndef " << P << "_MODEL_H\n#define " << P << "_MODEL_H\n\n#include <stdint.h>\n\n"
      << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
      << "/* Activations and kernel scratch, planned by the engine planner (" << commentSafe(plan_.strategy) << "). */\n"
      << "#define " << P << "_ARENA_BYTES " << plan_.arenaBytes << "\n"
      << "#define " << P << "_NUM_INPUTS " << schedule_.inputTensors.size() << "\n"
      << "#define " << P << "_NUM_OUTPUTS " << schedule_.outputTensors.size() << "\n\n";
    for (size_t i = 0; i < schedule_.inputTensors.size(); ++i) {
        const int t = schedule_.inputTensors[i];
        h << "/* Input " << i << ": tensor " << t << " '" << commentSafe(tensor(t).name) << "', " << tensorText(tensor(t))
          << ", " << quantText(tensor(t)) << ".";
        // A graph input whose QUANTIZE the plan dropped: say how to quantize by hand.
        if (std::find(graph_.inputs.begin(), graph_.inputs.end(), t) == graph_.inputs.end()) {
            const auto producer = graph_.producerOf(t);
            if (producer && graph_.ops[static_cast<size_t>(*producer)].kind == OpKind::Quantize) {
                const int source = graph_.ops[static_cast<size_t>(*producer)].inputs[0];
                h << "\n * The model's input is tensor " << source << " '" << commentSafe(tensor(source).name) << "' ("
                  << tensorText(tensor(source)) << "); its QUANTIZE (op " << *producer
                  << ") was dropped, so quantize\n * each value x yourself: q = clamp(round(x / " << floatText(scale(*producer, t))
                  << ") + " << zeroPoint(*producer, t) << ", -128, 127).";
            }
        }
        h << " */\n#define " << P << "_INPUT" << i << "_BYTES " << tensor(t).byteSize() << "\n";
    }
    for (size_t i = 0; i < schedule_.outputTensors.size(); ++i) {
        const int t = schedule_.outputTensors[i];
        h << "/* Output " << i << ": tensor " << t << " '" << commentSafe(tensor(t).name) << "', " << tensorText(tensor(t))
          << ", " << quantText(tensor(t)) << ". */\n#define " << P << "_OUTPUT" << i << "_BYTES " << tensor(t).byteSize() << "\n";
    }
    h << "\n/* Pointer to input `index` inside the arena (NULL for a bad index). */\n"
      << "void* " << p << "_input(int index);\n"
      << "/* Pointer to output `index` inside the arena (NULL for a bad index); valid until the next invoke. */\n"
      << "const void* " << p << "_output(int index);\n"
      << "int32_t " << p << "_input_bytes(int index);\n"
      << "int32_t " << p << "_output_bytes(int index);\n"
      << "/* One inference: " << schedule_.steps.size() << " kernel calls. */\n"
      << "void " << p << "_invoke(void);\n\n"
      << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << P << "_MODEL_H */\n";
    return h.str();
}

std::string Generator::sourceText() const {
    const std::string p = options_.prefix;
    std::ostringstream c;
    c << "/* Generated by MCUNet Studio from "
      << commentSafe(options_.sourceName.empty() ? (graph_.name.empty() ? std::string("a model") : graph_.name) : options_.sourceName)
      << "; do not edit.\n"
      << " * " << graph_.ops.size() << " graph ops -> " << schedule_.steps.size() << " kernel steps; arena "
      << plan_.arenaBytes << " bytes (engine plan, " << commentSafe(plan_.strategy) << "); const data " << constBytes_
      << " bytes.\n";
    for (const std::string& note : plan_.notes) c << " * " << commentSafe(note) << "\n";
    c << " */\n#include \"model.h\"\n\n#include <stddef.h>\n\n#include \"mcunet_engine/mcunet_engine.h\"\n\n"
      << "#if defined(__GNUC__)\n#define MCU_ARENA_ALIGN __attribute__((aligned(16)))\n#else\n#define MCU_ARENA_ALIGN\n#endif\n\n"
      << "/* Per-step hooks, empty unless defined when compiling (e.g. to read a cycle counter per layer). */\n"
      << "#ifndef " << upper(p) << "_STEP_BEGIN\n#define " << upper(p) << "_STEP_BEGIN(step) ((void)0)\n#endif\n"
      << "#ifndef " << upper(p) << "_STEP_END\n#define " << upper(p) << "_STEP_END(step) ((void)0)\n#endif\n\n"
      << "/* Every activation and scratch buffer, at the offsets of the memory plan. */\n"
      << "static int8_t arena[" << plan_.arenaBytes << "] MCU_ARENA_ALIGN;\n"
      << data_.str() << "\n"
      << "void " << p << "_invoke(void) {\n" << invoke_.str() << "}\n\n";
    auto accessor = [&](const char* ret, const char* what, const std::vector<int>& tensors, bool bytes) {
        c << ret << " " << p << "_" << what << (bytes ? "_bytes" : "") << "(int index) {\n  switch (index) {\n";
        for (size_t i = 0; i < tensors.size(); ++i) {
            const size_t t = static_cast<size_t>(tensors[i]);
            c << "    case " << i << ": return " << (bytes ? std::to_string(graph_.tensors[t].byteSize())
                                                           : "arena + " + std::to_string(schedule_.tensorOffsets[t]))
              << ";\n";
        }
        c << "    default: return " << (bytes ? "0" : "NULL") << ";\n  }\n}\n\n";
    };
    accessor("void*", "input", schedule_.inputTensors, false);
    accessor("const void*", "output", schedule_.outputTensors, false);
    accessor("int32_t", "input", schedule_.inputTensors, true);
    accessor("int32_t", "output", schedule_.outputTensors, true);
    std::string text = c.str();
    text.pop_back();  // one trailing newline
    return text;
}

GeneratedModel Generator::run() {
    if (!isCIdentifier(options_.prefix))
        throw Error(ErrorCode::InvalidArgument, "codegen: prefix '" + options_.prefix + "' is not a C identifier");
    if (plan_.runtime != "engine" || schedule_.tensorOffsets.size() != graph_.tensors.size() || schedule_.steps.empty())
        throw Error(ErrorCode::InvalidArgument,
                    "codegen: the memory plan is not an engine plan of this graph (use analysis::planEngine)");
    for (const std::vector<int>* list : {&schedule_.inputTensors, &schedule_.outputTensors})
        for (int t : *list)
            if (t < 0 || t >= static_cast<int>(graph_.tensors.size()) || schedule_.tensorOffsets[static_cast<size_t>(t)] < 0)
                throw Error(ErrorCode::UnsupportedModel,
                            "codegen: a model input or output is not an arena tensor (constant or unused)");
    // What the reference interpreter refuses (a SOFTMAX scale below its fixed-point range, a zero
    // point outside int8, ...) is refused here with its message, never emitted unchecked.
    runtime::checkExecutable(graph_);
    for (size_t i = 0; i < schedule_.steps.size(); ++i) emitStep(i, schedule_.steps[i]);

    GeneratedModel model;
    model.prefix = options_.prefix;
    model.arenaBytes = plan_.arenaBytes;
    model.constBytes = constBytes_;
    model.inputTensors = schedule_.inputTensors;
    model.outputTensors = schedule_.outputTensors;
    for (int t : model.inputTensors) model.inputBytes.push_back(tensor(t).byteSize());
    for (int t : model.outputTensors) model.outputBytes.push_back(tensor(t).byteSize());
    model.files.push_back({"model.h", headerText()});
    model.files.push_back({"model.c", sourceText()});
    return model;
}

}  // namespace

const GeneratedFile* GeneratedModel::file(const std::string& name) const {
    for (const GeneratedFile& f : files)
        if (f.name == name) return &f;
    return nullptr;
}

GeneratedModel generateModel(const ir::Graph& graph, const analysis::MemoryPlan& plan, const CodegenOptions& options) {
    return Generator(graph, plan, options).run();
}

void writeGeneratedModel(const GeneratedModel& model, const std::string& directory) {
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) throw fileError(ErrorCode::FileNotFound, directory, "cannot create the directory (" + ec.message() + ")");
    for (const GeneratedFile& file : model.files) {
        const std::string path = (std::filesystem::path(directory) / file.name).string();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << file.content;
        out.close();
        if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot write the generated file");
    }
}

std::string hostHarnessSource(const std::string& prefix, const std::string& header) {
    const std::string P = upper(prefix), p = prefix;
    return "/* Host harness for a generated model: PROG IN_0 [IN_1 ...] OUT. Generated by MCUNet Studio. */\n"
           "#include <stdio.h>\n#include <string.h>\n\n#include \"" + header + "\"\n\n"
           "static int read_exact(const char* path, void* data, long bytes) {\n"
           "  FILE* f = fopen(path, \"rb\");\n"
           "  long size;\n"
           "  if (!f) { fprintf(stderr, \"%s: cannot open\\n\", path); return 0; }\n"
           "  fseek(f, 0, SEEK_END);\n  size = ftell(f);\n  fseek(f, 0, SEEK_SET);\n"
           "  if (size != bytes || fread(data, 1, (size_t)bytes, f) != (size_t)bytes) {\n"
           "    fprintf(stderr, \"%s: has %ld bytes, the input needs %ld\\n\", path, size, bytes);\n"
           "    fclose(f);\n    return 0;\n  }\n  fclose(f);\n  return 1;\n}\n\n"
           "int main(int argc, char** argv) {\n"
           "  int i;\n  FILE* out;\n"
           "  if (argc != " + P + "_NUM_INPUTS + 2) {\n"
           "    fprintf(stderr, \"usage: %s IN_0 ... OUT (%d inputs)\\n\", argv[0], " + P + "_NUM_INPUTS);\n"
           "    return 2;\n  }\n"
           "  for (i = 0; i < " + P + "_NUM_INPUTS; ++i)\n"
           "    if (!read_exact(argv[1 + i], " + p + "_input(i), " + p + "_input_bytes(i))) return 1;\n"
           "  " + p + "_invoke();\n"
           "  out = fopen(argv[argc - 1], \"wb\");\n"
           "  if (!out) { fprintf(stderr, \"%s: cannot write\\n\", argv[argc - 1]); return 1; }\n"
           "  for (i = 0; i < " + P + "_NUM_OUTPUTS; ++i)\n"
           "    fwrite(" + p + "_output(i), 1, (size_t)" + p + "_output_bytes(i), out);\n"
           "  return fclose(out) == 0 ? 0 : 1;\n}\n";
}

}  // namespace mcunet::codegen
