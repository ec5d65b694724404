// End-to-end tests of the `mcunet` executable: what a user types, what they read, the exit code.
#include <gtest/gtest.h>

#include "cli/run_cli.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace {

using mcunet::testing::CliResult;
using mcunet::testing::runMcunet;

const std::string kShared = MCUNET_SHARED_DIR;


std::string tempFile(const std::string& name, const std::string& bytes) {
    const auto path = std::filesystem::temp_directory_path() / ("mcunet_cli_test_" + name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

}  // namespace

TEST(Cli, HelpDocumentsEveryCommand) {
    const CliResult run = runMcunet("--help");
    EXPECT_EQ(run.exitCode, 0);
    for (const char* command : {"profile", "zoo", "boards"})
        EXPECT_NE(run.output.find(command), std::string::npos) << command;
    const CliResult profileHelp = runMcunet("help profile");
    EXPECT_NE(profileHelp.output.find("--board"), std::string::npos);
    EXPECT_NE(profileHelp.output.find("--json"), std::string::npos);
}

TEST(Cli, ProfilePersonDetectPrintsTotalsAndVerdict) {
    const CliResult run = runMcunet("profile " + kShared + "/models/person_detect.tflite --board stm32f412");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("7,157,888"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("DEPTHWISE_CONV_2D"), std::string::npos);
    EXPECT_NE(run.output.find("STM32F412"), std::string::npos);
}

TEST(Cli, ProfileJsonCarriesTheSameNumbers) {
    const CliResult run = runMcunet("profile " + kShared + "/models/person_detect.tflite --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto json = nlohmann::json::parse(run.output);
    EXPECT_EQ(json["profile"]["total_macs"], 7'157'888);
    EXPECT_EQ(json["profile"]["ops"].size(), 31u);
    EXPECT_EQ(json["profile"]["theoretical_peak_bytes"], 55'296);
}

TEST(Cli, ProfileOfAZooModelAndOfTheMcunetConfig) {
    const CliResult zoo = runMcunet("profile zoo:mcunet-256kb-1mb --json");
    ASSERT_EQ(zoo.exitCode, 0) << zoo.output;
    const CliResult config = runMcunet("profile " + kShared + "/zoo/mcunet-256kb-1mb_imagenet.json --json");
    ASSERT_EQ(config.exitCode, 0) << config.output;
    // The built-in model is the shared config's architecture: the same numbers.
    const auto a = nlohmann::json::parse(zoo.output)["profile"], b = nlohmann::json::parse(config.output)["profile"];
    EXPECT_EQ(a["total_macs"], 67'287'200);
    EXPECT_EQ(a["total_macs"], b["total_macs"]);
    EXPECT_EQ(a["total_params"], b["total_params"]);
    EXPECT_EQ(a["theoretical_peak_bytes"], b["theoretical_peak_bytes"]);
    EXPECT_TRUE(nlohmann::json::parse(zoo.output)["synthetic_weights"]);
}

TEST(Cli, UnsupportedOpsAreNamed) {
    const CliResult run = runMcunet("profile " + kShared + "/models/mnist_lstm_int8.tflite");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("UNIDIRECTIONAL_SEQUENCE_LSTM"), std::string::npos) << run.output;
    // Counted by its arithmetic, supported by TF-Lite Micro (not by our engine), MACC beside MACs.
    EXPECT_NE(run.output.find("UNIDIRECTIONAL_SEQUENCE_LSTM  no      yes"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("MACs                 114,800"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("MACC                 114,820"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("TF-Lite Micro runs them"), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("INCOMPLETE"), std::string::npos) << run.output;
    const auto json = nlohmann::json::parse(runMcunet("profile " + kShared + "/models/mnist_lstm_int8.tflite --json").output);
    EXPECT_TRUE(json["profile"]["macs_complete"]);
    EXPECT_EQ(json["profile"]["ops"][0]["macs"], 109200);
    EXPECT_EQ(json["profile"]["ops"][0]["tflm_supported"], true);
    EXPECT_EQ(json["profile"]["ops"][0]["engine_supported"], false);
}

TEST(Cli, ZooListsTheBuiltInModels) {
    const CliResult run = runMcunet("zoo");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    for (const char* name : {"mcunet-256kb-1mb", "mbv2-w0.35-r144", "proxyless-w0.3-r176"})
        EXPECT_NE(run.output.find(name), std::string::npos) << name;
}

TEST(Cli, BadInputGivesOneClearMessageAndNonZeroExit) {
    std::ifstream model(kShared + "/models/person_detect.tflite", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(model)), std::istreambuf_iterator<char>());
    const std::pair<std::string, std::string> cases[] = {
        {"missing", kShared + "/models/no_such_model.tflite"},
        {"empty", tempFile("empty.tflite", "")},
        {"truncated", tempFile("truncated.tflite", bytes.substr(0, bytes.size() / 3))},
        {"random", tempFile("random.tflite", std::string("\x13\x37\xc0\xde\x42\x00\xff\x10 random", 16))},
        {"wrong format", tempFile("image.tflite", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16))},
        {"bad json", tempFile("config.json", "{\"name\": \"ProxylessNASNets\", \"blocks\": 3}")},
    };
    for (const auto& [what, path] : cases) {
        const CliResult run = runMcunet("profile " + path);
        EXPECT_EQ(run.exitCode, 1) << what << ": " << run.output;
        EXPECT_EQ(run.output.rfind("mcunet: " + path + ": ", 0), 0u) << what << ": " << run.output;
        EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << what << ": " << run.output;
    }
}

TEST(Cli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(runMcunet("frobnicate").exitCode, 2);
    EXPECT_EQ(runMcunet("profile").exitCode, 2);
    EXPECT_EQ(runMcunet("profile x.tflite --no-such-option").exitCode, 2);
    EXPECT_EQ(runMcunet("profile " + kShared + "/models/person_detect.tflite --board esp32").exitCode, 2);
}
