// Every file in ../shared/bad-inputs (and the hostile non-files its README lists: a FIFO, a
// device, a directory, a 2 GB sparse file, absurd options) once crashed or hung a command. Each
// now gets one line naming the file and the problem, a non-zero exit and no signal. The commands
// run under `timeout 10`: a hang shows up as exit 124 instead of blocking the suite.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "run_cli.h"

namespace {

using mcunet::testing::CliResult;
using mcunet::testing::runMcunet;

const std::string kShared = MCUNET_SHARED_DIR;
const std::string kBad = kShared + "/bad-inputs/";
const std::string kPerson = kShared + "/models/person_detect.tflite";

// A hang guard, not a speed goal: every refusal here takes milliseconds.
CliResult runGuarded(const std::string& arguments, int timeoutSeconds = 10) { return runMcunet(arguments, timeoutSeconds); }

std::string tempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("mcunet_bad_inputs_" + std::to_string(getpid()) + "_" + name)).string();
}

// One clear line on stderr, exit 1 (bad input) or 2 (bad argument), no signal, no hang.
void expectRefused(const CliResult& result, const std::string& expectedLine, int expectedExit = 1) {
    EXPECT_EQ(result.output, "mcunet: " + expectedLine + "\n");
    EXPECT_EQ(result.exitCode, expectedExit) << result.output;
}

TEST(BadInputs, DeeplyNestedConfigsAreRefusedBeforeAnyRecursion) {
    for (const char* name : {"config_deep_nesting.json", "config_deep_nesting_20k.json"}) {
        SCOPED_TRACE(name);
        expectRefused(runGuarded("profile " + kBad + name),
                      kBad + name +
                          ": JSON nested deeper than 64 levels; no configuration needs that, the file is damaged or "
                          "not a configuration");
    }
}

// Found by fuzzing the search-space reader: a number beyond double's range made nlohmann throw
// out_of_range (not parse_error) out of every JSON reader.
TEST(BadInputs, AJsonNumberBeyondDoubleIsInvalidJson) {
    const std::string path = tempPath("huge_number.json");
    std::ofstream(path) << "{\"name\": \"ProxylessNASNets\", \"resolution\": 29999E99999999999999999}";
    expectRefused(runGuarded("profile " + path), path + ": not valid JSON (number overflow parsing '29999E99999999999999999')");
    expectRefused(runGuarded("search --sram 256K --flash 1M --space " + path),
                  path + ": not valid JSON (number overflow parsing '29999E99999999999999999')");
    std::filesystem::remove(path);
}

// Found by fuzzing the search-space reader: a non-string name threw nlohmann's type_error.
TEST(BadInputs, ASearchSpaceWithAWrongTypeIsRefused) {
    const std::string path = tempPath("space.json");
    std::ofstream(path) << "{\"name\": [1], \"stage_widths\": [32]}";
    expectRefused(runGuarded("search --sram 256K --flash 1M --space " + path), path + ": name: expected a string", 2);
    std::filesystem::remove(path);
}

TEST(BadInputs, NpyHeadersAreParsedWithCheckedArithmetic) {
    expectRefused(runGuarded("run " + kPerson + " --input " + kBad + "npy_long_header.npy"),
                  kBad + "npy_long_header.npy: .npy header holds a string of 26695 characters where keys and dtypes "
                         "are a few; the file is damaged or not written by numpy");
    expectRefused(runGuarded("run " + kPerson + " --input " + kBad + "npy_shape_overflow.npy"),
                  kBad + "npy_shape_overflow.npy: .npy shape has dimension 4294967296, larger than any input tensor can be");
    expectRefused(runGuarded("run " + kPerson + " --input " + kBad + "npy_huge_dim.npy"),
                  kBad + "npy_huge_dim.npy: .npy shape has dimension 99999999999999999999, larger than any input "
                         "tensor can be");
}

TEST(BadInputs, ANpyWhoseShapeProductOverflowsIsRefused) {
    // Every dimension below the per-dimension bound, the product past int64.
    const std::string path = tempPath("product.npy");
    const std::string header = "{'descr': '|i1', 'fortran_order': False, 'shape': (2147483648, 2147483648, 2147483648), }";
    std::string file = std::string("\x93NUMPY\x01\x00", 8);
    file += static_cast<char>(header.size() & 0xff);
    file += static_cast<char>(header.size() >> 8);
    file += header;
    std::ofstream(path, std::ios::binary) << file;
    expectRefused(runGuarded("run " + kPerson + " --input " + path),
                  path + ": .npy shape (2147483648, 2147483648, 2147483648) has more elements than any input tensor can have");
    std::filesystem::remove(path);
}

