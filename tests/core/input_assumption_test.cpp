// The input assumption: both runtimes and the verdict are computed on the same one, the
// declared type by default. A detector with a 1x160x160x3 float32 input (307,200 B) followed by
// QUANTIZE must not fit a 256 kB STM32F412 as declared, and fits when the caller writes int8.
#include <gtest/gtest.h>

#include "analysis/input_assumption.h"
#include "analysis/model_analysis.h"
#include "analysis/tflm_planner.h"
#include "device/board.h"
#include "io/tflite_reader.h"
#include "ir/graph_builder.h"

using namespace mcunet;
using namespace mcunet::analysis;

namespace {

// An int8 detector head (conv 3x3 s2 -> 80x80x8, mean, FC) whose float input is quantized by
// its first op, as a TF exporter writes it.
ir::Graph floatInputDetector() {
    ir::GraphBuilder builder("float_input_detector");
    const int quantized = builder.addInput("input_int8", {1, 160, 160, 3});
    const int conv = builder.conv2d("conv", quantized, 8, 3, 2, ir::Activation::Relu6);
    const int pooled = builder.mean("mean", conv);
    builder.markOutput(builder.fullyConnected("fc", pooled, 4));
    ir::Graph graph = builder.finish();
    ir::Tensor input;
    input.name = "input_float";
    input.shape = {1, 160, 160, 3};
    input.dtype = ir::DType::Float32;
    graph.tensors.push_back(input);
    const int floatInput = static_cast<int>(graph.tensors.size()) - 1;
    ir::Op quantize;
    quantize.kind = ir::OpKind::Quantize;
    quantize.inputs = {floatInput};
    quantize.outputs = {quantized};
    graph.ops.insert(graph.ops.begin(), quantize);
    graph.inputs = {floatInput};
    return graph;
}

std::string sharedModel(const std::string& name) { return std::string(MCUNET_SHARED_DIR) + "/models/" + name; }

}  // namespace

TEST(InputAssumption, NamesAndParsing) {
    EXPECT_EQ(inputAssumptionName(InputAssumption::Declared), "declared");
    EXPECT_EQ(inputAssumptionName(InputAssumption::Int8), "int8");
    EXPECT_EQ(parseInputAssumption("int8"), InputAssumption::Int8);
    EXPECT_EQ(parseInputAssumption("declared"), InputAssumption::Declared);
    EXPECT_FALSE(parseInputAssumption("float").has_value());
    EXPECT_EQ(AnalysisOptions{}.input, InputAssumption::Declared);  // the declared type is the default
}

