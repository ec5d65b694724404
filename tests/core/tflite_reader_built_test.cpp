// The TFLite reader on small models built here with the flatbuffers API, each with exactly one
// thing changed from a valid one-conv model: index checks, buffer checks, op code resolution,
// options, quantization, external buffers.
#include <gtest/gtest.h>

#include <cstring>

#include "io/tflite_reader.h"
#include "tflite_schema_generated.h"
#include "util/error.h"

namespace fb = flatbuffers;
using mcunet::Error;
using mcunet::ErrorCode;
using namespace mcunet::ir;
using mcunet::io::readTfliteBuffer;

namespace {

// Tensors: 0 input [1,4,4,2] int8, 1 "weights" [3,1,1,2] int8 (buffer 1), 2 "bias" [3] int32
// (buffer 2), 3 output [1,2,4,3] int8 (stride 2 x 1, SAME). One op, CONV_2D, inputs {0,1,2}, outputs {3}.
struct Spec {
    std::vector<int32_t> opInputs{0, 1, 2};
    std::vector<int32_t> opOutputs{3};
    uint32_t opcodeIndex = 0;
    int8_t deprecatedCode = 3;  // CONV_2D
    int32_t builtinCode = 3;
    std::string customCode;
    std::vector<int32_t> inputShape{1, 4, 4, 2};
    std::vector<int32_t> outputShape{1, 2, 4, 3};
    uint32_t weightBuffer = 1;
    size_t weightBytes = 6;
    std::vector<float> weightScales{0.5f, 0.25f, 0.125f};
    std::vector<int64_t> weightZeroPoints{0, 0, 0};
    int32_t quantDim = 0;
    bool weightsSparse = false;
    tflite::BuiltinOptions optionsType = tflite::BuiltinOptions::Conv2DOptions;
    int32_t strideH = 2, strideW = 1;
    int8_t activation = 3;  // RELU6
    std::vector<int32_t> graphInputs{0};
    std::vector<int32_t> graphOutputs{3};
    int subgraphs = 1;
    bool externalWeights = false;    // weights after the flatbuffer (schema 3c offset/size)
    uint64_t externalOffsetShift = 0;  // added to the correct offset
};

std::vector<uint8_t> buildOnce(const Spec& s, uint64_t externalOffset) {
    fb::FlatBufferBuilder b;
    b.ForceDefaults(true);  // field sizes do not depend on values: the external offset is stable

    std::vector<fb::Offset<tflite::Buffer>> buffers;
    buffers.push_back(tflite::CreateBuffer(b));
    std::vector<uint8_t> weights(s.weightBytes);
    for (size_t i = 0; i < weights.size(); ++i) weights[i] = static_cast<uint8_t>(10 + i);
    if (s.externalWeights)
        buffers.push_back(tflite::CreateBuffer(b, 0, externalOffset, s.weightBytes));
    else
        buffers.push_back(tflite::CreateBuffer(b, b.CreateVector(weights)));
    const std::vector<uint8_t> bias(12, 1);
    buffers.push_back(tflite::CreateBuffer(b, b.CreateVector(bias)));

    auto tensor = [&](const std::vector<int32_t>& shape, tflite::TensorType type, uint32_t buffer,
                      const char* name, fb::Offset<tflite::QuantizationParameters> q = 0,
                      fb::Offset<tflite::SparsityParameters> sparsity = 0) {
        return tflite::CreateTensor(b, b.CreateVector(shape), type, buffer, b.CreateString(name), q, false,
                                    sparsity);
    };
    const auto weightQuant = tflite::CreateQuantizationParameters(
        b, 0, 0, b.CreateVector(s.weightScales), b.CreateVector(s.weightZeroPoints),
        tflite::QuantizationDetails::NONE, 0, s.quantDim);
    const auto activationQuant = tflite::CreateQuantizationParameters(
        b, 0, 0, b.CreateVector(std::vector<float>{0.1f}), b.CreateVector(std::vector<int64_t>{-3}));
    std::vector<fb::Offset<tflite::Tensor>> tensors = {
        tensor(s.inputShape, tflite::TensorType::INT8, 0, "input", activationQuant),
        tensor({3, 1, 1, 2}, tflite::TensorType::INT8, s.weightBuffer, "weights", weightQuant,
               s.weightsSparse ? tflite::CreateSparsityParameters(b) : 0),
        tensor({3}, tflite::TensorType::INT32, 2, "bias"),
        tensor(s.outputShape, tflite::TensorType::INT8, 0, "output"),
    };

    fb::Offset<void> options = 0;
    if (s.optionsType == tflite::BuiltinOptions::Conv2DOptions)
        options = tflite::CreateConv2DOptions(b, tflite::Padding::SAME, s.strideW, s.strideH,
                                              static_cast<tflite::ActivationFunctionType>(s.activation))
                      .Union();
    else if (s.optionsType == tflite::BuiltinOptions::Pool2DOptions)
        options = tflite::CreatePool2DOptions(b).Union();
    const auto op = tflite::CreateOperator(b, s.opcodeIndex, b.CreateVector(s.opInputs),
                                           b.CreateVector(s.opOutputs), s.optionsType, options);
    std::vector<fb::Offset<tflite::SubGraph>> subgraphs;
    for (int i = 0; i < s.subgraphs; ++i)
        subgraphs.push_back(tflite::CreateSubGraph(b, b.CreateVector(tensors), b.CreateVector(s.graphInputs),
                                                   b.CreateVector(s.graphOutputs),
                                                   b.CreateVector(std::vector{op}), b.CreateString("main")));
    const auto code = tflite::CreateOperatorCode(b, s.deprecatedCode,
                                                 s.customCode.empty() ? 0 : b.CreateString(s.customCode), 1,
                                                 static_cast<tflite::BuiltinOperator>(s.builtinCode));
    const auto model = tflite::CreateModel(b, 3, b.CreateVector(std::vector{code}), b.CreateVector(subgraphs),
                                           b.CreateString("built in a test"), b.CreateVector(buffers));
    tflite::FinishModelBuffer(b, model);
    return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
}

std::vector<uint8_t> build(const Spec& s) {
    if (!s.externalWeights) return buildOnce(s, 0);
    // The data goes right after the flatbuffer (16-byte aligned); its offset is stored inside,
    // so build once to learn the size, then again with the real offset (same size).
    const size_t size = buildOnce(s, uint64_t{1} << 40).size();
    const size_t offset = (size + 15) & ~size_t{15};
    std::vector<uint8_t> bytes = buildOnce(s, offset + s.externalOffsetShift);
    EXPECT_EQ(bytes.size(), size);
    bytes.resize(offset, 0);
    for (size_t i = 0; i < s.weightBytes; ++i) bytes.push_back(static_cast<uint8_t>(100 + i));
    return bytes;
}

Graph read(const Spec& s) {
    const std::vector<uint8_t> bytes = build(s);
    return readTfliteBuffer(bytes.data(), bytes.size(), "built/model.tflite");
}

// The error reading `s` throws, with its code checked and its message required to name the
// file and contain `part`.
void expectError(const Spec& s, ErrorCode code, const std::string& part) {
    const std::vector<uint8_t> bytes = build(s);
    try {
        readTfliteBuffer(bytes.data(), bytes.size(), "built/model.tflite");
        ADD_FAILURE() << "no error; expected one containing: " << part;
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("built/model.tflite: ", 0), 0u) << what;
        EXPECT_NE(what.find(part), std::string::npos) << what;
    }
}

