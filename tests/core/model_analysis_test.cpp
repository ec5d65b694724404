// The analysis bundle the studio (and the CLI) show: profile, both plans, both Flash estimates
// and the board verdict, on the shared models.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "analysis/model_analysis.h"
#include "io/tflite_reader.h"

using namespace mcunet;
using namespace mcunet::analysis;

namespace {
std::string model(const std::string& name) { return std::string(MCUNET_SHARED_DIR) + "/models/" + name; }

ModelAnalysis analyse(const std::string& name, const char* board = "stm32f746",
                      InputAssumption input = InputAssumption::Declared) {
    AnalysisOptions options = analysisOptionsFor(device::findBoard(board), model(name));
    options.input = input;
    return analyzeModel(io::readTflite(model(name)), options);
}
}  // namespace

TEST(ModelAnalysis, PersonDetectBundle) {
    const ModelAnalysis a = analyse("person_detect.tflite");
    EXPECT_EQ(a.profile.totalMacs, 7157888);
    EXPECT_TRUE(a.engineAvailable());
    EXPECT_EQ(a.tflm.arenaBytes, 55296);  // TF-Lite Micro's measured head
    EXPECT_EQ(a.tflmSramBytes(), a.tflm.minimumArenaBytes);
    EXPECT_EQ(a.engineSramBytes(), a.engine.arenaBytes);
    EXPECT_EQ(a.options.core, "cortex-m7");
    EXPECT_EQ(a.tflmFlash.modelFileBytes, static_cast<int64_t>(std::filesystem::file_size(model("person_detect.tflite"))));
    EXPECT_EQ(a.engineFlash.runtime, "engine");
    EXPECT_GT(a.engineFlash.weightBytes, 0);
}

TEST(ModelAnalysis, StacksAddUpToLiveBytesOnEverySharedModel) {
    for (const char* name : {"person_detect.tflite", "mcunet_vww.tflite", "kws_ref_model.tflite",
                             "resnet8_cifar10_int8.tflite", "micro_speech_quantized.tflite", "hello_world_int8.tflite"}) {
        const ModelAnalysis a = analyse(name);
        for (const MemoryPlan* plan : {&a.engine, &a.tflm}) {
            ASSERT_FALSE(plan->timeline.empty()) << name;
            int64_t most = 0;
            for (int step = 0; step < static_cast<int>(plan->timeline.size()); ++step) {
                int64_t stacked = 0;
                for (int b : distinctLiveBuffers(*plan, step)) stacked += plan->buffers[b].sizeBytes;
                EXPECT_EQ(stacked, plan->timeline[step].liveBytes) << name << " " << plan->runtime << " step " << step;
                most = std::max(most, plan->timeline[step].liveBytes);
            }
            const int peak = peakStep(*plan);
            ASSERT_GE(peak, 0);
            EXPECT_EQ(plan->timeline[peak].liveBytes, most);
            EXPECT_EQ(plan->timeline[peak].liveBytes, plan->lowerBoundBytes) << name << " " << plan->runtime;
        }
    }
}

TEST(ModelAnalysis, StepOfOp) {
    const ModelAnalysis a = analyse("mcunet_vww.tflite", "stm32f746", InputAssumption::Int8);
    EXPECT_EQ(stepOfOp(a.engine, 0), -1);  // QUANTIZE of the float input: dropped (int8 input)
    EXPECT_EQ(stepOfOp(a.tflm, 0), -1);    // in both runtimes
    const ModelAnalysis declared = analyse("mcunet_vww.tflite");
    EXPECT_EQ(stepOfOp(declared.engine, 0), 0);  // as declared, QUANTIZE runs first
    for (int op = 0; op < 63; ++op) EXPECT_EQ(stepOfOp(declared.tflm, op), op);  // TFLM runs every op
    EXPECT_EQ(stepOfOp(a.engine, 1), -1);  // PAD folded into the conv after it
    EXPECT_EQ(a.engine.timeline[stepOfOp(a.engine, 2)].opIndex, 2);
    for (int op = 1; op < 63; ++op) EXPECT_EQ(stepOfOp(a.tflm, op), op - 1);
    EXPECT_EQ(stepOfOp(a.tflm, 63), -1);
    EXPECT_EQ(peakStep(MemoryPlan{}), -1);
    EXPECT_TRUE(distinctLiveBuffers(a.engine, -1).empty());
}

