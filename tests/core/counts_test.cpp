// Counts users trust: MACs and MACC for every op by the rules in core/analysis/README.md (each
// figure here is computed by hand), an explicit "unknown" for ops without a rule, support per
// runtime, and TF-Lite Micro's plan for the ops our engine lacks (SVDF, LSTM) with their scratch
// and state.
#include <gtest/gtest.h>

#include "analysis/model_analysis.h"
#include "analysis/profile.h"
#include "analysis/tflm_planner.h"
#include "io/tflite_reader.h"
#include "ir/graph_builder.h"

using namespace mcunet;
using namespace mcunet::analysis;

namespace {

ir::Graph shared(const std::string& name) {
    return io::readTflite(std::string(MCUNET_SHARED_DIR) + "/models/" + name + ".tflite");
}

int addTensor(ir::Graph& graph, const std::string& name, ir::Shape shape, ir::DType dtype, bool constant,
              bool variable = false) {
    ir::Tensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.dtype = dtype;
    t.isConstant = constant;
    t.isVariable = variable;
    if (constant) t.data.assign(static_cast<size_t>(t.byteSize()), 0);
    if (dtype == ir::DType::Int8 || dtype == ir::DType::Int16) t.quant = {{0.01f}, {0}, 0};
    graph.tensors.push_back(std::move(t));
    return static_cast<int>(graph.tensors.size()) - 1;
}

// A keyword-spotting SVDF layer as TFLM's int8 SVDF takes it: input [1, 40], 64 filters of rank 1
// (64 units), memory 10; weights_time int16, state int16 [1, 640] (a variable tensor).
ir::Graph svdfGraph() {
    ir::Graph graph;
    graph.name = "svdf_kws";
    const int input = addTensor(graph, "input", {1, 40}, ir::DType::Int8, false);
    const int feature = addTensor(graph, "weights_feature", {64, 40}, ir::DType::Int8, true);
    const int time = addTensor(graph, "weights_time", {64, 10}, ir::DType::Int16, true);
    const int bias = addTensor(graph, "bias", {64}, ir::DType::Int32, true);
    const int state = addTensor(graph, "activation_state", {1, 640}, ir::DType::Int16, false, true);
    const int output = addTensor(graph, "output", {1, 64}, ir::DType::Int8, false);
    ir::Op svdf;
    svdf.kind = ir::OpKind::Unsupported;
    svdf.unsupportedName = "SVDF";
    svdf.inputs = {input, feature, time, bias, state};
    svdf.outputs = {output};
    graph.ops.push_back(svdf);
    graph.inputs = {input};
    graph.outputs = {output};
    return graph;
}

}  // namespace

TEST(Counts, MaccCountsEveryOpByTheStatedRule) {
    // 8x8x4 int8 -> conv 3x3 -> 8x8x8 -> ADD with itself -> avg pool 2x2 s2 -> 4x4x8 -> MEAN -> 8
    // -> FC 8 -> 4 -> SOFTMAX.
    ir::GraphBuilder b("macc_rules");
    const int in = b.addInput("in", {1, 8, 8, 4});
    const int conv = b.conv2d("conv", in, 8, 3, 1, ir::Activation::None);
    const int sum = b.add("add", conv, conv);
    const int pool = b.averagePool2d("pool", sum, 2, 2);
    const int mean = b.mean("mean", pool);
    const int fc = b.fullyConnected("fc", mean, 4);
    b.markOutput(b.softmax("softmax", fc));
    const Profile p = profileGraph(b.finish());
    ASSERT_EQ(p.ops.size(), 6u);
    EXPECT_EQ(p.ops[0].macs, 8 * 8 * 8 * 3 * 3 * 4);  // 18,432
    EXPECT_EQ(p.ops[0].maccs, p.ops[0].macs);
    EXPECT_EQ(p.ops[1].macs, 0);
    EXPECT_EQ(p.ops[1].maccs, 8 * 8 * 8);               // ADD: one per output element
    EXPECT_EQ(p.ops[2].maccs, 4 * 4 * 8 * 2 * 2);       // pooling: window per output element
    EXPECT_EQ(p.ops[3].maccs, 4 * 4 * 8);               // MEAN: one per input element
    EXPECT_EQ(p.ops[4].macs, 8 * 4);
    EXPECT_EQ(p.ops[5].maccs, 2 * 4);                   // SOFTMAX: two per element
    EXPECT_EQ(p.totalMacs, 18432 + 32);
    EXPECT_EQ(p.totalMaccs, 18432 + 512 + 512 + 128 + 32 + 8);
    EXPECT_TRUE(p.macsComplete());
}