TEST(BadInputs, ASoftmaxTheInterpreterRefusesIsRefusedByCodegenToo) {
    const std::string model = kBad + "kws_ref_model_tiny_softmax_scale.tflite";
    const std::string message = "kws_ref_model_tiny_softmax_scale: op 12 SOFTMAX: SOFTMAX input multiplier is smaller than one";
    const std::string out = tempPath("kws_out");
    expectRefused(runGuarded("codegen " + model + " -o " + out), message);
    EXPECT_FALSE(std::filesystem::exists(out + "/model.c")) << "nothing may be written for a refused model";
    // The same refusal from `run --with generated` and from the reference interpreter.
    const std::string input = tempPath("kws_in.bin");
    std::ofstream(input, std::ios::binary) << std::string(490, '\0');  // kws_ref_model: int8 1x49x10x1
    expectRefused(runGuarded("run " + model + " --input " + input + " --with generated", 120), message);
    expectRefused(runGuarded("run " + model + " --input " + input), message);
    std::filesystem::remove(input);
    std::filesystem::remove_all(out);
}

TEST(BadInputs, NanInputQuantizesAsTheReferenceDoes) {
    const std::string vww = kShared + "/models/mcunet_vww.tflite";
    const std::string input = kBad + "mcunet_vww_input_nan.bin";
    const CliResult reference = runGuarded("run " + vww + " --input " + input + " --json", 120);
    const CliResult generated = runGuarded("run " + vww + " --input " + input + " --with generated --json", 300);
    ASSERT_EQ(reference.exitCode, 0) << reference.output;
    ASSERT_EQ(generated.exitCode, 0) << generated.output;
    // Every NaN becomes the input zero point (0) in both, so the two outputs agree to the bit.
    const auto values = [](const std::string& json) { return json.substr(json.find("\"values\""), json.find(']', json.find("\"values\"")) - json.find("\"values\"")); };
    EXPECT_EQ(values(generated.output), values(reference.output));
    EXPECT_NE(reference.output.find("0.5875138640403748"), std::string::npos) << reference.output;
}

TEST(BadInputs, AFifoIsNeverOpened) {
    const std::string fifo = tempPath("model.fifo");
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    expectRefused(runGuarded("profile " + fifo),
                  fifo + ": is a named pipe (FIFO), not a regular file; expected a TensorFlow Lite model file (.tflite)");
    expectRefused(runGuarded("run " + kPerson + " --input " + fifo),
                  fifo + ": is a named pipe (FIFO), not a regular file; expected an input file (.npy or raw bytes)");
    std::filesystem::remove(fifo);
}

TEST(BadInputs, DevicesAndDirectoriesAsInput) {
    expectRefused(runGuarded("run " + kPerson + " --input /dev/zero"),
                  "/dev/zero: is a character device, not a regular file; expected an input file (.npy or raw bytes)");
    expectRefused(runGuarded("run " + kPerson + " --input " + kShared + "/models"),
                  kShared + "/models: is a directory; expected an input file (.npy or raw bytes)");
}

TEST(BadInputs, AHugeFileIsJudgedByItsFirstBytes) {
    // 2 GB of zeros without the disk space: a sparse file.
    const std::string sparse = tempPath("sparse.tflite");
    std::filesystem::resize_file((std::ofstream(sparse), sparse), int64_t{2} << 30);
    expectRefused(runGuarded("profile " + sparse),
                  sparse + ": not a TensorFlow Lite model: no \"TFL3\" file identifier at byte 4; expected a .tflite "
                           "flatbuffer written by the TFLite converter");
    // The right first bytes, but far beyond any microcontroller model: refused by its size.
    {
        std::fstream file(sparse, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(4);
        file.write("TFL3", 4);
    }
    expectRefused(runGuarded("profile " + sparse),
                  sparse + ": is 2.0 GB, more than the 256.0 MB limit for a TensorFlow Lite model file (.tflite); check "
                           "that this is the right file",
                  2);
    std::filesystem::remove(sparse);
}

TEST(BadInputs, LongWorkHasAStatedLimit) {
    expectRefused(runGuarded("plan " + kPerson + " --columns 100000000"),
                  "--columns must be between 8 and 1000, not 100000000", 2);
    // MCUNet's 256 kB network at 4096 x 4096 pixels: 44 G MACs, minutes of reference computing.
    const std::string config = tempPath("res4096.json");
    std::string text;
    {
        std::ifstream in(kShared + "/zoo/mcunet-256kb-1mb_imagenet.json");
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const size_t at = text.find("\"resolution\"");
    ASSERT_NE(at, std::string::npos);
    text = text.substr(0, at) + "\"resolution\": 4096" + text.substr(text.find_first_of(",}", at));
    std::ofstream(config) << text;
    expectRefused(runGuarded("run " + config + " --input /nonexistent"),
                  config + ": one inference takes 43,992,641,792 MACs, more than run's limit of 4,000,000,000 (about a "
                           "second per billion on this machine's reference path); raise it with --max-macs N if you mean it",
                  2);
    std::filesystem::remove(config);
}

}  // namespace