TEST(ModelAnalysis, VerdictPerBoard) {
    // mcunet_vww with int8 input: 89,632 B with our engine fits every board.
    const ModelAnalysis vww = analyse("mcunet_vww.tflite", "stm32f412", InputAssumption::Int8);
    const BoardFit f412 = checkFit(vww, device::findBoard("stm32f412"));
    EXPECT_TRUE(f412.fitsWithEngine());
    EXPECT_EQ(f412.engineSram.usedBytes, 89632);
    EXPECT_EQ(f412.engineSram.marginBytes, 262144 - 89632);
    EXPECT_EQ(f412.engineFlash.limitBytes, 1048576);

    // A float model: no engine; TF-Lite Micro needs 321,808 B: over 256 kB, under 320 kB.
    const ModelAnalysis fp = analyse("vww_96_float.tflite", "stm32f412");
    EXPECT_FALSE(fp.engineAvailable());
    EXPECT_NE(fp.engineError.find("int8"), std::string::npos);
    const BoardFit small = checkFit(fp, device::findBoard("stm32f412"));
    EXPECT_FALSE(small.fitsWithEngine());
    EXPECT_EQ(small.tflmSram.usedBytes, 321808);
    EXPECT_EQ(small.tflmSram.marginBytes, -59664);
    EXPECT_FALSE(small.fitsWithTflm());
    const BoardFit larger = checkFit(analyse("vww_96_float.tflite", "stm32f746"), device::findBoard("stm32f746"));
    EXPECT_EQ(larger.tflmSram.marginBytes, 5872);
    EXPECT_TRUE(larger.fitsWithTflm());
}

TEST(ModelAnalysis, UnsupportedOpsKeepProfileAndTflm) {
    const ModelAnalysis a = analyse("mnist_lstm_int8.tflite");
    EXPECT_FALSE(a.engineAvailable());
    EXPECT_NE(a.engineError.find("UNIDIRECTIONAL_SEQUENCE_LSTM"), std::string::npos);
    EXPECT_TRUE(a.engine.timeline.empty());
    EXPECT_FALSE(a.tflm.timeline.empty());
    EXPECT_EQ(a.profile.unsupportedOps, std::vector<std::string>{"UNIDIRECTIONAL_SEQUENCE_LSTM"});
}

TEST(ModelAnalysis, OptionsForBoard) {
    const AnalysisOptions none = analysisOptionsFor(device::findBoard("stm32f412"), "zoo:mcunet-256kb-1mb");
    EXPECT_EQ(none.core, "cortex-m4");
    EXPECT_EQ(none.modelFileBytes, 0);
    // An MCUNet config is not a model file: TF-Lite Micro's Flash comes from the graph.
    const std::string config = std::string(MCUNET_SHARED_DIR) + "/zoo/mcunet-256kb-1mb_imagenet.json";
    EXPECT_EQ(analysisOptionsFor(device::findBoard("stm32f746"), config).modelFileBytes, 0);
    EXPECT_EQ(analysisOptionsFor(device::findBoard("stm32f746"), model("kws_ref_model.tflite")).modelFileBytes,
              static_cast<int64_t>(std::filesystem::file_size(model("kws_ref_model.tflite"))));
    EXPECT_EQ(analysisOptionsFor(device::findBoard("stm32f746"), "/nonexistent.tflite").modelFileBytes, 0);
    EXPECT_EQ(checkLimit(10, 10).fits, true);
    EXPECT_EQ(checkLimit(11, 10).marginBytes, -1);
}
