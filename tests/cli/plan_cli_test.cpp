// `mcunet plan` and the memory part of `mcunet profile`: what a user types and reads.
#include <gtest/gtest.h>

#include "cli/run_cli.h"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using mcunet::testing::CliResult;
using mcunet::testing::runMcunet;

const std::string kModels = std::string(MCUNET_SHARED_DIR) + "/models/";


size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST(CliPlan, EnginePlanOfVwwShowsPeakMapAndSchedule) {
    const CliResult run = runMcunet("plan " + kModels + "mcunet_vww.tflite --columns 40 --input-type int8");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("input int8, quantized by the caller: int8 1x80x80x3 (19,200 B; QUANTIZE #0 dropped)"),
              std::string::npos) << run.output;
    EXPECT_NE(run.output.find("arena        89,632 B"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("gap 0 B"), std::string::npos);
    EXPECT_NE(run.output.find("QUANTIZE #0 dropped"), std::string::npos);
    // One map row per kernel step (58), each 40 columns between bars.
    EXPECT_GE(count(run.output, " B\n"), 58u);
    // 15 depthwise convs: a map row, a schedule row and a scratch legend line each.
    EXPECT_EQ(count(run.output, "DEPTHWISE_CONV_2D "), 3u * 15u);
    EXPECT_EQ(count(run.output, "# scratch: DEPTHWISE_CONV_2D"), 15u);
    EXPECT_NE(run.output.find("PAD"), std::string::npos);          // fused PADs named in the schedule
    EXPECT_EQ(run.output.find('!'), std::string::npos) << "overlap drawn in the map";
}

TEST(CliPlan, TheDeclaredFloatInputIsTheDefaultForBothRuntimes) {
    const CliResult engine = runMcunet("plan " + kModels + "mcunet_vww.tflite");
    ASSERT_EQ(engine.exitCode, 0) << engine.output;
    EXPECT_NE(engine.output.find("input as declared: float32 1x80x80x3 (76,800 B)"), std::string::npos) << engine.output;
    EXPECT_NE(engine.output.find("arena        96,000 B"), std::string::npos) << engine.output;  // 76,800 + 19,200
    const auto tflm = nlohmann::json::parse(runMcunet("plan " + kModels + "mcunet_vww.tflite --runtime tflm --json").output);
    EXPECT_EQ(tflm["input_type"], "declared");
    EXPECT_EQ(tflm["plan"]["timeline"].size(), 63u);  // QUANTIZE runs
    const auto int8 =
        nlohmann::json::parse(runMcunet("plan " + kModels + "mcunet_vww.tflite --runtime tflm --input-type int8 --json").output);
    EXPECT_EQ(int8["input_type"], "int8");
    EXPECT_EQ(int8["plan"]["timeline"].size(), 62u);  // QUANTIZE dropped
    EXPECT_EQ(runMcunet("plan " + kModels + "mcunet_vww.tflite --input-type uint8").exitCode, 2);
}

