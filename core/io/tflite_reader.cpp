#include "io/tflite_reader.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <vector>

#include "ir/validate.h"
#include "tflite_schema_generated.h"
#include "util/error.h"
#include "util/file.h"

namespace mcunet::io {
namespace {

// Tensors larger than this are refused as unsupported: no microcontroller holds them, and the
// limit keeps every byte count downstream far from int64 overflow.
constexpr int64_t kMaxTensorBytes = int64_t{1} << 31;

// How far past the end of a file that fails verification we look (with zeros) to tell a file
// that was cut short from one whose bytes are damaged.
constexpr size_t kTruncationProbeMax = size_t{64} << 20;

std::string stemOf(const std::string& path) {
    return std::filesystem::path(path).stem().string();
}

// A guess at what a non-TFLite file is, so the message can tell the user what they opened.
std::string formatHint(const uint8_t* data, size_t size) {
    auto startsWith = [&](const char* magic, size_t n) {
        return size >= n && std::memcmp(data, magic, n) == 0;
    };
    if (startsWith("\x89PNG", 4)) return "looks like a PNG image";
    if (startsWith("\xFF\xD8\xFF", 3)) return "looks like a JPEG image";
    if (startsWith("GIF8", 4)) return "looks like a GIF image";
    if (startsWith("\x89HDF", 4))
        return "looks like a Keras HDF5 (.h5) model; convert it with tf.lite.TFLiteConverter first";
    if (startsWith("PK\x03\x04", 4))
        return "looks like a ZIP archive (a zipped model or a .keras file?); unzip it or convert "
               "it to .tflite first";
    if (startsWith("\x1F\x8B", 2)) return "looks like a gzip archive; decompress it first";
    if (startsWith("\x7F" "ELF", 4)) return "looks like an ELF executable";
    if (startsWith("%PDF", 4)) return "looks like a PDF document";
    if (startsWith("BM", 2) && size >= 14) return "looks like a BMP image";

    // Text: JSON (e.g. an MCUNet config), or any other readable file.
    const size_t probe = std::min<size_t>(size, 512);
    bool text = true;
    for (size_t i = 0; i < probe && text; ++i) {
        const uint8_t c = data[i];
        text = c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c != 0x7F);
    }
    if (!text) return "";
    size_t first = 0;
    while (first < probe && (data[first] == ' ' || data[first] == '\n' || data[first] == '\r' ||
                             data[first] == '\t'))
        ++first;
    if (first < probe && (data[first] == '{' || data[first] == '['))
        return "looks like JSON (an MCUNet config? open it as a config, not as a .tflite model)";
    return "looks like a text file";
}

uint32_t readLe32(const uint8_t* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

bool verifies(const uint8_t* data, size_t size) {
    flatbuffers::Verifier::Options options;  // depth 64, 1M tables, alignment checked
    flatbuffers::Verifier verifier(data, std::min<size_t>(size, FLATBUFFERS_MAX_BUFFER_SIZE - 1),
                                   options);
    return tflite::VerifyModelBuffer(verifier);
}

// A file cut short refers to bytes past its end; if the same bytes followed by zeros verify, the
// structure itself is intact and the file was truncated. Only used to word the error.
bool looksTruncated(const uint8_t* data, size_t size) {
    const size_t extra = std::min(std::max(size * 8, size_t{1} << 20), kTruncationProbeMax);
    std::vector<uint8_t> padded(size + extra, 0);
    std::memcpy(padded.data(), data, size);
    return verifies(padded.data(), padded.size());
}

ir::DType toDType(tflite::TensorType type) {
    switch (type) {
        case tflite::TensorType::FLOAT32: return ir::DType::Float32;
        case tflite::TensorType::INT8: return ir::DType::Int8;
        case tflite::TensorType::UINT8: return ir::DType::UInt8;
        case tflite::TensorType::INT16: return ir::DType::Int16;
        case tflite::TensorType::INT32: return ir::DType::Int32;
        case tflite::TensorType::INT64: return ir::DType::Int64;
        case tflite::TensorType::BOOL: return ir::DType::Bool;
        default: return ir::DType::Other;  // float16, string, int4, ...: bytes kept as they are
    }
}

struct OpInfo {
    ir::OpKind kind;
    int minInputs;      // leading inputs that must be present (not -1)
    int maxInputs;      // -1: any number
};

// Our op set, keyed by TFLite builtin code. Inputs counts follow the TFLite kernels.
bool lookupOp(int32_t code, OpInfo& info) {
    using B = tflite::BuiltinOperator;
    using K = ir::OpKind;
    switch (static_cast<B>(code)) {
        case B::CONV_2D: info = {K::Conv2D, 2, 3}; return true;
        case B::DEPTHWISE_CONV_2D: info = {K::DepthwiseConv2D, 2, 3}; return true;
        case B::FULLY_CONNECTED: info = {K::FullyConnected, 2, 3}; return true;
        case B::ADD: info = {K::Add, 2, 2}; return true;
        case B::MUL: info = {K::Mul, 2, 2}; return true;
        case B::AVERAGE_POOL_2D: info = {K::AveragePool2D, 1, 1}; return true;
        case B::MAX_POOL_2D: info = {K::MaxPool2D, 1, 1}; return true;
        case B::MEAN: info = {K::Mean, 2, 2}; return true;
        case B::RESHAPE: info = {K::Reshape, 1, 2}; return true;
        case B::SQUEEZE: info = {K::Squeeze, 1, 1}; return true;
        case B::TRANSPOSE: info = {K::Transpose, 2, 2}; return true;
        case B::SOFTMAX: info = {K::Softmax, 1, 1}; return true;
        case B::PAD: info = {K::Pad, 2, 2}; return true;
        case B::CONCATENATION: info = {K::Concatenation, 1, -1}; return true;
        case B::QUANTIZE: info = {K::Quantize, 1, 1}; return true;
        case B::DEQUANTIZE: info = {K::Dequantize, 1, 1}; return true;
        case B::RELU: info = {K::Relu, 1, 1}; return true;
        case B::RELU6: info = {K::Relu6, 1, 1}; return true;
        case B::LOGISTIC: info = {K::Logistic, 1, 1}; return true;
        case B::HARD_SWISH: info = {K::HardSwish, 1, 1}; return true;
        case B::RESIZE_NEAREST_NEIGHBOR: info = {K::ResizeNearestNeighbor, 2, 2}; return true;
        default: return false;
    }
}

// Reads one verified model into a Graph; every index is checked before use.
class Importer {
public:
    Importer(const tflite::Model& model, const uint8_t* file, size_t fileSize, std::string name)
        : model_(model), file_(file), fileSize_(fileSize), name_(std::move(name)) {}

    ir::Graph run() {
        const auto* subgraphs = model_.subgraphs();
        if (!subgraphs || subgraphs->size() == 0)
            corrupt("the model has no subgraph");
        const tflite::SubGraph& sg = *subgraphs->Get(0);

        ir::Graph graph;
        graph.name = stemOf(name_);
        readTensors(sg, graph);
        const int tensorCount = static_cast<int>(graph.tensors.size());
        graph.inputs = graphIndices(sg.inputs(), "input", tensorCount);
        graph.outputs = graphIndices(sg.outputs(), "output", tensorCount);
        if (const auto* ops = sg.operators()) {
            graph.ops.reserve(ops->size());
            for (flatbuffers::uoffset_t i = 0; i < ops->size(); ++i)
                graph.ops.push_back(readOp(static_cast<int>(i), *ops->Get(i), graph));
        }
        return graph;
    }

private:
    [[noreturn]] void corrupt(const std::string& what) const {
        throw fileError(ErrorCode::CorruptFile, name_,
                        "corrupt TFLite model: " + what +
                            "; the file is damaged or was written by a faulty tool, re-export it "
                            "with the TensorFlow Lite converter");
    }
    [[noreturn]] void unsupported(const std::string& what) const {
        throw fileError(ErrorCode::UnsupportedModel, name_, what);
    }

    static std::string tensorLabel(int index, const std::string& name) {
        return "tensor " + std::to_string(index) + (name.empty() ? "" : " '" + name + "'");
    }

    void readTensors(const tflite::SubGraph& sg, ir::Graph& graph) const {
        const auto* tensors = sg.tensors();
        if (!tensors) return;
        graph.tensors.resize(tensors->size());
        for (flatbuffers::uoffset_t i = 0; i < tensors->size(); ++i)
            readTensor(static_cast<int>(i), *tensors->Get(i), graph.tensors[i]);
    }

    void readTensor(int index, const tflite::Tensor& in, ir::Tensor& out) const {
        if (in.name()) out.name = in.name()->str();
        const std::string label = tensorLabel(index, out.name);
        out.dtype = toDType(in.type());
        out.isVariable = in.is_variable();
        if (in.sparsity())
            unsupported(label + " is sparse; densify the model (TFLite DENSIFY) before importing");

        // Shape, with the byte size bounded so later arithmetic cannot overflow. Zero dimensions
        // are skipped in the bound: elementCount() multiplies left to right, so [big, big, 0]
        // overflows before it reaches the 0.
        int64_t bytes = ir::dtypeSize(out.dtype);
        if (const auto* shape = in.shape()) {
            out.shape.assign(shape->begin(), shape->end());
            for (int32_t dim : out.shape) {
                if (dim < 0)
                    corrupt(label + " has negative dimension " + std::to_string(dim) +
                            " in shape [" + ir::shapeToString(out.shape) + "]");
                bytes = std::min(bytes * std::max(dim, 1), kMaxTensorBytes + 1);
            }
            if (bytes > kMaxTensorBytes)
                unsupported(label + " of shape " + ir::shapeToString(out.shape) +
                            " has dimensions multiplying to more than 2 GiB; tensors that large are not supported");
        }

        readQuantization(label, in.quantization(), out);
        readData(label, in.buffer(), out);
    }

    void readQuantization(const std::string& label, const tflite::QuantizationParameters* q,
                          ir::Tensor& out) const {
        if (!q || !q->scale() || q->scale()->size() == 0) return;  // not quantized (or min/max only)
        const auto* scale = q->scale();
        const auto* zeroPoint = q->zero_point();
        const size_t count = scale->size();
        out.quant.scale.assign(scale->begin(), scale->end());
        if (!zeroPoint || zeroPoint->size() == 0) {
            out.quant.zeroPoint.assign(count, 0);
        } else if (zeroPoint->size() == count) {
            // The verifier aligns a vector to its 4-byte length field, not to its int64 elements
            // (fuzzing found one 4 bytes off): copy the bytes rather than read int64s in place.
            out.quant.zeroPoint.resize(count);
            std::memcpy(out.quant.zeroPoint.data(), zeroPoint->Data(), count * sizeof(int64_t));
        } else {
            corrupt(label + " has " + std::to_string(count) + " quantization scales but " +
                    std::to_string(zeroPoint->size()) + " zero points");
        }
        const int32_t axis = q->quantized_dimension();
        const int rank = static_cast<int>(out.shape.size());
        if (count > 1) {
            const bool axisFits = axis >= 0 && axis < rank;
            if (axisFits && static_cast<size_t>(out.shape[axis]) == count) {
                out.quant.axis = axis;
            } else if (rank == 1 && static_cast<size_t>(out.shape[0]) == count) {
                // Converters copy the weights' quantized dimension (e.g. 3) onto the 1-D bias;
                // TFLite reads a per-channel bias along its only axis, and so do we.
                out.quant.axis = 0;
            } else if (!axisFits) {
                corrupt(label + ": quantized dimension " + std::to_string(axis) +
                        " is outside its shape " + ir::shapeToString(out.shape));
            } else {
                corrupt(label + " has " + std::to_string(count) +
                        " per-channel scales but dimension " + std::to_string(axis) +
                        " of its shape " + ir::shapeToString(out.shape) + " has " +
                        std::to_string(out.shape[axis]) + " channels");
            }
        } else {
            out.quant.axis = axis >= 0 && axis < rank ? axis : 0;
        }
    }

    void readData(const std::string& label, uint32_t bufferIndex, ir::Tensor& out) const {
        const auto* buffers = model_.buffers();
        const uint32_t bufferCount = buffers ? buffers->size() : 0;
        if (bufferIndex == 0 && bufferCount == 0) return;  // no buffers at all: nothing constant
        if (bufferIndex >= bufferCount)
            corrupt(label + " refers to buffer " + std::to_string(bufferIndex) +
                    ", but the model has " + std::to_string(bufferCount) + " buffers");
        const tflite::Buffer& buffer = *buffers->Get(bufferIndex);

        const uint8_t* bytes = nullptr;
        size_t size = 0;
        if (buffer.data() && buffer.data()->size() > 0) {
            bytes = buffer.data()->data();
            size = buffer.data()->size();
        } else if (buffer.offset() > 1) {
            // Schema 3c: the data lies outside the flatbuffer, `offset` bytes into the file.
            const uint64_t offset = buffer.offset(), length = buffer.size();
            if (offset > fileSize_ || length > fileSize_ - offset)
                corrupt("buffer " + std::to_string(bufferIndex) + " of " + label +
                        " lies at bytes [" + std::to_string(offset) + ", +" +
                        std::to_string(length) + "), beyond the end of the file (" +
                        std::to_string(fileSize_) + " bytes); the file may be truncated");
            bytes = file_ + offset;
            size = static_cast<size_t>(length);
        }
        if (size == 0) return;
        // A variable tensor's buffer is an initial value of mutable state, not a constant.
        if (out.isVariable) return;

        if (out.dtype != ir::DType::Other && static_cast<int64_t>(size) != out.byteSize())
            corrupt(label + " of shape " + ir::shapeToString(out.shape) + " " +
                    std::string(ir::dtypeName(out.dtype)) + " needs " +
                    std::to_string(out.byteSize()) + " bytes, but its buffer " +
                    std::to_string(bufferIndex) + " holds " + std::to_string(size));
        out.data.assign(bytes, bytes + size);
        out.isConstant = true;
    }

    std::vector<int> graphIndices(const flatbuffers::Vector<int32_t>* list, const char* what,
                                  int tensorCount) const {
        std::vector<int> result;
        if (!list) return result;
        for (flatbuffers::uoffset_t i = 0; i < list->size(); ++i) {
            const int32_t t = list->Get(i);
            if (t < 0 || t >= tensorCount)
                corrupt(std::string("subgraph ") + what + " " + std::to_string(i) +
                        " refers to tensor " + std::to_string(t) + ", but the subgraph has " +
                        std::to_string(tensorCount) + " tensors");
            result.push_back(t);
        }
        return result;
    }

    // The effective builtin code: old files fill the byte field, newer ones the int32 field
    // (codes above 127 only fit there); TFLite itself takes the larger of the two.
    static int32_t builtinCode(const tflite::OperatorCode& code) {
        return std::max(static_cast<int32_t>(code.builtin_code()),
                        static_cast<int32_t>(code.deprecated_builtin_code()));
    }

    static std::string tfliteName(const tflite::OperatorCode& code, int32_t builtin) {
        if (builtin == static_cast<int32_t>(tflite::BuiltinOperator::CUSTOM)) {
            if (code.custom_code() && code.custom_code()->size() > 0)
                return code.custom_code()->str();
            return "CUSTOM";
        }
        const char* name = tflite::EnumNameBuiltinOperator(static_cast<tflite::BuiltinOperator>(builtin));
        if (name && *name) return name;
        return "BUILTIN_" + std::to_string(builtin);  // newer than our schema
    }

    ir::Op readOp(int index, const tflite::Operator& in, const ir::Graph& graph) const {
        const auto* codes = model_.operator_codes();
        const uint32_t codeCount = codes ? codes->size() : 0;
        const std::string at = "op " + std::to_string(index);
        if (in.opcode_index() >= codeCount)
            corrupt(at + " uses operator code " + std::to_string(in.opcode_index()) +
                    ", but the model has " + std::to_string(codeCount) + " operator codes");
        const tflite::OperatorCode& code = *codes->Get(in.opcode_index());
        const int32_t builtin = builtinCode(code);
        if (builtin < 0) corrupt(at + " has negative builtin operator code " + std::to_string(builtin));

        ir::Op op;
        OpInfo info{ir::OpKind::Unsupported, 0, -1};
        const bool known = lookupOp(builtin, info);
        op.kind = info.kind;
        const std::string tfName = tfliteName(code, builtin);
        if (!known) op.unsupportedName = tfName;
        const std::string label = at + " (" + tfName + ")";

        const int tensorCount = static_cast<int>(graph.tensors.size());
        auto indices = [&](const flatbuffers::Vector<int32_t>* list, const char* what,
                           bool optionalAllowed) {
            std::vector<int> result;
            if (!list) return result;
            for (flatbuffers::uoffset_t i = 0; i < list->size(); ++i) {
                const int32_t t = list->Get(i);
                if (t == -1 && optionalAllowed) {
                    result.push_back(ir::kNoTensor);
                    continue;
                }
                if (t < 0 || t >= tensorCount)
                    corrupt(label + ": " + what + " " + std::to_string(i) + " refers to tensor " +
                            std::to_string(t) + ", but the subgraph has " +
                            std::to_string(tensorCount) + " tensors");
                result.push_back(t);
            }
            return result;
        };
        op.inputs = indices(in.inputs(), "input", true);
        op.outputs = indices(in.outputs(), "output", false);
        if (!known) return op;

        // Arity of our ops, so later stages can index inputs/outputs without checking.
        const int inputCount = static_cast<int>(op.inputs.size());
        if (inputCount < info.minInputs || (info.maxInputs >= 0 && inputCount > info.maxInputs))
            corrupt(label + " has " + std::to_string(inputCount) + " inputs, expected " +
                    (info.maxInputs < 0 ? "at least " + std::to_string(info.minInputs)
                     : info.minInputs == info.maxInputs
                         ? std::to_string(info.minInputs)
                         : std::to_string(info.minInputs) + " to " + std::to_string(info.maxInputs)));
        for (int i = 0; i < info.minInputs; ++i)
            if (op.inputs[i] == ir::kNoTensor)
                corrupt(label + ": required input " + std::to_string(i) + " is absent (-1)");
        if (op.kind == ir::OpKind::Concatenation)
            for (int i = 0; i < inputCount; ++i)
                if (op.inputs[i] == ir::kNoTensor)
                    corrupt(label + ": input " + std::to_string(i) + " is absent (-1)");
        if (op.outputs.size() != 1)
            corrupt(label + " has " + std::to_string(op.outputs.size()) + " outputs, expected 1");

        readAttributes(label, in, graph, op);
        return op;
    }

    // Returns the options table of type T, nullptr when the op has none; an options table of
    // another type is corruption (the union type and the op code disagree).
    template <typename T>
    const T* options(const std::string& label, const tflite::Operator& in, bool required) const {
        const auto type = in.builtin_options_type();
        if (type == tflite::BuiltinOptionsTraits<T>::enum_value) return in.builtin_options_as<T>();
        if (type != tflite::BuiltinOptions::NONE)
            corrupt(label + " carries options of type " + std::to_string(static_cast<int>(type)) +
                    ", expected " + tflite::EnumNameBuiltinOptions(tflite::BuiltinOptionsTraits<T>::enum_value));
        if (required)
            corrupt(label + " has no " +
                    std::string(tflite::EnumNameBuiltinOptions(tflite::BuiltinOptionsTraits<T>::enum_value)));
        return nullptr;
    }

    ir::Activation activation(const std::string& label, tflite::ActivationFunctionType f) const {
        using F = tflite::ActivationFunctionType;
        switch (f) {
            case F::NONE: return ir::Activation::None;
            case F::RELU: return ir::Activation::Relu;
            case F::RELU_N1_TO_1: return ir::Activation::ReluN1To1;
            case F::RELU6: return ir::Activation::Relu6;
            case F::TANH: return ir::Activation::Tanh;
            case F::SIGN_BIT: return ir::Activation::SignBit;
        }
        corrupt(label + " has unknown fused activation code " + std::to_string(static_cast<int>(f)));
    }

    ir::Padding padding(const std::string& label, tflite::Padding p) const {
        if (p == tflite::Padding::SAME) return ir::Padding::Same;
        if (p == tflite::Padding::VALID) return ir::Padding::Valid;
        corrupt(label + " has unknown padding code " + std::to_string(static_cast<int>(p)));
    }

    void checkAtLeastOne(const std::string& label, const char* what, int32_t h, int32_t w) const {
        if (h < 1 || w < 1)
            corrupt(label + " has " + what + " " + std::to_string(h) + "x" + std::to_string(w) +
                    " (height x width); both must be at least 1");
    }

    // Axis in [-rank, rank) → [0, rank), as the TFLite kernels interpret negative axes.
    int32_t normalizeAxis(const std::string& label, const char* what, int32_t axis, int rank) const {
        const int32_t normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
            corrupt(label + ": " + what + " " + std::to_string(axis) + " is outside rank " +
                    std::to_string(rank));
        return normalized;
    }

    // CONV_2D and DEPTHWISE_CONV_2D options are two flatbuffer tables with the same window fields.
    template <typename ConvOptions>
    void readConvWindow(const std::string& label, const ConvOptions* o, ir::OpAttributes& a) const {
        a.padding = padding(label, o->padding());
        a.strideH = o->stride_h();
        a.strideW = o->stride_w();
        a.dilationH = o->dilation_h_factor();
        a.dilationW = o->dilation_w_factor();
        a.activation = activation(label, o->fused_activation_function());
        checkAtLeastOne(label, "stride", a.strideH, a.strideW);
        checkAtLeastOne(label, "dilation", a.dilationH, a.dilationW);
    }

    void readAttributes(const std::string& label, const tflite::Operator& in,
                        const ir::Graph& graph, ir::Op& op) const {
        ir::OpAttributes& a = op.attrs;
        const ir::Tensor& input = graph.tensors[op.inputs[0]];
        const ir::Tensor& output = graph.tensors[op.outputs[0]];
        switch (op.kind) {
            case ir::OpKind::Conv2D: {
                readConvWindow(label, options<tflite::Conv2DOptions>(label, in, true), a);
                break;
            }
            case ir::OpKind::DepthwiseConv2D: {
                const auto* o = options<tflite::DepthwiseConv2DOptions>(label, in, true);
                readConvWindow(label, o, a);
                a.depthMultiplier = depthMultiplier(label, o->depth_multiplier(), input, output);
                break;
            }
            case ir::OpKind::AveragePool2D:
            case ir::OpKind::MaxPool2D: {
                const auto* o = options<tflite::Pool2DOptions>(label, in, true);
                a.padding = padding(label, o->padding());
                a.strideH = o->stride_h();
                a.strideW = o->stride_w();
                a.filterH = o->filter_height();
                a.filterW = o->filter_width();
                a.activation = activation(label, o->fused_activation_function());
                checkAtLeastOne(label, "stride", a.strideH, a.strideW);
                checkAtLeastOne(label, "filter", a.filterH, a.filterW);
                break;
            }
            case ir::OpKind::FullyConnected:
                if (const auto* o = options<tflite::FullyConnectedOptions>(label, in, false)) {
                    if (o->weights_format() != tflite::FullyConnectedOptionsWeightsFormat::DEFAULT) {
                        // Shuffled weights are a different op for every consumer of the graph.
                        op.kind = ir::OpKind::Unsupported;
                        op.unsupportedName = "FULLY_CONNECTED (shuffled weights)";
                        return;
                    }
                    a.activation = activation(label, o->fused_activation_function());
                    a.keepNumDims = o->keep_num_dims();
                }
                break;
            case ir::OpKind::Add:
                if (const auto* o = options<tflite::AddOptions>(label, in, false))
                    a.activation = activation(label, o->fused_activation_function());
                break;
            case ir::OpKind::Mul:
                if (const auto* o = options<tflite::MulOptions>(label, in, false))
                    a.activation = activation(label, o->fused_activation_function());
                break;
            case ir::OpKind::Mean:
                if (const auto* o = options<tflite::ReducerOptions>(label, in, false))
                    a.keepDims = o->keep_dims();
                break;
            case ir::OpKind::Softmax:
                if (const auto* o = options<tflite::SoftmaxOptions>(label, in, false)) a.beta = o->beta();
                break;
            case ir::OpKind::Concatenation:
                if (const auto* o = options<tflite::ConcatenationOptions>(label, in, false)) {
                    a.activation = activation(label, o->fused_activation_function());
                    a.axis = normalizeAxis(label, "concatenation axis", o->axis(),
                                           static_cast<int>(output.shape.size()));
                } else {
                    a.axis = normalizeAxis(label, "concatenation axis", 0,
                                           static_cast<int>(output.shape.size()));
                }
                break;
            case ir::OpKind::Squeeze:
                if (const auto* o = options<tflite::SqueezeOptions>(label, in, false))
                    if (const auto* dims = o->squeeze_dims())
                        for (int32_t d : *dims)
                            a.squeezeDims.push_back(normalizeAxis(label, "squeeze dimension", d,
                                                                  static_cast<int>(input.shape.size())));
                break;
            case ir::OpKind::Reshape:
                a.newShape = reshapeTarget(label, in, graph, op);
                break;
            case ir::OpKind::ResizeNearestNeighbor:
                if (const auto* o = options<tflite::ResizeNearestNeighborOptions>(label, in, false)) {
                    a.alignCorners = o->align_corners();
                    a.halfPixelCenters = o->half_pixel_centers();
                }
                break;
            default:
                break;  // no options: PAD, TRANSPOSE, QUANTIZE, DEQUANTIZE, RELU, RELU6, ...
        }
    }

    // TFLite's kernels ignore the stored multiplier in favour of output/input channels (old
    // converters wrote 0 or stale values); we do the same when the shapes say it, and fall back
    // to the stored value otherwise.
    int32_t depthMultiplier(const std::string& label, int32_t stored, const ir::Tensor& input,
                            const ir::Tensor& output) const {
        if (!input.shape.empty() && !output.shape.empty()) {
            const int32_t inC = input.shape.back(), outC = output.shape.back();
            if (inC > 0 && outC > 0 && outC % inC == 0) return outC / inC;
        }
        if (stored >= 1) return stored;
        corrupt(label + " has depth multiplier " + std::to_string(stored) +
                " and its channel counts do not define one");
    }

    // RESHAPE's target: the constant 1-D int32 shape input when present (what TFLite uses
    // first), else the options' new_shape, else the output tensor's shape.
    std::vector<int32_t> reshapeTarget(const std::string& label, const tflite::Operator& in,
                                       const ir::Graph& graph, const ir::Op& op) const {
        if (op.inputs.size() == 2 && op.inputs[1] != ir::kNoTensor) {
            const ir::Tensor& shape = graph.tensors[op.inputs[1]];
            if (shape.isConstant && shape.dtype == ir::DType::Int32 && shape.shape.size() == 1 &&
                shape.shape[0] > 0) {
                std::vector<int32_t> result(static_cast<size_t>(shape.shape[0]));
                std::memcpy(result.data(), shape.data.data(), result.size() * sizeof(int32_t));
                return result;
            }
        }
        if (const auto* o = options<tflite::ReshapeOptions>(label, in, false))
            if (o->new_shape() && o->new_shape()->size() > 0)
                return {o->new_shape()->begin(), o->new_shape()->end()};
        return graph.tensors[op.outputs[0]].shape;
    }

    const tflite::Model& model_;
    const uint8_t* file_;
    size_t fileSize_;
    std::string name_;
};

}  // namespace

ir::Graph readTfliteBuffer(const uint8_t* data, size_t size, const std::string& displayName) {
    if (size == 0 || !data)
        throw fileError(ErrorCode::EmptyFile, displayName,
                        "file is empty (0 bytes); expected a TensorFlow Lite model (.tflite)");

    const bool hasIdentifier = size >= 8 && std::memcmp(data + 4, "TFL3", 4) == 0;
    if (!hasIdentifier) {
        const std::string hint = formatHint(data, size);
        if (!hint.empty())
            throw fileError(ErrorCode::WrongFormat, displayName,
                            "not a TensorFlow Lite model: " + hint +
                                "; expected a .tflite flatbuffer (identifier \"TFL3\")");
        if (size < 8)
            throw fileError(ErrorCode::CorruptFile, displayName,
                            "truncated: only " + std::to_string(size) +
                                " bytes, shorter than the 8-byte TFLite header; re-download or "
                                "re-export the model");
        throw fileError(ErrorCode::WrongFormat, displayName,
                        "not a TensorFlow Lite model: no \"TFL3\" file identifier at byte 4; "
                        "expected a .tflite flatbuffer written by the TFLite converter");
    }

    // flatbuffers reads scalars in place; keep them aligned even if the caller's bytes are not.
    std::vector<uint8_t> aligned;
    if (reinterpret_cast<uintptr_t>(data) % 16 != 0) {
        aligned.assign(data, data + size);
        data = aligned.data();
    }

    const uint32_t root = readLe32(data);
    if (root > size - 4)
        throw fileError(ErrorCode::CorruptFile, displayName,
                        "truncated or corrupt: the header points to the model at byte " +
                            std::to_string(root) + ", beyond the end of the file (" +
                            std::to_string(size) + " bytes); re-download or re-export the model");
    if (!verifies(data, size)) {
        if (looksTruncated(data, size))
            throw fileError(ErrorCode::CorruptFile, displayName,
                            "truncated: the model refers to data beyond the end of the file (" +
                                std::to_string(size) +
                                " bytes); the file was cut short, re-download or re-export it");
        throw fileError(ErrorCode::CorruptFile, displayName,
                        "corrupt TFLite model: the flatbuffer verifier rejected its structure; "
                        "the file is damaged, re-export it from the original model");
    }

    const tflite::Model* model = tflite::GetModel(data);
    ir::Graph graph = Importer(*model, data, size, displayName).run();
    // Structure the flatbuffer verifier cannot see (a tensor read before anything writes it, one
    // written twice, shapes that disagree): every later stage assumes a consistent graph.
    ir::requireValid(graph, displayName);
    return graph;
}

ir::Graph readTflite(const std::string& path) {
    constexpr std::string_view kWhat = "a TensorFlow Lite model file (.tflite)";
    // The first bytes say whether this is a flatbuffer at all: a 2 GB file of something else is
    // refused after reading 64 bytes, not 2 GB.
    const std::vector<uint8_t> head = util::readPrefix(path, 64, kWhat);
    if (head.size() < 8 || std::memcmp(head.data() + 4, "TFL3", 4) != 0)
        return readTfliteBuffer(head.data(), head.size(), path);  // throws its "not a TFLite model" message
    const std::vector<uint8_t> bytes = util::readWholeFile(path, util::kModelFileLimitBytes, kWhat);
    return readTfliteBuffer(bytes.data(), bytes.size(), path);
}

}  // namespace mcunet::io
