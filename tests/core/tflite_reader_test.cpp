// The TFLite reader on the real shared models (counts, shapes, op sequence checked against
// TF-Lite Micro's own per-op dump) and on bad input: real files cut short, flipped, of another
// format, plus small models built here with exactly one thing wrong.
#include "io/tflite_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <unistd.h>

#include "util/error.h"

namespace fs = std::filesystem;
using mcunet::Error;
using mcunet::ErrorCode;
using namespace mcunet::ir;
using mcunet::io::readTflite;
using mcunet::io::readTfliteBuffer;

namespace {

const std::string kModels = std::string(MCUNET_SHARED_DIR) + "/models/";

std::vector<uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A private temp dir per test, removed afterwards.
class TempDir {
public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = fs::temp_directory_path() /
                ("mcunet_tflite_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    std::string write(const std::string& name, const std::vector<uint8_t>& bytes) const {
        const std::string file = (path_ / name).string();
        std::ofstream out(file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return file;
    }
    std::string path() const { return path_.string(); }

private:
    fs::path path_;
};

// Runs `read` and returns the mcunet::Error it throws; fails the test if it throws nothing or
// another exception type.
template <typename F>
Error expectError(F&& read) {
    try {
        read();
    } catch (const Error& e) {
        return e;
    } catch (const std::exception& e) {
        ADD_FAILURE() << "threw a non-mcunet exception: " << e.what();
        return Error(ErrorCode::Internal, "");
    }
    ADD_FAILURE() << "no error thrown";
    return Error(ErrorCode::Internal, "");
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// Real models

struct ModelFacts {
    std::string file;
    size_t tensors, ops;
    Shape inputShape;
    DType inputType;
    Shape outputShape;
    DType outputType;
};

// Counts and I/O from flatc's JSON dump of each file (an independent parser of the same bytes)
// and the models README.
const std::vector<ModelFacts> kFacts = {
    {"hello_world_float", 10, 3, {1, 1}, DType::Float32, {1, 1}, DType::Float32},
    {"hello_world_int8", 10, 3, {1, 1}, DType::Int8, {1, 1}, DType::Int8},
    {"kws_ref_model", 35, 13, {1, 49, 10, 1}, DType::Int8, {1, 12}, DType::Int8},
    {"mcunet_vww", 163, 63, {1, 80, 80, 3}, DType::Float32, {1, 2}, DType::Float32},
    {"micro_speech_quantized", 10, 4, {1, 1960}, DType::Int8, {1, 4}, DType::Int8},
    {"mnist_lstm_int8", 27, 4, {1, 28, 28}, DType::Int8, {1, 10}, DType::Int8},
    {"person_detect", 89, 31, {1, 96, 96, 1}, DType::Int8, {1, 2}, DType::Int8},
    {"resnet8_cifar10_int8", 38, 16, {1, 32, 32, 3}, DType::Int8, {1, 10}, DType::Int8},
    {"vww_96_float", 89, 31, {1, 96, 96, 3}, DType::Float32, {1, 2}, DType::Float32},
};

TEST(TfliteReader, EverySharedModelLoads) {
    size_t seen = 0;
    for (const auto& entry : fs::directory_iterator(kModels)) {
        if (entry.path().extension() != ".tflite") continue;
        ++seen;
        SCOPED_TRACE(entry.path().string());
        const Graph g = readTflite(entry.path().string());
        EXPECT_EQ(g.name, entry.path().stem().string());
        EXPECT_FALSE(g.ops.empty());
        // Every index the graph holds is valid.
        for (const Op& op : g.ops) {
            for (int t : op.inputs) EXPECT_TRUE(t == kNoTensor || (t >= 0 && t < int(g.tensors.size())));
            for (int t : op.outputs) EXPECT_TRUE(t >= 0 && t < int(g.tensors.size()));
        }
        for (const Tensor& t : g.tensors) {
            if (t.isConstant && t.dtype != DType::Other) {
                EXPECT_EQ(int64_t(t.data.size()), t.byteSize()) << t.name;
            }
        }
    }
    EXPECT_EQ(seen, kFacts.size());
}

TEST(TfliteReader, CountsShapesAndTypesOfEveryModel) {
    for (const ModelFacts& f : kFacts) {
        SCOPED_TRACE(f.file);
        const Graph g = readTflite(kModels + f.file + ".tflite");
        EXPECT_EQ(g.tensors.size(), f.tensors);
        EXPECT_EQ(g.ops.size(), f.ops);
        ASSERT_EQ(g.inputs.size(), 1u);
        ASSERT_EQ(g.outputs.size(), 1u);
        EXPECT_EQ(g.tensors[g.inputs[0]].shape, f.inputShape);
        EXPECT_EQ(g.tensors[g.inputs[0]].dtype, f.inputType);
        EXPECT_EQ(g.tensors[g.outputs[0]].shape, f.outputShape);
        EXPECT_EQ(g.tensors[g.outputs[0]].dtype, f.outputType);
        EXPECT_FALSE(g.tensors[g.inputs[0]].isConstant);
    }
}

DType dtypeFromJson(const std::string& name) {
    if (name == "int8") return DType::Int8;
    if (name == "float32") return DType::Float32;
    if (name == "int32") return DType::Int32;
    if (name == "int16") return DType::Int16;
    if (name == "uint8") return DType::UInt8;
    ADD_FAILURE() << "unexpected dtype " << name;
    return DType::Other;
}

// TF-Lite Micro's per-op dump lists, for every op, its name and its output tensor (index, shape,
// dtype, quantization). Our import must agree op by op.
TEST(TfliteReader, OpSequenceMatchesTfliteMicro) {
    const std::vector<std::string> models = {"hello_world_int8", "kws_ref_model", "mcunet_vww",
                                             "micro_speech_quantized", "person_detect",
                                             "resnet8_cifar10_int8"};
    for (const std::string& model : models) {
        SCOPED_TRACE(model);
        std::ifstream in(std::string(MCUNET_SHARED_DIR) + "/models/expected/intermediate/" + model + ".json");
        ASSERT_TRUE(in) << "missing intermediate dump";
        const nlohmann::json dump = nlohmann::json::parse(in);
        const Graph g = readTflite(kModels + model + ".tflite");
        const auto& ops = dump.at("ops");
        ASSERT_EQ(g.ops.size(), ops.size());
        for (size_t i = 0; i < ops.size(); ++i) {
            SCOPED_TRACE("op " + std::to_string(i));
            const auto& expected = ops[i];
            ASSERT_EQ(expected.at("op_index").get<size_t>(), i);
            EXPECT_EQ(g.ops[i].name(), expected.at("op").get<std::string>());
            EXPECT_NE(g.ops[i].kind, OpKind::Unsupported);
            const auto& outputs = expected.at("outputs");
            ASSERT_EQ(g.ops[i].outputs.size(), outputs.size());
            for (size_t k = 0; k < outputs.size(); ++k) {
                const auto& out = outputs[k];
                const int index = g.ops[i].outputs[k];
                EXPECT_EQ(index, out.at("tensor").get<int>());
                const Tensor& t = g.tensors[index];
                EXPECT_EQ(t.name, out.at("name").get<std::string>());
                EXPECT_EQ(t.shape, out.at("shape").get<Shape>());
                EXPECT_EQ(t.dtype, dtypeFromJson(out.at("dtype").get<std::string>()));
                if (out.at("scale").is_null()) {
                    EXPECT_FALSE(!t.quant.empty() && !t.quant.perChannel()) << "unexpected per-tensor quantization";
                } else {
                    ASSERT_EQ(t.quant.scale.size(), 1u);
                    EXPECT_EQ(t.quant.scale[0], out.at("scale").get<float>());  // exact float32
                    EXPECT_EQ(t.quant.zeroPoint[0], out.at("zero_point").get<int64_t>());
                }
            }
        }
    }
}

TEST(TfliteReader, LstmModelKeepsUnsupportedOpsWithTheirNamesAndTensors) {
    const Graph g = readTflite(kModels + "mnist_lstm_int8.tflite");
    EXPECT_EQ(g.unsupportedOpNames(), std::vector<std::string>{"UNIDIRECTIONAL_SEQUENCE_LSTM"});
    ASSERT_EQ(g.ops.size(), 4u);
    const Op& lstm = g.ops[0];
    EXPECT_EQ(lstm.kind, OpKind::Unsupported);
    EXPECT_EQ(lstm.name(), "UNIDIRECTIONAL_SEQUENCE_LSTM");
    // TFLite's LSTM has 24 inputs; the absent optional ones (peepholes, projection, layer norm)
    // stay kNoTensor.
    EXPECT_EQ(lstm.inputs.size(), 24u);
    EXPECT_EQ(lstm.inputs[0], g.inputs[0]);
    EXPECT_GT(std::count(lstm.inputs.begin(), lstm.inputs.end(), kNoTensor), 0);
    ASSERT_EQ(lstm.outputs.size(), 1u);
    // Its state tensors are variables: not constant, no data.
    int variables = 0;
    for (int t : lstm.inputs)
        if (t != kNoTensor && g.tensors[t].isVariable) {
            ++variables;
            EXPECT_FALSE(g.tensors[t].isConstant);
            EXPECT_TRUE(g.tensors[t].data.empty());
        }
    EXPECT_EQ(variables, 2);
    // The rest of the graph is ordinary: RESHAPE, FULLY_CONNECTED, SOFTMAX read the LSTM output.
    EXPECT_EQ(g.ops[1].kind, OpKind::Reshape);
    EXPECT_EQ(g.ops[1].inputs[0], lstm.outputs[0]);
    EXPECT_EQ(g.ops[2].kind, OpKind::FullyConnected);
    EXPECT_EQ(g.ops[3].kind, OpKind::Softmax);
}

TEST(TfliteReader, PerChannelConvWeightsAndBias) {
    const Graph g = readTflite(kModels + "person_detect.tflite");
    const Op& conv = g.ops[2];  // first pointwise conv: 8 -> 16 channels
    ASSERT_EQ(conv.kind, OpKind::Conv2D);
    ASSERT_EQ(conv.inputs.size(), 3u);
    EXPECT_EQ(conv.inputs, (std::vector<int>{51, 10, 53}));
    const Tensor& w = g.tensors[10];
    EXPECT_EQ(w.shape, (Shape{16, 1, 1, 8}));
    EXPECT_EQ(w.dtype, DType::Int8);
    EXPECT_TRUE(w.isConstant);
    ASSERT_EQ(w.data.size(), 128u);
    EXPECT_EQ(std::vector<uint8_t>(w.data.begin(), w.data.begin() + 8),
              (std::vector<uint8_t>{255, 249, 240, 15, 5, 6, 129, 4}));
    ASSERT_TRUE(w.quant.perChannel());
    EXPECT_EQ(w.quant.scale.size(), 16u);
    EXPECT_EQ(w.quant.zeroPoint, std::vector<int64_t>(16, 0));
    EXPECT_EQ(w.quant.axis, 0);
    // flatc prints these scales with 6 significant digits.
    EXPECT_NEAR(w.quant.scale[0], 0.013827, 5e-7);
    EXPECT_NEAR(w.quant.scale[1], 0.008839, 5e-7);
    EXPECT_NEAR(w.quant.scale[2], 0.016528, 5e-7);

    // The first depthwise conv's bias: the file says quantized_dimension 3 for a 1-D tensor
    // (copied from the weights); it is per-channel along its only axis.
    const Tensor& bias = g.tensors[33];
    EXPECT_EQ(bias.shape, (Shape{8}));
    EXPECT_EQ(bias.dtype, DType::Int32);
    EXPECT_EQ(bias.quant.scale.size(), 8u);
    EXPECT_EQ(bias.quant.axis, 0);
    // Depthwise weights 1x3x3x8 are per-channel along dimension 3.
    EXPECT_EQ(g.tensors[0].quant.axis, 3);
    EXPECT_EQ(g.tensors[0].quant.scale.size(), 8u);
}

TEST(TfliteReader, OpAttributesOfPersonDetect) {
    const Graph g = readTflite(kModels + "person_detect.tflite");
    const OpAttributes& dw0 = g.ops[0].attrs;
    EXPECT_EQ(g.ops[0].kind, OpKind::DepthwiseConv2D);
    EXPECT_EQ(dw0.strideH, 2);
    EXPECT_EQ(dw0.strideW, 2);
    EXPECT_EQ(dw0.padding, Padding::Same);
    EXPECT_EQ(dw0.activation, Activation::Relu6);
    EXPECT_EQ(dw0.depthMultiplier, 8);
    EXPECT_EQ(dw0.dilationH, 1);
    EXPECT_EQ(dw0.dilationW, 1);
    EXPECT_EQ(g.ops[1].attrs.depthMultiplier, 1);

    const OpAttributes& pool = g.ops[27].attrs;
    EXPECT_EQ(g.ops[27].kind, OpKind::AveragePool2D);
    EXPECT_EQ(pool.padding, Padding::Valid);
    EXPECT_EQ(pool.filterH, 3);
    EXPECT_EQ(pool.filterW, 3);
    EXPECT_EQ(pool.strideH, 2);
    EXPECT_EQ(pool.activation, Activation::None);

    EXPECT_EQ(g.ops[28].attrs.activation, Activation::None);  // conv with no fused activation
    EXPECT_EQ(g.ops[29].kind, OpKind::Reshape);
    EXPECT_EQ(g.ops[29].attrs.newShape, (std::vector<int32_t>{1, 2}));
    EXPECT_EQ(g.ops[30].attrs.beta, 1.0f);
}

TEST(TfliteReader, OpAttributesOfOtherModels) {
    const Graph kws = readTflite(kModels + "kws_ref_model.tflite");
    EXPECT_EQ(kws.ops[9].attrs.filterH, 25);
    EXPECT_EQ(kws.ops[9].attrs.filterW, 5);
    EXPECT_EQ(kws.ops[9].attrs.strideH, 25);
    EXPECT_EQ(kws.ops[9].attrs.strideW, 5);
    // RESHAPE without options: the target comes from its constant shape input.
    EXPECT_EQ(kws.ops[10].attrs.newShape, (std::vector<int32_t>{-1, 64}));
    EXPECT_EQ(kws.ops[0].attrs.activation, Activation::Relu);

    const Graph speech = readTflite(kModels + "micro_speech_quantized.tflite");
    EXPECT_EQ(speech.ops[0].attrs.newShape, (std::vector<int32_t>{-1, 49, 40, 1}));
    EXPECT_EQ(speech.ops[1].attrs.depthMultiplier, 8);

    const Graph resnet = readTflite(kModels + "resnet8_cifar10_int8.tflite");
    EXPECT_EQ(resnet.ops[3].kind, OpKind::Add);
    EXPECT_EQ(resnet.ops[3].attrs.activation, Activation::Relu);
    EXPECT_EQ(resnet.ops[2].attrs.activation, Activation::None);
    EXPECT_EQ(resnet.ops[12].attrs.filterH, 8);

    const Graph hello = readTflite(kModels + "hello_world_float.tflite");
    EXPECT_EQ(hello.ops[0].attrs.activation, Activation::Relu);
    EXPECT_EQ(hello.ops[2].attrs.activation, Activation::None);
    EXPECT_FALSE(hello.ops[0].attrs.keepNumDims);
    const Tensor& w = hello.tensors[hello.ops[0].inputs[1]];
    EXPECT_EQ(w.shape, (Shape{16, 1}));
    EXPECT_TRUE(w.quant.empty());
    ASSERT_EQ(w.data.size(), 64u);
    EXPECT_EQ(std::vector<uint8_t>(w.data.begin(), w.data.begin() + 4), (std::vector<uint8_t>{48, 119, 249, 189}));
}

TEST(TfliteReader, McunetVwwFloatInputQuantizeFirst) {
    const Graph g = readTflite(kModels + "mcunet_vww.tflite");
    ASSERT_EQ(g.inputs, std::vector<int>{127});
    const Tensor& input = g.tensors[127];
    EXPECT_EQ(input.dtype, DType::Float32);
    EXPECT_TRUE(input.quant.empty());
    const Op& q = g.ops[0];
    EXPECT_EQ(q.kind, OpKind::Quantize);
    EXPECT_EQ(q.inputs, std::vector<int>{127});
    EXPECT_EQ(g.tensors[q.outputs[0]].dtype, DType::Int8);
    EXPECT_EQ(g.ops[1].kind, OpKind::Pad);
    const Tensor& pads = g.tensors[g.ops[1].inputs[1]];
    EXPECT_EQ(pads.shape, (Shape{4, 2}));
    EXPECT_EQ(pads.dtype, DType::Int32);
    std::vector<int32_t> padValues(8);
    std::memcpy(padValues.data(), pads.data.data(), 32);
    EXPECT_EQ(padValues, (std::vector<int32_t>{0, 0, 1, 1, 1, 1, 0, 0}));
    const OpAttributes& conv = g.ops[2].attrs;
    EXPECT_EQ(conv.padding, Padding::Valid);
    EXPECT_EQ(conv.strideH, 2);
    EXPECT_EQ(conv.activation, Activation::Relu6);
    const Tensor& w = g.tensors[74];
    EXPECT_EQ(w.shape, (Shape{16, 3, 3, 3}));
    EXPECT_EQ(w.quant.scale.size(), 16u);
    EXPECT_EQ(w.quant.axis, 0);
    EXPECT_EQ(g.ops[59].kind, OpKind::Mean);
    EXPECT_FALSE(g.ops[59].attrs.keepDims);
    EXPECT_EQ(g.ops[62].kind, OpKind::Dequantize);
    EXPECT_EQ(g.ops[62].outputs, std::vector<int>{78});
}

// ---------------------------------------------------------------------------------------------
// Bad files

TEST(TfliteReaderErrors, MissingFileAndDirectory) {
    const std::string path = kModels + "no_such_model.tflite";
    Error e = expectError([&] { readTflite(path); });
    EXPECT_EQ(e.code(), ErrorCode::FileNotFound);
    EXPECT_TRUE(contains(e.what(), path)) << e.what();

    e = expectError([&] { readTflite(kModels); });
    EXPECT_EQ(e.code(), ErrorCode::FileNotFound);
    EXPECT_TRUE(contains(e.what(), "directory")) << e.what();

    e = expectError([&] { readTflite("/dev/zero"); });  // endless: must not be read
    EXPECT_EQ(e.code(), ErrorCode::FileNotFound);
    EXPECT_TRUE(contains(e.what(), "/dev/zero: is a character device, not a regular file")) << e.what();
}

TEST(TfliteReaderErrors, EmptyFile) {
    TempDir dir;
    const std::string path = dir.write("empty.tflite", {});
    const Error e = expectError([&] { readTflite(path); });
    EXPECT_EQ(e.code(), ErrorCode::EmptyFile);
    EXPECT_TRUE(contains(e.what(), path)) << e.what();
}

TEST(TfliteReaderErrors, TruncatedCopiesOfPersonDetect) {
    const std::vector<uint8_t> model = readBytes(kModels + "person_detect.tflite");
    ASSERT_EQ(model.size(), 300568u);
    TempDir dir;
    const std::vector<size_t> cuts = {3, 4, 7, 8, 12, 64, 1000, 4096, model.size() / 4, model.size() / 2,
                                      model.size() - 4096, model.size() - 1};
    for (size_t cut : cuts) {
        SCOPED_TRACE("cut at " + std::to_string(cut));
        const std::string path = dir.write("cut_" + std::to_string(cut) + ".tflite",
                                           std::vector<uint8_t>(model.begin(), model.begin() + cut));
        const Error e = expectError([&] { readTflite(path); });
        EXPECT_EQ(e.code(), ErrorCode::CorruptFile);
        EXPECT_TRUE(contains(e.what(), path)) << e.what();
        EXPECT_TRUE(contains(e.what(), "truncated")) << e.what();
    }
}

TEST(TfliteReaderErrors, WrongFileIdentifier) {
    std::vector<uint8_t> model = readBytes(kModels + "person_detect.tflite");
    model[4] = 'X';  // "XFL3"
    const Error e = expectError([&] { readTfliteBuffer(model.data(), model.size(), "flipped.tflite"); });
    EXPECT_EQ(e.code(), ErrorCode::WrongFormat);
    EXPECT_TRUE(contains(e.what(), "flipped.tflite: ")) << e.what();
    EXPECT_TRUE(contains(e.what(), "TFL3")) << e.what();
}

TEST(TfliteReaderErrors, RootOffsetBeyondEnd) {
    std::vector<uint8_t> model = readBytes(kModels + "hello_world_int8.tflite");
    model[3] = 0x7F;  // root table offset now ~2 GB
    const Error e = expectError([&] { readTfliteBuffer(model.data(), model.size(), "root.tflite"); });
    EXPECT_EQ(e.code(), ErrorCode::CorruptFile);
    EXPECT_TRUE(contains(e.what(), "root.tflite: ")) << e.what();
}

// Every single-byte flip of a real model either imports or throws mcunet::Error — never
// anything else (the sanitizer build turns memory errors into failures too).
TEST(TfliteReaderErrors, EveryByteFlippedInHelloWorld) {
    const std::vector<uint8_t> model = readBytes(kModels + "hello_world_int8.tflite");
    ASSERT_EQ(model.size(), 2704u);
    size_t corrupt = 0, wrongFormat = 0, loaded = 0;
    for (size_t i = 0; i < model.size(); ++i) {
        std::vector<uint8_t> bytes = model;
        bytes[i] ^= 0xFF;
        try {
            const Graph g = readTfliteBuffer(bytes.data(), bytes.size(), "hello_flip.tflite");
            ++loaded;
            for (const Op& op : g.ops)
                for (int t : op.outputs) ASSERT_LT(size_t(t), g.tensors.size());
        } catch (const Error& e) {
            ASSERT_TRUE(contains(e.what(), "hello_flip.tflite: ")) << e.what();
            if (e.code() == ErrorCode::CorruptFile) ++corrupt;
            if (e.code() == ErrorCode::WrongFormat) ++wrongFormat;
        }
    }
    EXPECT_EQ(wrongFormat, 4u);  // exactly the four identifier bytes
    EXPECT_GT(corrupt, 100u);
    EXPECT_GT(loaded, 100u);  // flips inside weight bytes leave a valid model
}

TEST(TfliteReaderErrors, RandomBytes) {
    std::mt19937 rng(1234);
    std::vector<uint8_t> bytes(4096);
    for (auto& b : bytes) b = static_cast<uint8_t>(rng());
    bytes[0] = 0x00;  // not printable: no format hint applies
    TempDir dir;
    const std::string path = dir.write("random.tflite", bytes);
    Error e = expectError([&] { readTflite(path); });
    EXPECT_EQ(e.code(), ErrorCode::WrongFormat);
    EXPECT_TRUE(contains(e.what(), path)) << e.what();

    // Random bytes behind a valid-looking header: the verifier rejects them.
    for (int seed = 0; seed < 200; ++seed) {
        rng.seed(seed);
        for (auto& b : bytes) b = static_cast<uint8_t>(rng());
        std::memcpy(bytes.data() + 4, "TFL3", 4);
        bytes[0] = static_cast<uint8_t>(rng() % 64);
        bytes[1] = bytes[2] = bytes[3] = 0;
        e = expectError([&] { readTfliteBuffer(bytes.data(), bytes.size(), "noise.tflite"); });
        EXPECT_EQ(e.code(), ErrorCode::CorruptFile) << e.what();
    }
}

TEST(TfliteReaderErrors, OtherFormatsGetAHint) {
    struct Case {
        std::string path;
        std::string hint;
    };
    TempDir dir;
    const std::string png = dir.write("image.tflite", {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
                                                       'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1});
    const std::string zip = dir.write("archive.tflite", {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0});
    const std::string text = dir.write("notes.tflite", {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '\n'});
    const std::vector<Case> cases = {
        {png, "PNG"},
        {zip, "ZIP"},
        {text, "text"},
        {std::string(MCUNET_SHARED_DIR) + "/zoo/mcunet-256kb-1mb_imagenet.json", "JSON"},
        {std::string(MCUNET_SHARED_DIR) + "/data/person.bmp", "BMP"},
        {kModels + "README.md", "text"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.path);
        const Error e = expectError([&] { readTflite(c.path); });
        EXPECT_EQ(e.code(), ErrorCode::WrongFormat);
        EXPECT_TRUE(contains(e.what(), c.path + ": ")) << e.what();
        EXPECT_TRUE(contains(e.what(), c.hint)) << e.what();
    }
}

}  // namespace