TEST(CliPlan, TflmPlanAsJsonHasTheExactHeadAndATimelineOfLiveBuffers) {
    const CliResult run = runMcunet("plan " + kModels + "person_detect.tflite --runtime tflm --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto plan = nlohmann::json::parse(run.output)["plan"];
    EXPECT_EQ(plan["runtime"], "tflm");
    EXPECT_EQ(plan["arena_bytes"], 55296);
    ASSERT_EQ(plan["timeline"].size(), 31u);
    const auto& first = plan["timeline"][0];
    EXPECT_EQ(first["op"], "DEPTHWISE_CONV_2D");
    // Step 0 holds the 9,216-byte input and the 18,432-byte output, each with offset and owner.
    EXPECT_EQ(first["live_bytes"], 9216 + 18432);
    ASSERT_EQ(first["live"].size(), 2u);
    for (const auto& buffer : first["live"]) {
        EXPECT_TRUE(buffer.contains("offset"));
        EXPECT_FALSE(buffer["owner"].get<std::string>().empty());
    }
}

TEST(CliPlan, EngineScheduleJsonGivesCodegenEveryOffset) {
    const CliResult run = runMcunet("plan " + kModels + "kws_ref_model.tflite --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto plan = nlohmann::json::parse(run.output)["plan"];
    const auto& steps = plan["schedule"]["steps"];
    ASSERT_EQ(steps.size(), 12u);  // 13 ops, the RESHAPE is a view
    for (const auto& step : steps) {
        EXPECT_EQ(step["inputs"].size(), step["input_offsets"].size());
        EXPECT_LE(step["output_offset"].get<int64_t>() + step["output_bytes"].get<int64_t>(), plan["arena_bytes"].get<int64_t>());
        if (step["in_place"]) {
            EXPECT_EQ(step["output_offset"], step["input_offsets"][0]);
        }
    }
    EXPECT_EQ(plan["schedule"]["dropped_ops"], nlohmann::json::array({10}));
}

TEST(CliPlan, BadRequestsExitNonZeroWithOneSentence) {
    EXPECT_EQ(runMcunet("plan " + kModels + "kws_ref_model.tflite --runtime cmsis").exitCode, 2);
    EXPECT_EQ(runMcunet("plan " + kModels + "kws_ref_model.tflite --columns four").exitCode, 2);
    EXPECT_EQ(runMcunet("plan").exitCode, 2);
    const CliResult floatModel = runMcunet("plan " + kModels + "vww_96_float.tflite");
    EXPECT_EQ(floatModel.exitCode, 1);
    EXPECT_NE(floatModel.output.find("int8"), std::string::npos) << floatModel.output;
    EXPECT_EQ(count(floatModel.output, "\n"), 1u) << floatModel.output;
    const CliResult lstm = runMcunet("plan " + kModels + "mnist_lstm_int8.tflite");
    EXPECT_EQ(lstm.exitCode, 1);
    EXPECT_NE(lstm.output.find("UNIDIRECTIONAL_SEQUENCE_LSTM"), std::string::npos) << lstm.output;
}

TEST(CliProfile, ShowsBothPeaksBothFlashFiguresAndTheVerdictWithMargins) {
    const CliResult run = runMcunet("profile " + kModels + "mcunet_vww.tflite --board stm32f412 --input-type int8");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("input int8, quantized by the caller"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("our engine"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("TF-Lite Micro"), std::string::npos);
    EXPECT_NE(run.output.find("89,632 B arena"), std::string::npos);
    EXPECT_NE(run.output.find("head 161,472 B"), std::string::npos);
    // 256 kB board: the engine's margin is 262,144 - 89,632.
    EXPECT_NE(run.output.find("margin 168.5 kB (172,512 B)"), std::string::npos);
    EXPECT_NE(run.output.find("(measured)"), std::string::npos);
}

TEST(CliProfile, JsonCarriesPlansFlashFitsAndTimelines) {
    const CliResult run = runMcunet("profile " + kModels + "mcunet_vww.tflite --board stm32f746 --input-type int8 --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto json = nlohmann::json::parse(run.output);
    EXPECT_EQ(json["memory"]["input_type"], "int8");
    const auto& engine = json["memory"]["engine"];
    const auto& tflm = json["memory"]["tflm"];
    EXPECT_EQ(engine["peak_sram_bytes"], 89632);
    EXPECT_EQ(engine["fits"]["sram_margin_bytes"], 327680 - 89632);
    EXPECT_EQ(engine["plan"]["timeline"].size(), 58u);
    EXPECT_EQ(engine["flash"]["core"], "cortex-m7");
    EXPECT_EQ(engine["flash"]["total_bytes"], engine["flash_bytes"]);
    EXPECT_EQ(tflm["plan"]["arena_bytes"], 161472);
    EXPECT_EQ(tflm["plan"]["timeline"].size(), 62u);  // int8 input: TFLM runs every op but the QUANTIZE
    EXPECT_EQ(tflm["peak_sram_bytes"], tflm["plan"]["minimum_arena_bytes"]);
    EXPECT_GT(tflm["flash"]["model_file_bytes"].get<int64_t>(), 400000);
    EXPECT_TRUE(engine["fits"]["sram"]);
    EXPECT_TRUE(tflm["fits"]["flash"]);
}

TEST(CliProfile, ShowsTflmWithReferenceAndWithCmsisNnKernels) {
    const CliResult run = runMcunet("profile " + kModels + "resnet8_cifar10_int8.tflite --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto memory = nlohmann::json::parse(run.output)["memory"];
    EXPECT_EQ(memory["tflm"]["plan"]["arena_bytes"], 49152);          // reference head, measured
    EXPECT_EQ(memory["tflm_cmsis_nn"]["head_bytes"], 49728);          // CMSIS-NN head, measured
    EXPECT_EQ(memory["tflm_cmsis_nn"]["peak_sram_bytes"], memory["tflm_cmsis_nn"]["plan"]["minimum_arena_bytes"]);
    const CliResult text = runMcunet("profile " + kModels + "resnet8_cifar10_int8.tflite");
    EXPECT_NE(text.output.find("TFLM+CMSIS-NN  SRAM"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("head 49,728 B"), std::string::npos) << text.output;
    const auto plan = nlohmann::json::parse(
        runMcunet("plan " + kModels + "resnet8_cifar10_int8.tflite --runtime tflm --kernels cmsis-nn --json").output);
    EXPECT_EQ(plan["plan"]["arena_bytes"], 49728);
    EXPECT_EQ(runMcunet("plan " + kModels + "resnet8_cifar10_int8.tflite --runtime tflm --kernels arm").exitCode, 2);
}

TEST(CliProfile, TheVerdictSaysWhichInputItAssumed) {
    const CliResult run = runMcunet("profile " + kModels + "mcunet_vww.tflite --board stm32f412 --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto memory = nlohmann::json::parse(run.output)["memory"];
    EXPECT_EQ(memory["input_type"], "declared");
    EXPECT_EQ(memory["input_assumption"], "input as declared: float32 1x80x80x3 (76,800 B)");
    EXPECT_EQ(memory["engine"]["peak_sram_bytes"], 96000);
    const CliResult text = runMcunet("profile " + kModels + "mcunet_vww.tflite --board stm32f412");
    EXPECT_NE(text.output.find("both runtimes: input as declared: float32 1x80x80x3 (76,800 B) (--input-type int8 if the "
                               "caller quantizes)"),
              std::string::npos)
        << text.output;
}

TEST(CliProfile, AFloatModelThatTheEngineCannotRunAndTflmCannotFit) {
    // vww_96_float on a 256 kB board: float32 activations need a 294,912-byte TFLM head.
    const CliResult run = runMcunet("profile " + kModels + "vww_96_float.tflite --board stm32f412 --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto memory = nlohmann::json::parse(run.output)["memory"];
    EXPECT_FALSE(memory["engine"]["available"]);
    EXPECT_NE(memory["engine"]["reason"].get<std::string>().find("int8"), std::string::npos);
    EXPECT_EQ(memory["tflm"]["plan"]["arena_bytes"], 294912);
    EXPECT_FALSE(memory["tflm"]["fits"]["sram"]);
    EXPECT_LT(memory["tflm"]["fits"]["sram_margin_bytes"].get<int64_t>(), 0);
    const CliResult text = runMcunet("profile " + kModels + "vww_96_float.tflite --board stm32f412");
    EXPECT_NE(text.output.find("cannot run it"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("DOES NOT FIT"), std::string::npos);
}
