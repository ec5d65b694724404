// End-to-end tests of `mcunet codegen` and `mcunet run`: generated files on disk, one inference
// by hand through the reference interpreter and through the generated C, with the outputs
// TF-Lite Micro recorded in ../shared/models/expected.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "analysis/engine_planner.h"
#include "io/tflite_reader.h"
#include "run_cli.h"

namespace {

namespace fs = std::filesystem;
const std::string kShared = MCUNET_SHARED_DIR;

using CliRun = mcunet::testing::CliResult;
CliRun mcunet(const std::string& arguments) { return mcunet::testing::runMcunet(arguments); }

fs::path tempPath(const std::string& name) {
    return fs::temp_directory_path() / ("mcunet_codegen_cli_" + std::to_string(::getpid()) + "_" + name);
}

std::string writeFile(const std::string& name, const std::string& bytes) {
    const fs::path path = tempPath(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

// The `ramp` input of expected/*.json: element i = ((i*37 + 11) mod 256) - 128.
std::string rampInt8(size_t count) {
    std::string bytes(count, '\0');
    for (size_t i = 0; i < count; ++i) bytes[i] = static_cast<char>(static_cast<int8_t>(((i * 37 + 11) % 256) - 128));
    return bytes;
}

std::string rampFloat(size_t count) {
    std::string bytes(count * 4, '\0');
    for (size_t i = 0; i < count; ++i) {
        const float value = static_cast<float>(static_cast<int>((i * 37 + 11) % 256) - 128) / 128.0f;
        std::memcpy(bytes.data() + 4 * i, &value, 4);
    }
    return bytes;
}

// A version 1.0 .npy file holding int8 data of `shape`.
std::string npyInt8(const std::string& data, const std::string& shape) {
    std::string header = "{'descr': '|i1', 'fortran_order': False, 'shape': " + shape + ", }";
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::string file = "\x93NUMPY";
    file += '\x01';
    file += '\x00';
    file += static_cast<char>(header.size() & 0xff);
    file += static_cast<char>(header.size() >> 8);
    return file + header + data;
}

nlohmann::json expectedCase(const std::string& model, const std::string& input) {
    std::ifstream file(kShared + "/models/expected/" + model + ".json");
    const nlohmann::json all = nlohmann::json::parse(file);
    for (const auto& c : all["cases"])
        if (c["input"] == input) return c;
    ADD_FAILURE() << model << " has no case " << input;
    return {};
}

TEST(CliCodegen, HelpListsCodegenAndRun) {
    const CliRun run = mcunet("--help");
    EXPECT_NE(run.output.find("codegen FILE -o DIR"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("run FILE --input"), std::string::npos) << run.output;
    EXPECT_NE(mcunet("help codegen").output.find("--output, -o VALUE"), std::string::npos);
}

TEST(CliCodegen, WritesModelFilesWithTheArenaOfThePlan) {
    const fs::path dir = tempPath("person_detect");
    fs::remove_all(dir);
    const CliRun run = mcunet("codegen " + kShared + "/models/person_detect.tflite -o " + dir.string());
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const int64_t arena = mcunet::analysis::planEngine(mcunet::io::readTflite(kShared + "/models/person_detect.tflite")).arenaBytes;
    std::ifstream source(dir / "model.c");
    const std::string text{std::istreambuf_iterator<char>(source), std::istreambuf_iterator<char>()};
    EXPECT_NE(text.find("static int8_t arena[" + std::to_string(arena) + "]"), std::string::npos);
    EXPECT_TRUE(fs::exists(dir / "model.h"));
    EXPECT_NE(run.output.find("30 kernel steps for 31 graph ops"), std::string::npos) << run.output;
    char grouped[32];
    std::snprintf(grouped, sizeof grouped, "%lld,%03lld", static_cast<long long>(arena / 1000), static_cast<long long>(arena % 1000));
    EXPECT_NE(run.output.find(std::string("arena ") + grouped + " B (the engine plan's peak)"), std::string::npos) << run.output;
    fs::remove_all(dir);
}

TEST(CliCodegen, PrefixAndInputTypeShapeTheApi) {
    // The declared input (the default, as for profile and plan): the generated code takes float32.
    const fs::path dir = tempPath("vww_float");
    fs::remove_all(dir);
    const CliRun run = mcunet("codegen " + kShared + "/models/mcunet_vww.tflite --output " + dir.string() + " --prefix vww");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("input as declared: float32 1x80x80x3 (76,800 B)"), std::string::npos) << run.output;
    std::ifstream header(dir / "model.h");
    const std::string text{std::istreambuf_iterator<char>(header), std::istreambuf_iterator<char>()};
    EXPECT_NE(text.find("void vww_invoke(void);"), std::string::npos);
    EXPECT_NE(text.find("#define VWW_INPUT0_BYTES 76800"), std::string::npos) << text;  // 80x80x3 float32
    fs::remove_all(dir);

    // --input-type int8: the caller writes the quantized 80x80x3 int8 tensor.
    const CliRun int8 = mcunet("codegen " + kShared + "/models/mcunet_vww.tflite --output " + dir.string() +
                               " --prefix vww --input-type int8");
    ASSERT_EQ(int8.exitCode, 0) << int8.output;
    EXPECT_NE(int8.output.find("arena 89,632 B"), std::string::npos) << int8.output;
    std::ifstream int8Header(dir / "model.h");
    const std::string int8Text{std::istreambuf_iterator<char>(int8Header), std::istreambuf_iterator<char>()};
    EXPECT_NE(int8Text.find("#define VWW_INPUT0_BYTES 19200"), std::string::npos) << int8Text;
    fs::remove_all(dir);
    EXPECT_EQ(mcunet("codegen " + kShared + "/models/mcunet_vww.tflite -o " + dir.string() + " --input-type float").exitCode, 2);
}

// One inference by hand, both ways, on the ramp: TF-Lite Micro's recorded output.
TEST(CliRun, ReferenceAndGeneratedGiveTflmsOutputFromNpy) {
    const std::string input = writeFile("pd_ramp.npy", npyInt8(rampInt8(96 * 96), "(96, 96)"));
    const auto want = expectedCase("person_detect", "ramp")["output"];
    for (const char* with : {"reference", "generated"}) {
        SCOPED_TRACE(with);
        const CliRun run = mcunet("run " + kShared + "/models/person_detect.tflite --input " + input + " --with " + with + " --json");
        ASSERT_EQ(run.exitCode, 0) << run.output;
        const auto json = nlohmann::json::parse(run.output);
        ASSERT_EQ(json["outputs"].size(), 1u);
        EXPECT_EQ(json["outputs"][0]["values"], want);
        EXPECT_EQ(json["outputs"][0]["shape"], nlohmann::json::array({1, 2}));
        EXPECT_EQ(json["with"], with);
    }
    fs::remove(input);
}

// mcunet_vww's generated code takes int8; given the model's float input it quantizes on the host
// as the dropped QUANTIZE would, and the result is still TF-Lite Micro's float output exactly.
TEST(CliRun, GeneratedVwwFromFloatOrInt8RawInput) {
    const std::string floats = writeFile("vww_ramp_f32.bin", rampFloat(80 * 80 * 3));
    const auto want = expectedCase("mcunet_vww", "ramp")["output"].get<std::vector<double>>();
    const CliRun run = mcunet("run " + kShared + "/models/mcunet_vww.tflite --input " + floats + " --with generated --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto json = nlohmann::json::parse(run.output);
    EXPECT_EQ(json["outputs"][0]["values"].get<std::vector<double>>(), want);
    EXPECT_NE(json["notes"][0].get<std::string>().find("quantized on the host as the dropped QUANTIZE (op 0)"), std::string::npos);
    const CliRun text = mcunet("run " + kShared + "/models/mcunet_vww.tflite --input " + floats);
    ASSERT_EQ(text.exitCode, 0) << text.output;
    EXPECT_NE(text.output.find("output 0 '1422' float32 1x2:\n  0.293756932 -0.146878466"), std::string::npos) << text.output;
    fs::remove(floats);
}

TEST(CliRun, BadInputsAndOptionsGiveOneClearMessage) {
    const std::string small = writeFile("five.bin", std::string(5, '\0'));
    const CliRun wrongSize = mcunet("run " + kShared + "/models/person_detect.tflite --input " + small);
    EXPECT_EQ(wrongSize.exitCode, 1);
    EXPECT_EQ(wrongSize.output, "mcunet: " + small + ": has 5 bytes; the input is 'input' int8 1x96x96x1 (9216 bytes)\n");
    const CliRun generated = mcunet("run " + kShared + "/models/mcunet_vww.tflite --with generated --input " + small);
    EXPECT_EQ(generated.exitCode, 1);
    EXPECT_NE(generated.output.find("fits neither the generated code's input 'input.9_te_transform' int8 1x80x80x3 (19200 bytes) "
                                    "nor the model's input"),
              std::string::npos)
        << generated.output;
    const CliRun badWith = mcunet("run " + kShared + "/models/person_detect.tflite --input " + small + " --with tflm");
    EXPECT_EQ(badWith.exitCode, 2);
    EXPECT_EQ(badWith.output, "mcunet: --with must be 'reference' or 'generated', not 'tflm'\n");
    EXPECT_EQ(mcunet("codegen " + kShared + "/models/person_detect.tflite").exitCode, 2);
    const CliRun floatModel = mcunet("codegen " + kShared + "/models/hello_world_float.tflite -o " + tempPath("hwf").string());
    EXPECT_EQ(floatModel.exitCode, 1);
    EXPECT_NE(floatModel.output.find("the engine's kernels are int8; quantize the model first"), std::string::npos) << floatModel.output;
    fs::remove(small);
}

}  // namespace