TEST(TfliteReaderBuilt, ValidModelImports) {
    const Graph g = read(Spec{});
    EXPECT_EQ(g.name, "model");
    ASSERT_EQ(g.tensors.size(), 4u);
    ASSERT_EQ(g.ops.size(), 1u);
    const Op& op = g.ops[0];
    EXPECT_EQ(op.kind, OpKind::Conv2D);
    EXPECT_EQ(op.inputs, (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(op.outputs, std::vector<int>{3});
    EXPECT_EQ(op.attrs.strideH, 2);
    EXPECT_EQ(op.attrs.strideW, 1);
    EXPECT_EQ(op.attrs.padding, Padding::Same);
    EXPECT_EQ(op.attrs.activation, Activation::Relu6);
    const Tensor& w = g.tensors[1];
    EXPECT_TRUE(w.isConstant);
    EXPECT_EQ(w.data, (std::vector<uint8_t>{10, 11, 12, 13, 14, 15}));
    EXPECT_EQ(w.quant.scale, (std::vector<float>{0.5f, 0.25f, 0.125f}));
    EXPECT_EQ(w.quant.axis, 0);
    EXPECT_EQ(g.tensors[0].quant.scale, std::vector<float>{0.1f});
    EXPECT_EQ(g.tensors[0].quant.zeroPoint, std::vector<int64_t>{-3});
    EXPECT_FALSE(g.tensors[0].isConstant);
    EXPECT_TRUE(g.tensors[3].quant.empty());
}

TEST(TfliteReaderBuilt, UnalignedInputBytesStillImport) {
    const std::vector<uint8_t> bytes = build(Spec{});
    std::vector<uint8_t> shifted(bytes.size() + 1);
    std::memcpy(shifted.data() + 1, bytes.data(), bytes.size());
    const Graph g = readTfliteBuffer(shifted.data() + 1, bytes.size(), "shifted.tflite");
    EXPECT_EQ(g.tensors[1].data, (std::vector<uint8_t>{10, 11, 12, 13, 14, 15}));
}

TEST(TfliteReaderBuilt, AbsentOptionalBiasIsNoTensor) {
    Spec s;
    s.opInputs = {0, 1, -1};
    const Graph g = read(s);
    EXPECT_EQ(g.ops[0].inputs, (std::vector<int>{0, 1, kNoTensor}));
}

TEST(TfliteReaderBuilt, IndexChecks) {
    Spec s;
    s.opInputs = {0, 9, 2};
    expectError(s, ErrorCode::CorruptFile, "op 0 (CONV_2D): input 1 refers to tensor 9, but the subgraph has 4 tensors");
    s.opInputs = {0, -2, 2};
    expectError(s, ErrorCode::CorruptFile, "input 1 refers to tensor -2");
    s = Spec{};
    s.opOutputs = {-1};
    expectError(s, ErrorCode::CorruptFile, "output 0 refers to tensor -1");
    s = Spec{};
    s.opInputs = {0, -1, 2};
    expectError(s, ErrorCode::CorruptFile, "op 0 (CONV_2D): required input 1 is absent");
    s = Spec{};
    s.opInputs = {0};
    expectError(s, ErrorCode::CorruptFile, "op 0 (CONV_2D) has 1 inputs, expected 2 to 3");
    s = Spec{};
    s.graphInputs = {4};
    expectError(s, ErrorCode::CorruptFile, "subgraph input 0 refers to tensor 4");
    s = Spec{};
    s.graphOutputs = {3, -1};
    expectError(s, ErrorCode::CorruptFile, "subgraph output 1 refers to tensor -1");
    s = Spec{};
    s.opcodeIndex = 1;
    expectError(s, ErrorCode::CorruptFile, "op 0 uses operator code 1, but the model has 1 operator codes");
    s = Spec{};
    s.weightBuffer = 5;
    expectError(s, ErrorCode::CorruptFile, "tensor 1 'weights' refers to buffer 5, but the model has 3 buffers");
}

TEST(TfliteReaderBuilt, BufferSizeMustMatchShape) {
    Spec s;
    s.weightBytes = 5;
    expectError(s, ErrorCode::CorruptFile, "tensor 1 'weights' of shape 3x1x1x2 int8 needs 6 bytes, but its buffer 1 holds 5");
}

TEST(TfliteReaderBuilt, ShapesScalarNegativeHuge) {
    Spec s;
    s.inputShape = {};  // a scalar tensor is legal, but not as a convolution's input
    expectError(s, ErrorCode::InvalidGraph, "op 0 (CONV_2D): input must be 4-D, got scalar");
    s.inputShape = {1, -4, 4, 2};
    expectError(s, ErrorCode::CorruptFile, "tensor 0 'input' has negative dimension -4");
    s.inputShape = {1 << 20, 1 << 20, 1 << 20, 2};
    expectError(s, ErrorCode::UnsupportedModel, "tensor 0 'input' of shape 1048576x1048576x1048576x2");
    // Empty, but elementCount() would overflow on the way to the 0.
    s.inputShape = {1 << 30, 1 << 30, 1 << 30, 0};
    expectError(s, ErrorCode::UnsupportedModel, "multiplying to more than 2 GiB");
    s.inputShape = {0, 4, 4, 2};  // empty tensors are legal
    s.outputShape = {0, 2, 4, 3};
    EXPECT_EQ(read(s).tensors[0].elementCount(), 0);
}

TEST(TfliteReaderBuilt, QuantizationChecks) {
    Spec s;
    s.weightScales = {0.5f, 0.25f};
    s.weightZeroPoints = {0, 0};
    expectError(s, ErrorCode::CorruptFile, "tensor 1 'weights' has 2 per-channel scales but dimension 0");
    s = Spec{};
    s.weightZeroPoints = {0, 0};
    expectError(s, ErrorCode::CorruptFile, "has 3 quantization scales but 2 zero points");
    s = Spec{};
    s.quantDim = 7;
    expectError(s, ErrorCode::CorruptFile, "quantized dimension 7 is outside its shape 3x1x1x2");
    s = Spec{};
    s.weightZeroPoints = {};  // absent zero points mean 0
    EXPECT_EQ(read(s).tensors[1].quant.zeroPoint, (std::vector<int64_t>{0, 0, 0}));
}

TEST(TfliteReaderBuilt, OptionsChecks) {
    Spec s;
    s.optionsType = tflite::BuiltinOptions::NONE;
    expectError(s, ErrorCode::CorruptFile, "op 0 (CONV_2D) has no Conv2DOptions");
    s.optionsType = tflite::BuiltinOptions::Pool2DOptions;
    expectError(s, ErrorCode::CorruptFile, "op 0 (CONV_2D) carries options of type 5, expected Conv2DOptions");
    s = Spec{};
    s.strideH = 0;
    expectError(s, ErrorCode::CorruptFile, "op 0 (CONV_2D) has stride 0x1");
    s = Spec{};
    s.activation = 9;
    expectError(s, ErrorCode::CorruptFile, "op 0 (CONV_2D) has unknown fused activation code 9");
}

TEST(TfliteReaderBuilt, OperatorCodeResolution) {
    Spec s;
    s.deprecatedCode = 0;  // the int32 field wins when larger
    EXPECT_EQ(read(s).ops[0].kind, OpKind::Conv2D);
    s.deprecatedCode = 3;  // old files: only the byte is set
    s.builtinCode = 0;
    EXPECT_EQ(read(s).ops[0].kind, OpKind::Conv2D);

    s.deprecatedCode = 127;  // PLACEHOLDER_FOR_GREATER_OP_CODES
    s.builtinCode = 150;
    Graph g = read(s);
    EXPECT_EQ(g.ops[0].kind, OpKind::Unsupported);
    EXPECT_EQ(g.ops[0].name(), "GELU");
    EXPECT_EQ(g.ops[0].inputs, (std::vector<int>{0, 1, 2}));  // kept for profiling
    s.builtinCode = 300;
    EXPECT_EQ(read(s).ops[0].name(), "BUILTIN_300");

    s.deprecatedCode = 32;  // CUSTOM
    s.builtinCode = 32;
    s.customCode = "TFLite_Detection_PostProcess";
    g = read(s);
    EXPECT_EQ(g.ops[0].kind, OpKind::Unsupported);
    EXPECT_EQ(g.unsupportedOpNames(), std::vector<std::string>{"TFLite_Detection_PostProcess"});

    s = Spec{};
    s.deprecatedCode = -5;
    s.builtinCode = -5;
    expectError(s, ErrorCode::CorruptFile, "op 0 has negative builtin operator code -5");
}

TEST(TfliteReaderBuilt, MultiSubgraphModelReadsTheFirst) {
    Spec s;
    s.subgraphs = 2;
    const Graph g = read(s);
    EXPECT_EQ(g.ops.size(), 1u);
    EXPECT_EQ(g.tensors.size(), 4u);
    s.subgraphs = 0;
    expectError(s, ErrorCode::CorruptFile, "the model has no subgraph");
}

TEST(TfliteReaderBuilt, ExternalBufferAfterTheFlatbuffer) {
    Spec s;
    s.externalWeights = true;
    const Graph g = read(s);
    EXPECT_EQ(g.tensors[1].data, (std::vector<uint8_t>{100, 101, 102, 103, 104, 105}));
    s.externalOffsetShift = 1;  // last byte now past the end of the file
    expectError(s, ErrorCode::CorruptFile, "buffer 1 of tensor 1 'weights' lies at bytes");
}

TEST(TfliteReaderBuilt, SparseTensorsAreUnsupported) {
    Spec s;
    s.weightsSparse = true;
    expectError(s, ErrorCode::UnsupportedModel, "tensor 1 'weights' is sparse");
}

}  // namespace

// Found by fuzzing reader -> planner -> codegen: a graph whose only op reads a tensor nobody
// writes (the graph input names another tensor) passed the reader, and the engine planner then
// made a plan without a buffer for it. The reader now refuses any inconsistent graph.
TEST(TfliteReaderBuilt, AGraphThatReadsAnUnwrittenTensorIsRefused) {
    Spec s;
    s.graphInputs = {3};  // the conv's output; the conv's input 0 is then never written
    s.graphOutputs = {3};
    expectError(s, ErrorCode::InvalidGraph,
                "op 0 (CONV_2D): input 0 tensor 0 'input' is used before it is defined (not a graph input, constant, "
                "or output of an earlier op)");
    expectError(s, ErrorCode::InvalidGraph,
                "op 0 (CONV_2D): output 0 tensor 3 'output' is written twice (it is already a graph input, a "
                "constant, or an earlier op's output)");
}
