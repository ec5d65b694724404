#include "runtime/interpreter.h"

#include <cstring>

#include "runtime/kernels.h"
#include "util/error.h"

namespace mcunet::runtime {
namespace {

using PrepareFn = void (*)(const KernelContext&, PreparedOp&);
using EvalFn = void (*)(const KernelContext&, const PreparedOp&);

struct KernelEntry {
    PrepareFn prepare;
    EvalFn eval;
};

KernelEntry kernelFor(ir::OpKind kind) {
    switch (kind) {
        case ir::OpKind::Conv2D: return {prepareConv, evalConv};
        case ir::OpKind::DepthwiseConv2D: return {prepareDepthwiseConv, evalDepthwiseConv};
        case ir::OpKind::FullyConnected: return {prepareFullyConnected, evalFullyConnected};
        case ir::OpKind::Add: return {prepareAddMul, evalAdd};
        case ir::OpKind::Mul: return {prepareAddMul, evalMul};
        case ir::OpKind::AveragePool2D: return {preparePool, evalAveragePool};
        case ir::OpKind::MaxPool2D: return {preparePool, evalMaxPool};
        case ir::OpKind::Mean: return {prepareMean, evalMean};
        case ir::OpKind::Reshape:
        case ir::OpKind::Squeeze: return {prepareReshape, evalCopy};
        case ir::OpKind::Transpose: return {prepareTranspose, evalTranspose};
        case ir::OpKind::Softmax: return {prepareSoftmax, evalSoftmax};
        case ir::OpKind::Pad: return {preparePad, evalPad};
        case ir::OpKind::Concatenation: return {prepareConcatenation, evalConcatenation};
        case ir::OpKind::Quantize: return {prepareQuantize, evalQuantize};
        case ir::OpKind::Dequantize: return {prepareDequantize, evalDequantize};
        case ir::OpKind::Relu:
        case ir::OpKind::Relu6:
        case ir::OpKind::Logistic:
        case ir::OpKind::HardSwish: return {prepareActivation, evalActivation};
        case ir::OpKind::ResizeNearestNeighbor: return {prepareResizeNearest, evalResizeNearest};
        case ir::OpKind::Unsupported: break;
    }
    return {nullptr, nullptr};
}

std::string graphPrefix(const ir::Graph& graph) { return graph.name.empty() ? std::string() : graph.name + ": "; }

}  // namespace

Interpreter::Interpreter(ir::Graph graph) : graph_(std::move(graph)) { prepare(/*allocateActivations=*/true); }

Interpreter::Interpreter(const ir::Graph& graph, PrepareOnly) : graph_(graph) { prepare(/*allocateActivations=*/false); }

void Interpreter::prepare(bool allocateActivations) {
    // Unsupported ops are reported all at once, each with its index, before anything else.
    std::string unsupported;
    for (size_t i = 0; i < graph_.ops.size(); ++i) {
        if (kernelFor(graph_.ops[i].kind).prepare) continue;
        unsupported += (unsupported.empty() ? "" : ", ") + std::string("op ") + std::to_string(i) + " " +
                       graph_.ops[i].name();
    }
    if (!unsupported.empty())
        throw Error(ErrorCode::UnsupportedModel,
                    graphPrefix(graph_) + "the reference interpreter cannot execute " + unsupported);

    const int tensorCount = static_cast<int>(graph_.tensors.size());
    for (int t : graph_.inputs)
        if (t < 0 || t >= tensorCount)
            throw Error(ErrorCode::InvalidGraph, graphPrefix(graph_) + "graph input refers to missing tensor " + std::to_string(t));
    for (int t : graph_.outputs)
        if (t < 0 || t >= tensorCount)
            throw Error(ErrorCode::InvalidGraph, graphPrefix(graph_) + "graph output refers to missing tensor " + std::to_string(t));

    buffers_.resize(graph_.tensors.size());
    for (size_t t = 0; t < graph_.tensors.size(); ++t) {
        const ir::Tensor& tensor = graph_.tensors[t];
        for (int32_t dim : tensor.shape)
            if (dim < 0)
                throw Error(ErrorCode::UnsupportedModel, graphPrefix(graph_) + "tensor " + std::to_string(t) + " '" +
                                                             tensor.name + "' has a dynamic shape " +
                                                             ir::shapeToString(tensor.shape));
        const auto bytes = static_cast<size_t>(tensor.byteSize());
        if (tensor.isConstant) {
            if (tensor.data.size() < bytes)
                throw Error(ErrorCode::InvalidGraph, graphPrefix(graph_) + "constant tensor " + std::to_string(t) + " '" +
                                                         tensor.name + "' has " + std::to_string(tensor.data.size()) +
                                                         " bytes, expected " + std::to_string(bytes));
            buffers_[t].assign(tensor.data.begin(), tensor.data.begin() + static_cast<std::ptrdiff_t>(bytes));
        } else if (allocateActivations) {
            buffers_[t].assign(bytes, 0);
        }
    }

    prepared_.reserve(graph_.ops.size());
    for (size_t i = 0; i < graph_.ops.size(); ++i) {
        const ir::Op& op = graph_.ops[i];
        KernelContext ctx{graph_, op, static_cast<int>(i), buffers_};
        for (int t : op.outputs)
            if (t >= 0 && t < tensorCount && graph_.tensors[t].isConstant)
                ctx.fail("writes constant tensor " + std::to_string(t));
        auto prepared = std::make_unique<PreparedOp>();
        kernelFor(op.kind).prepare(ctx, *prepared);
        prepared_.push_back(std::move(prepared));
    }
}

void checkExecutable(const ir::Graph& graph) { (void)Interpreter(graph, Interpreter::PrepareOnly{}); }

Interpreter::~Interpreter() = default;
Interpreter::Interpreter(Interpreter&&) noexcept = default;
Interpreter& Interpreter::operator=(Interpreter&&) noexcept = default;

const ir::Tensor& Interpreter::inputTensor(size_t index) const {
    if (index >= graph_.inputs.size())
        throw Error(ErrorCode::InvalidArgument, graphPrefix(graph_) + "input " + std::to_string(index) +
                                                    " does not exist (the model has " +
                                                    std::to_string(graph_.inputs.size()) + ")");
    return graph_.tensors[graph_.inputs[index]];
}

const ir::Tensor& Interpreter::outputTensor(size_t index) const {
    if (index >= graph_.outputs.size())
        throw Error(ErrorCode::InvalidArgument, graphPrefix(graph_) + "output " + std::to_string(index) +
                                                    " does not exist (the model has " +
                                                    std::to_string(graph_.outputs.size()) + ")");
    return graph_.tensors[graph_.outputs[index]];
}

void Interpreter::setInput(size_t index, std::span<const uint8_t> bytes) {
    const ir::Tensor& tensor = inputTensor(index);
    auto& buffer = buffers_[graph_.inputs[index]];
    if (bytes.size() != buffer.size())
        throw Error(ErrorCode::InvalidArgument,
                    graphPrefix(graph_) + "input " + std::to_string(index) + " '" + tensor.name + "' (" +
                        std::string(ir::dtypeName(tensor.dtype)) + " " + ir::shapeToString(tensor.shape) + ") needs " +
                        std::to_string(buffer.size()) + " bytes, got " + std::to_string(bytes.size()));
    if (!bytes.empty()) std::memcpy(buffer.data(), bytes.data(), bytes.size());
}

void Interpreter::invoke() { invoke(Progress::none()); }

void Interpreter::invoke(Progress& progress) {
    const size_t count = graph_.ops.size();
    for (size_t i = 0; i < count; ++i) {
        const ir::Op& op = graph_.ops[i];
        if (progress.listening())
            progress.report(static_cast<double>(i) / static_cast<double>(count),
                            "running op " + std::to_string(i + 1) + " of " + std::to_string(count) + " (" + op.name() + ")");
        else
            progress.check();
        KernelContext ctx{graph_, op, static_cast<int>(i), buffers_};
        kernelFor(op.kind).eval(ctx, *prepared_[i]);
    }
    progress.report(1.0, "done");
}

std::span<const uint8_t> Interpreter::output(size_t index) const {
    outputTensor(index);  // bounds check
    return buffers_[graph_.outputs[index]];
}

std::span<const uint8_t> Interpreter::tensorBytes(int tensor) const {
    if (tensor < 0 || tensor >= static_cast<int>(buffers_.size()))
        throw Error(ErrorCode::InvalidArgument,
                    graphPrefix(graph_) + "tensor " + std::to_string(tensor) + " does not exist");
    return buffers_[tensor];
}

uint32_t fnv1a(std::span<const uint8_t> bytes) {
    uint32_t hash = 0x811c9dc5u;
    for (uint8_t b : bytes) {
        hash ^= b;
        hash *= 0x01000193u;
    }
    return hash;
}

}  // namespace mcunet::runtime
