// The reference interpreter against TF-Lite Micro's recorded outputs (../shared/models/expected):
// every case of every model our op set covers must match bit for bit, and for the models with a
// per-op dump every intermediate tensor must hash the same as TFLM's.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <unistd.h>

#include "expected_cases.h"
#include "io/tflite_reader.h"
#include "runtime/fixed_point.h"
#include "runtime/interpreter.h"
#include "util/error.h"

namespace mcunet::runtime {
namespace {

const std::string kShared = MCUNET_SHARED_DIR;

using expected_cases::hex8;
using expected_cases::inputFor;
using expected_cases::readJson;

ir::Tensor tensorOf(const std::string& name, ir::DType dtype, ir::Shape shape) {
    ir::Tensor tensor;
    tensor.name = name;
    tensor.dtype = dtype;
    tensor.shape = std::move(shape);
    return tensor;
}

std::vector<int> ints8(const std::vector<int8_t>& v) { return {v.begin(), v.end()}; }

// Runs every case of expected/<json> and returns how many matched; failures are reported.
void expectAllCasesMatch(const std::string& jsonName) {
    const nlohmann::json expected = readJson(kShared + "/models/expected/" + jsonName);
    Interpreter interpreter(io::readTflite(kShared + "/models/" + expected["model"].get<std::string>()));
    ASSERT_EQ(interpreter.inputCount(), 1u);
    ASSERT_EQ(interpreter.outputCount(), 1u);
    ASSERT_FALSE(expected["cases"].empty());
    for (const auto& c : expected["cases"]) {
        const std::string input = c["input"];
        SCOPED_TRACE(jsonName + " case " + input);
        interpreter.setInput(0, inputFor(input, interpreter.inputTensor(0)));
        interpreter.invoke();
        const ir::Tensor& out = interpreter.outputTensor(0);
        ASSERT_EQ(out.shape, c["output_shape"].get<ir::Shape>());
        if (c["output_dtype"] == "float32") {
            ASSERT_EQ(out.dtype, ir::DType::Float32);
            const auto actual = interpreter.outputAs<float>(0);
            const auto want = c["output"].get<std::vector<double>>();
            ASSERT_EQ(actual.size(), want.size());
            for (size_t i = 0; i < want.size(); ++i)  // exact float32 equality, not a tolerance
                EXPECT_EQ(actual[i], static_cast<float>(want[i])) << "element " << i;
        } else {
            ASSERT_EQ(out.dtype, ir::DType::Int8);
            const auto actual = interpreter.outputAs<int8_t>(0);
            const auto want = c["output"].get<std::vector<int>>();
            EXPECT_EQ(std::vector<int>(actual.begin(), actual.end()), want);
        }
        EXPECT_EQ(hex8(fnv1a(interpreter.output(0))), c["output_hash_fnv1a"].get<std::string>());
    }
}

TEST(InterpreterTflm, PersonDetect) { expectAllCasesMatch("person_detect.json"); }
TEST(InterpreterTflm, PersonDetectBytesAsInt8) { expectAllCasesMatch("person_detect_bytes_as_int8.json"); }
TEST(InterpreterTflm, McunetVwwFloatInput) { expectAllCasesMatch("mcunet_vww.json"); }
TEST(InterpreterTflm, KwsRefModel) { expectAllCasesMatch("kws_ref_model.json"); }
TEST(InterpreterTflm, Resnet8Cifar10) { expectAllCasesMatch("resnet8_cifar10_int8.json"); }
TEST(InterpreterTflm, MicroSpeech) { expectAllCasesMatch("micro_speech_quantized.json"); }
TEST(InterpreterTflm, HelloWorldInt8) { expectAllCasesMatch("hello_world_int8.json"); }
TEST(InterpreterTflm, HelloWorldFloat) { expectAllCasesMatch("hello_world_float.json"); }
TEST(InterpreterTflm, Vww96Float) { expectAllCasesMatch("vww_96_float.json"); }

// Every op's output for the ramp input, op by op; stops at the first op that diverges so the
// message names the op to look at.
void expectIntermediatesMatch(const std::string& model) {
    const nlohmann::json expected = readJson(kShared + "/models/expected/intermediate/" + model + ".json");
    Interpreter interpreter(io::readTflite(kShared + "/models/" + expected["model_file"].get<std::string>()));
    interpreter.setInput(0, makeRampInput(interpreter.inputTensor(0)));
    EXPECT_EQ(hex8(fnv1a(interpreter.tensorBytes(interpreter.graph().inputs[0]))),
              expected["model_inputs"][0]["fnv1a"].get<std::string>());
    interpreter.invoke();
    ASSERT_EQ(expected["ops"].size(), interpreter.graph().ops.size());
    for (const auto& op : expected["ops"]) {
        const int index = op["op_index"];
        ASSERT_EQ(interpreter.graph().ops[index].name(), op["op"].get<std::string>());
        for (const auto& out : op["outputs"]) {
            const int tensor = out["tensor"];
            const std::string hash = hex8(fnv1a(interpreter.tensorBytes(tensor)));
            ASSERT_EQ(hash, out["fnv1a"].get<std::string>())
                << model << ": first divergence at op " << index << " " << op["op"].get<std::string>()
                << " output tensor " << tensor << " '" << out["name"].get<std::string>() << "'";
        }
    }
}

TEST(InterpreterTflmIntermediate, PersonDetect) { expectIntermediatesMatch("person_detect"); }
TEST(InterpreterTflmIntermediate, McunetVww) { expectIntermediatesMatch("mcunet_vww"); }
TEST(InterpreterTflmIntermediate, KwsRefModel) { expectIntermediatesMatch("kws_ref_model"); }
TEST(InterpreterTflmIntermediate, Resnet8Cifar10) { expectIntermediatesMatch("resnet8_cifar10_int8"); }
TEST(InterpreterTflmIntermediate, MicroSpeech) { expectIntermediatesMatch("micro_speech_quantized"); }
TEST(InterpreterTflmIntermediate, HelloWorldInt8) { expectIntermediatesMatch("hello_world_int8"); }


TEST(InterpreterTflm, MnistLstmIsRejectedNamingTheOp) {
    try {
        Interpreter interpreter(io::readTflite(kShared + "/models/mnist_lstm_int8.tflite"));
        FAIL() << "the LSTM model must not be accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::UnsupportedModel);
        EXPECT_STREQ(e.what(), "mnist_lstm_int8: the reference interpreter cannot execute op 0 UNIDIRECTIONAL_SEQUENCE_LSTM");
    }
}

// An interpreter keeps no state between invocations: running a case again gives the same bytes.
TEST(InterpreterTflm, InvokeIsRepeatable) {
    Interpreter interpreter(io::readTflite(kShared + "/models/person_detect.tflite"));
    interpreter.setInput(0, makeZerosInput(interpreter.inputTensor(0)));
    interpreter.invoke();
    const auto first = interpreter.outputAs<int8_t>(0);
    interpreter.setInput(0, makeRampInput(interpreter.inputTensor(0)));
    interpreter.invoke();
    interpreter.setInput(0, makeZerosInput(interpreter.inputTensor(0)));
    interpreter.invoke();
    EXPECT_EQ(interpreter.outputAs<int8_t>(0), first);
    EXPECT_EQ(ints8(first), (std::vector<int>{72, -72}));
}

// Bad graphs never crash: random single mutations of the real models (strides, windows,
// padding, activations, axes, shapes, dtypes, quantization, operand indices) must either be
// rejected with mcunet::Error or run. Seeded, so a failure reproduces.
void mutate(ir::Graph& g, std::mt19937& rng) {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    ir::Op& op = g.ops[pick(static_cast<int>(g.ops.size()))];
    ir::OpAttributes& a = op.attrs;
    std::vector<int> activations;
    for (int t = 0; t < static_cast<int>(g.tensors.size()); ++t)
        if (!g.tensors[t].isConstant) activations.push_back(t);
    ir::Tensor& tensor = g.tensors[pick(2) ? activations[pick(static_cast<int>(activations.size()))]
                                           : pick(static_cast<int>(g.tensors.size()))];
    switch (pick(14)) {
        case 0: a.strideH = pick(4); a.strideW = pick(4); break;
        case 1: a.filterH = pick(5); a.filterW = pick(5) - 1; break;
        case 2: a.padding = a.padding == ir::Padding::Same ? ir::Padding::Valid : ir::Padding::Same; break;
        case 3: a.activation = static_cast<ir::Activation>(pick(6)); break;
        case 4: a.dilationH = pick(4); a.depthMultiplier = pick(4); break;
        case 5: a.axis = pick(9) - 4; a.keepDims = !a.keepDims; break;
        case 6: if (!tensor.shape.empty()) tensor.shape[pick(static_cast<int>(tensor.shape.size()))] += pick(3) - 1; break;
        case 7: tensor.shape.push_back(1 + pick(2)); break;
        case 8: tensor.dtype = static_cast<ir::DType>(pick(8)); break;
        case 9: if (!tensor.quant.scale.empty()) tensor.quant.scale[0] = std::vector<float>{0.0f, -1.0f, NAN, 1e-30f, 1e30f}[pick(5)]; break;
        case 10: if (!tensor.quant.zeroPoint.empty()) tensor.quant.zeroPoint[0] = pick(600) - 300; break;
        case 11: if (!op.inputs.empty()) op.inputs[pick(static_cast<int>(op.inputs.size()))] = pick(3) - 1 + (pick(2) ? 0 : 100000); break;
        case 12: if (!op.inputs.empty()) op.inputs.pop_back(); else op.outputs.clear(); break;
        default: if (!tensor.quant.scale.empty()) tensor.quant = {}; break;
    }
}

TEST(InterpreterRobustness, MutatedModelsAreRejectedOrRunNeverCrash) {
    std::mt19937 rng(20261124);
    int rejected = 0, ran = 0;
    for (const char* model : {"person_detect", "mcunet_vww", "kws_ref_model", "resnet8_cifar10_int8",
                              "micro_speech_quantized", "hello_world_int8", "hello_world_float", "vww_96_float"}) {
        const ir::Graph original = io::readTflite(kShared + "/models/" + model + ".tflite");
        for (int trial = 0; trial < 40; ++trial) {
            ir::Graph graph = original;
            mutate(graph, rng);
            try {
                Interpreter interpreter(std::move(graph));
                interpreter.setInput(0, makeRampInput(interpreter.inputTensor(0)));
                interpreter.invoke();
                ++ran;
            } catch (const Error& e) {
                EXPECT_NE(std::string(e.what()).find(model), std::string::npos) << e.what();  // names the model
                ++rejected;
            }
        }
    }
    EXPECT_EQ(rejected + ran, 8 * 40);
    EXPECT_GT(rejected, 100);  // most mutations break a model; they must be caught, not run
}

// ---- input helpers --------------------------------------------------------------------------

TEST(InterpreterInputs, RampAndZeros) {
    const ir::Tensor int8Tensor = tensorOf("x", ir::DType::Int8, {1, 4});
    const auto ramp = makeRampInput(int8Tensor);
    EXPECT_EQ(ints8(std::vector<int8_t>(ramp.begin(), ramp.end())), (std::vector<int>{-117, -80, -43, -6}));
    const ir::Tensor floatTensor = tensorOf("f", ir::DType::Float32, {3});
    std::vector<float> f(3);
    std::memcpy(f.data(), makeRampInput(floatTensor).data(), 12);
    EXPECT_EQ(f, (std::vector<float>{-117.0f / 128, -80.0f / 128, -43.0f / 128}));
    const ir::Tensor u8 = tensorOf("u", ir::DType::UInt8, {2});
    EXPECT_EQ(makeRampInput(u8), (std::vector<uint8_t>{11, 48}));
    EXPECT_EQ(makeZerosInput(floatTensor), std::vector<uint8_t>(12, 0));
}

class TempDir : public ::testing::Test {
protected:
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("mcunet_interp_" + std::to_string(::getpid()) + "_" +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
    void SetUp() override { std::filesystem::create_directories(dir); }
    void TearDown() override { std::filesystem::remove_all(dir); }
    std::string write(const std::string& name, const std::vector<uint8_t>& bytes) {
        const auto path = (dir / name).string();
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                    static_cast<std::streamsize>(bytes.size()));
        return path;
    }
};

// A version-1.0 .npy file: magic, version, header length, dict padded with spaces to 64 bytes.
std::vector<uint8_t> npy(const std::string& dict, const std::vector<uint8_t>& data) {
    std::string header = dict;
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    const std::string prefix = std::string("\x93NUMPY\x01\x00", 8) + static_cast<char>(header.size() & 0xff) +
                               static_cast<char>(header.size() >> 8);
    const std::string text = prefix + header;
    std::vector<uint8_t> bytes(text.begin(), text.end());
    for (uint8_t b : data) bytes.push_back(b);
    return bytes;
}

using InterpreterNpy = TempDir;

TEST_F(InterpreterNpy, ReadsInt8AndFloat32InCOrder) {
    const ir::Tensor int8Tensor = tensorOf("in", ir::DType::Int8, {1, 2, 2, 1});
    const auto path = write("a.npy", npy("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 2), }", {1, 0xff, 3, 0x80}));
    EXPECT_EQ(readNpyInput(path, int8Tensor), (std::vector<uint8_t>{1, 0xff, 3, 0x80}));

    const ir::Tensor floatTensor = tensorOf("f", ir::DType::Float32, {2});
    std::vector<uint8_t> data(8);
    const float values[2] = {1.5f, -2.0f};
    std::memcpy(data.data(), values, 8);
    const auto fpath = write("f.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data));
    EXPECT_EQ(readNpyInput(fpath, floatTensor), data);
}

TEST_F(InterpreterNpy, RejectsMismatchesWithThePathInTheMessage) {
    const ir::Tensor int8Tensor = tensorOf("in", ir::DType::Int8, {1, 4});
    auto expectError = [&](const std::string& path, ErrorCode code, const std::string& part) {
        try {
            readNpyInput(path, int8Tensor);
            ADD_FAILURE() << "accepted " << path;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), code) << e.what();
            EXPECT_EQ(std::string(e.what()).rfind(path + ": ", 0), 0u) << e.what();
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
        }
    };
    expectError(write("u8.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (4,), }", {1, 2, 3, 4})),
                ErrorCode::InvalidArgument, "holds uint8 but input 'in' is int8");
    expectError(write("n.npy", npy("{'descr': '|i1', 'fortran_order': False, 'shape': (5,), }", {1, 2, 3, 4, 5})),
                ErrorCode::InvalidArgument, "holds 5 values");
    expectError(write("fo.npy", npy("{'descr': '|i1', 'fortran_order': True, 'shape': (2, 2), }", {1, 2, 3, 4})),
                ErrorCode::UnsupportedModel, "Fortran");
    expectError(write("be.npy", npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", {0, 0, 0, 0})),
                ErrorCode::UnsupportedModel, "'>f4'");
    expectError(write("short.npy", npy("{'descr': '|i1', 'fortran_order': False, 'shape': (4,), }", {1, 2})),
                ErrorCode::CorruptFile, "truncated");
    expectError(write("text.npy", {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'}), ErrorCode::WrongFormat, ".npy");
    expectError((dir / "missing.npy").string(), ErrorCode::FileNotFound, "cannot open");
}

// A minimal 8-bit BMP: 14-byte file header, 40-byte info header, palette, padded rows.
std::vector<uint8_t> bmp(int width, int height, const std::vector<uint8_t>& rowsAsStored, int paletteSize = 256,
                         bool gray = true) {
    auto put32 = [](std::vector<uint8_t>& b, size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); };
    const size_t pixelOffset = 54 + 4 * static_cast<size_t>(paletteSize);
    std::vector<uint8_t> b(pixelOffset, 0);
    b[0] = 'B';
    b[1] = 'M';
    put32(b, 10, static_cast<uint32_t>(pixelOffset));
    put32(b, 14, 40);
    put32(b, 18, static_cast<uint32_t>(width));
    put32(b, 22, static_cast<uint32_t>(height));
    b[26] = 1;
    b[28] = 8;
    put32(b, 46, static_cast<uint32_t>(paletteSize));
    for (int i = 0; i < paletteSize; ++i) {
        b[54 + 4 * i] = static_cast<uint8_t>(i);
        b[54 + 4 * i + 1] = static_cast<uint8_t>(i);
        b[54 + 4 * i + 2] = static_cast<uint8_t>(gray ? i : 255 - i);
    }
    b.insert(b.end(), rowsAsStored.begin(), rowsAsStored.end());
    put32(b, 2, static_cast<uint32_t>(b.size()));
    return b;
}

using InterpreterBmp = TempDir;

TEST_F(InterpreterBmp, FlipsBottomUpRowsAndSkipsRowPadding) {
    // 3x2 image, rows stored bottom-up, each padded to 4 bytes.
    const auto path = write("a.bmp", bmp(3, 2, {40, 50, 60, 0, 10, 20, 30, 0}));
    const GrayImage image = readBmpGray8(path);
    EXPECT_EQ(image.width, 3);
    EXPECT_EQ(image.height, 2);
    EXPECT_EQ(image.pixels, (std::vector<uint8_t>{10, 20, 30, 40, 50, 60}));
    // Negative height: rows already top first.
    const GrayImage topDown = readBmpGray8(write("b.bmp", bmp(3, -2, {40, 50, 60, 0, 10, 20, 30, 0})));
    EXPECT_EQ(topDown.pixels, (std::vector<uint8_t>{40, 50, 60, 10, 20, 30}));
    EXPECT_EQ(imageToInt8Input(image, PixelMapping::Offset128),
              (std::vector<uint8_t>{0x8a, 0x94, 0x9e, 0xa8, 0xb2, 0xbc}));  // p - 128
    EXPECT_EQ(imageToInt8Input(image, PixelMapping::ReinterpretBytes), image.pixels);
}

TEST_F(InterpreterBmp, SharedPersonImageIs96x96) {
    const GrayImage image = readBmpGray8(kShared + "/data/person.bmp");
    EXPECT_EQ(image.width, 96);
    EXPECT_EQ(image.height, 96);
    EXPECT_EQ(image.pixels.size(), 96u * 96u);
}

TEST_F(InterpreterBmp, RejectsWhatItCannotRead) {
    auto code = [&](const std::vector<uint8_t>& bytes) {
        try {
            readBmpGray8(write("x.bmp", bytes));
        } catch (const Error& e) {
            return e.code();
        }
        return ErrorCode::Internal;
    };
    EXPECT_EQ(code({'P', 'K', 3, 4}), ErrorCode::WrongFormat);
    auto rgb = bmp(1, 1, {0, 0, 0, 0});
    rgb[28] = 24;
    EXPECT_EQ(code(rgb), ErrorCode::UnsupportedModel);
    EXPECT_EQ(code(bmp(4, 4, {1, 2, 3})), ErrorCode::CorruptFile);  // pixel data truncated
    EXPECT_EQ(code(bmp(1, 1, {0, 0, 0, 0}, 256, false)), ErrorCode::UnsupportedModel);  // colour palette
    EXPECT_EQ(code(bmp(1, 1, {9, 0, 0, 0}, 4)), ErrorCode::CorruptFile);  // index beyond the palette
}

TEST(InterpreterInputs, HashIsFnv1a) {
    EXPECT_EQ(fnv1a({}), 0x811c9dc5u);
    const std::vector<uint8_t> a{'a'};
    EXPECT_EQ(fnv1a(a), 0xe40c292cu);  // published FNV-1a test vector for "a"
}
}  // namespace
}  // namespace mcunet::runtime