TEST(InputAssumption, FloatInputDetectorFlipsTheVerdictOnStm32F412) {
    const ir::Graph graph = floatInputDetector();
    const device::Board f412 = device::findBoard("stm32f412");
    EXPECT_EQ(callerQuantizedInputOps(graph), std::vector<int>{0});

    AnalysisOptions options = analysisOptionsFor(f412, "");
    const ModelAnalysis declared = analyzeModel(graph, options);
    EXPECT_TRUE(declared.inputAssumptionMatters);
    EXPECT_EQ(declared.inputAssumptionText, "input as declared: float32 1x160x160x3 (307,200 B)");
    // Both runtimes hold the float input and its int8 copy while QUANTIZE runs: 307,200 + 76,800.
    EXPECT_EQ(declared.engine.arenaBytes, 307200 + 76800);
    EXPECT_EQ(declared.tflm.arenaBytes, 307200 + 76800);
    const BoardFit declaredFit = checkFit(declared, f412);
    EXPECT_EQ(declaredFit.input, InputAssumption::Declared);
    EXPECT_FALSE(declaredFit.engineSram.fits);
    EXPECT_FALSE(declaredFit.tflmSram.fits);
    EXPECT_EQ(declaredFit.engineSram.marginBytes, 262144 - 384000);

    options.input = InputAssumption::Int8;
    const ModelAnalysis int8 = analyzeModel(graph, options);
    EXPECT_EQ(int8.inputAssumptionText,
              "input int8, quantized by the caller: int8 1x160x160x3 (76,800 B; QUANTIZE #0 dropped)");
    // The int8 input and the conv's 80x80x8 output: 76,800 + 51,200, the same head for TFLM; our
    // engine adds its conv's im2col scratch (two 27-value int16 columns, 108 B).
    EXPECT_EQ(int8.engine.arenaBytes, 76800 + 51200 + 108);
    EXPECT_EQ(int8.tflm.arenaBytes, 76800 + 51200);
    EXPECT_EQ(stepOfOp(int8.tflm, 0), -1);  // no QUANTIZE step in either plan
    EXPECT_EQ(stepOfOp(int8.engine, 0), -1);
    EXPECT_EQ(int8.tflm.timeline.size(), graph.ops.size() - 1);
    EXPECT_LT(int8.tflm.persistentBytes, declared.tflm.persistentBytes);  // one op, one tensor fewer
    const BoardFit int8Fit = checkFit(int8, f412);
    EXPECT_EQ(int8Fit.input, InputAssumption::Int8);
    EXPECT_TRUE(int8Fit.fitsWithEngine());
    EXPECT_TRUE(int8Fit.tflmSram.fits);
    EXPECT_EQ(int8Fit.engineSram.marginBytes, 262144 - 128108);
}

TEST(InputAssumption, MattersOnlyForAFloatInputReadByQuantize) {
    const ir::Graph vww = io::readTflite(sharedModel("mcunet_vww.tflite"));
    EXPECT_EQ(callerQuantizedInputOps(vww), std::vector<int>{0});
    const ir::Graph person = io::readTflite(sharedModel("person_detect.tflite"));
    EXPECT_TRUE(callerQuantizedInputOps(person).empty());  // int8 input already
    const ir::Graph fp = io::readTflite(sharedModel("vww_96_float.tflite"));
    EXPECT_TRUE(callerQuantizedInputOps(fp).empty());  // float all the way: nothing to drop
    EXPECT_NE(describeInputAssumption(fp, InputAssumption::Int8).find("changes nothing"), std::string::npos);
    const ModelAnalysis a = analyzeModel(person);
    EXPECT_FALSE(a.inputAssumptionMatters);
    EXPECT_EQ(a.inputAssumptionText, "input as declared: int8 1x96x96x1 (9,216 B)");
}

TEST(InputAssumption, McunetVwwBothRuntimesOnOneAssumption) {
    const ir::Graph vww = io::readTflite(sharedModel("mcunet_vww.tflite"));
    AnalysisOptions options;
    const ModelAnalysis declared = analyzeModel(vww, options);
    options.input = InputAssumption::Int8;
    const ModelAnalysis int8 = analyzeModel(vww, options);
    EXPECT_EQ(declared.engine.arenaBytes, 96000);  // float input 76,800 + its int8 copy 19,200
    EXPECT_EQ(int8.engine.arenaBytes, 89632);
    EXPECT_EQ(declared.tflm.arenaBytes, 161472);   // TFLM's measured head (float input counted)
    EXPECT_EQ(int8.tflm.arenaBytes, 161472);       // its peak is later, away from the input
    EXPECT_EQ(declared.tflm.timeline.size(), 63u);
    EXPECT_EQ(int8.tflm.timeline.size(), 62u);
    // One op (32 B node + 32 B OpDataQuantizeReference) and one tensor (12 B) fewer; the int8
    // input's TfLiteTensor adds 20 B of quantization (12 + 4 + 4) over the float one's; 16-byte
    // realignment of the later allocations rounds the difference to 64.
    EXPECT_EQ(declared.tflm.persistentBytes - int8.tflm.persistentBytes, 64);
    EXPECT_EQ(declared.tflm.persistentBytes, 58272);  // models/README.md: TFLM's measured tail
}
