// The reference interpreter against TF-Lite Micro's recorded outputs (../shared/models/expected):
// every case of every model our op set covers must match bit for bit, and for the models with a
// per-op dump every intermediate tensor must hash the same as TFLM's.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/tflite_reader.h"
#include "runtime/fixed_point.h"
#include "runtime/interpreter.h"
#include "util/error.h"

namespace mcunet::runtime {
namespace {

const std::string kShared = MCUNET_SHARED_DIR;

nlohmann::json readJson(const std::string& path) {
    std::ifstream file(path);
    EXPECT_TRUE(file.good()) << path;
    return nlohmann::json::parse(file);
}

std::string hex8(uint32_t value) {
    char text[9];
    std::snprintf(text, sizeof text, "%08x", value);
    return text;
}

// The inputs named in expected/*.json.
std::vector<uint8_t> inputFor(const std::string& name, const ir::Tensor& tensor) {
    if (name == "ramp") return makeRampInput(tensor);
    if (name == "zeros") return makeZerosInput(tensor);
    const bool reinterpret = name.find("[bytes_as_int8]") != std::string::npos;
    const std::string file = name.substr(0, name.find('['));
    const GrayImage image = readBmpGray8(kShared + "/data/" + file);
    return imageToInt8Input(image, reinterpret ? PixelMapping::ReinterpretBytes : PixelMapping::Offset128);
}

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

}  // namespace
}  // namespace mcunet::runtime