TEST(Counts, PersonDetectMaccAddsItsPoolAndSoftmax) {
    const Profile p = profileGraph(shared("person_detect"));
    EXPECT_EQ(p.totalMacs, 7157888);  // models/README.md's figure: weighted ops only
    // + AVERAGE_POOL_2D 3x3 over 256 channels (2,304) + SOFTMAX over 2 (4).
    EXPECT_EQ(p.totalMaccs, 7157888 + 2304 + 4);
}

TEST(Counts, LstmByItsArithmeticAndSupportPerRuntime) {
    const ModelAnalysis a = analyzeModel(shared("mnist_lstm_int8"));
    const OpProfile& lstm = a.profile.ops[0];
    ASSERT_EQ(lstm.opName, "UNIDIRECTIONAL_SEQUENCE_LSTM");
    // 28 steps x (4 gates x 20 cells x (28 inputs + 20 recurrent) + 3 x 20 cell/output updates).
    EXPECT_EQ(lstm.macs, 28 * (4 * 20 * (28 + 20) + 3 * 20));
    EXPECT_TRUE(lstm.macsKnown);
    EXPECT_FALSE(lstm.engineSupported);
    EXPECT_TRUE(lstm.tflmSupported);  // TF-Lite Micro runs it
    EXPECT_EQ(a.profile.totalMacs, 109200 + 5600);
    EXPECT_TRUE(a.profile.macsComplete());
    EXPECT_TRUE(a.profile.tflmUnsupportedOps.empty());

    // TFLM's plan: the LSTM's four int16 buffers of 1 x 20 (40 B -> 48 B each) live with its
    // 784-byte input and 560-byte output; its two state tensors are not in the head.
    EXPECT_EQ(tflmScratchBuffers(shared("mnist_lstm_int8"), 0), (std::vector<int64_t>{40, 40, 40, 40}));
    EXPECT_EQ(a.tflm.arenaBytes, 784 + 560 + 4 * 48);
    int scratch = 0;
    for (const PlannedBuffer& buffer : a.tflm.buffers) scratch += buffer.isScratch ? 1 : 0;
    EXPECT_EQ(scratch, 4);
    bool noted = false;
    for (const std::string& note : a.tflm.notes) noted |= note.find("variable tensors") != std::string::npos;
    EXPECT_TRUE(noted);
}

TEST(Counts, SvdfByItsArithmeticWithItsScratchAndStateInTflmsPlan) {
    const ir::Graph graph = svdfGraph();
    const Profile p = profileGraph(graph);
    // 64 filters x 40 inputs + 64 x 10 memory + 64 rank sums.
    EXPECT_EQ(p.ops[0].macs, 64 * 40 + 64 * 10 + 64);
    EXPECT_TRUE(p.ops[0].tflmSupported);
    EXPECT_FALSE(p.ops[0].engineSupported);

    // int8 SVDF: int32 per filter and int32 per unit, 256 B each, alive only at the op.
    EXPECT_EQ(tflmScratchBuffers(graph, 0), (std::vector<int64_t>{256, 256}));
    const MemoryPlan plan = planTflm(graph);
    EXPECT_EQ(plan.arenaBytes, 48 + 64 + 256 + 256);  // input 40 -> 48, output 64, two scratch
    // The 1,280-byte state is persistent: the tail holds it (plus the 16-byte realignment of the
    // input pointer array that follows the 4-byte-aligned scratch handles).
    ir::Graph stateless = graph;
    stateless.tensors[4].isVariable = false;
    stateless.tensors[4].isConstant = true;
    const int64_t stateBytes = planTflm(graph).persistentBytes - planTflm(stateless).persistentBytes;
    EXPECT_GE(stateBytes, 1280);
    EXPECT_LE(stateBytes, 1280 + 16);
}

TEST(Counts, AnOpWithoutARuleIsUnknownNeverZero) {
    ir::Graph graph = svdfGraph();
    graph.ops[0].unsupportedName = "MY_CUSTOM_OP";
    const Profile p = profileGraph(graph);
    EXPECT_FALSE(p.ops[0].macsKnown);
    EXPECT_FALSE(p.macsComplete());
    EXPECT_EQ(p.incompleteMacOps, std::vector<int>{0});
    EXPECT_FALSE(p.ops[0].tflmSupported);
    EXPECT_EQ(p.tflmUnsupportedOps, std::vector<std::string>{"MY_CUSTOM_OP"});
}
