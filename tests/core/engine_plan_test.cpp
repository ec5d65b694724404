// The engine planner's rules on small hand-built graphs whose plans can be worked out by hand.
#include <gtest/gtest.h>

#include <cstring>

#include "analysis/engine_planner.h"
#include "analysis/plan_validator.h"

using namespace mcunet;

namespace {

struct Builder {
    ir::Graph graph;

    int activation(ir::Shape shape) {
        ir::Tensor t;
        t.name = "t" + std::to_string(graph.tensors.size());
        t.shape = std::move(shape);
        t.dtype = ir::DType::Int8;
        graph.tensors.push_back(std::move(t));
        return static_cast<int>(graph.tensors.size()) - 1;
    }
    int constant(ir::Shape shape, ir::DType dtype, std::vector<uint8_t> data = {}) {
        ir::Tensor t;
        t.name = "c" + std::to_string(graph.tensors.size());
        t.shape = std::move(shape);
        t.dtype = dtype;
        t.isConstant = true;
        t.data = data.empty() ? std::vector<uint8_t>(static_cast<size_t>(t.byteSize())) : std::move(data);
        graph.tensors.push_back(std::move(t));
        return static_cast<int>(graph.tensors.size()) - 1;
    }
    int op(ir::OpKind kind, std::vector<int> inputs, ir::Shape outShape, ir::OpAttributes attrs = {}) {
        const int out = activation(std::move(outShape));
        ir::Op o;
        o.kind = kind;
        o.inputs = std::move(inputs);
        o.outputs = {out};
        o.attrs = attrs;
        graph.ops.push_back(std::move(o));
        return out;
    }
    // 1x1 conv, stride 1: the engine's 1x1 kernel keeps 2 * in_c int16 (4 * in_c bytes) of scratch.
    int pointwise(int in, int outC) {
        const auto& s = graph.tensors[static_cast<size_t>(in)].shape;
        ir::Shape out{s[0], s[1], s[2], outC};
        return op(ir::OpKind::Conv2D, {in, constant({outC, 1, 1, s[3]}, ir::DType::Int8), constant({outC}, ir::DType::Int32)}, out);
    }
};

}  // namespace

TEST(EnginePlanRules, BranchesAreReorderedToLowerThePeak) {
    // x (8x8x8) feeds two branches, each a wide 1x1 conv (64 ch) then a narrow one (1 ch), joined
    // by ADD. The file runs both wide convs first; running one branch to its end first keeps only
    // one 4,096-byte tensor alive.
    Builder b;
    const int x = b.activation({1, 8, 8, 8});
    b.graph.inputs = {x};
    const int a1 = b.pointwise(x, 64);   // op 0
    const int b1 = b.pointwise(x, 64);   // op 1
    const int a2 = b.pointwise(a1, 1);   // op 2
    const int b2 = b.pointwise(b1, 1);   // op 3
    const int sum = b.op(ir::OpKind::Add, {a2, b2}, {1, 8, 8, 1});  // op 4
    b.graph.outputs = {sum};

    analysis::EnginePlanOptions fileOrder;
    fileOrder.reorder = false;
    const auto asWritten = analysis::planEngine(b.graph, fileOrder);
    // Step 1 (op 1): x 512 + a1 4,096 + b1 4,096 + scratch 4 x 8.
    EXPECT_EQ(asWritten.lowerBoundBytes, 512 + 4096 + 4096 + 32);

    const auto plan = analysis::planEngine(b.graph);
    EXPECT_EQ(plan.schedule.stepOrder, (std::vector<int>{0, 2, 1, 3, 4}));
    // Now the peak is op 2: x 512 + a1 4,096 + a2 64 + scratch 4 x 64.
    EXPECT_EQ(plan.lowerBoundBytes, 512 + 4096 + 64 + 256);
    EXPECT_EQ(plan.arenaBytes, plan.lowerBoundBytes);
    EXPECT_TRUE(analysis::validatePlan(b.graph, plan).empty());
    bool noted = false;
    for (const auto& note : plan.notes) noted |= note.find("reordered") != std::string::npos;
    EXPECT_TRUE(noted);
}

TEST(EnginePlanRules, PadFoldsIntoTheDepthwiseConvWhichRunsInPlaceWithOneChannelOfScratch) {
    Builder b;
    const int x = b.activation({1, 10, 10, 4});
    b.graph.inputs = {x};
    const int wide = b.pointwise(x, 16);  // 1x10x10x16 = 1,600 B
    std::vector<int32_t> amounts{0, 0, 1, 1, 1, 1, 0, 0};
    std::vector<uint8_t> bytes(amounts.size() * 4);
    std::memcpy(bytes.data(), amounts.data(), bytes.size());
    const int padded = b.op(ir::OpKind::Pad, {wide, b.constant({4, 2}, ir::DType::Int32, bytes)}, {1, 12, 12, 16});
    ir::OpAttributes dw;
    dw.strideH = dw.strideW = 2;
    const int down = b.op(ir::OpKind::DepthwiseConv2D,
                          {padded, b.constant({1, 3, 3, 16}, ir::DType::Int8), b.constant({16}, ir::DType::Int32)},
                          {1, 5, 5, 16}, dw);
    const int relu = b.op(ir::OpKind::Relu6, {down}, {1, 5, 5, 16});
    b.graph.outputs = {relu};

    const auto plan = analysis::planEngine(b.graph);
    ASSERT_EQ(plan.schedule.steps.size(), 2u);
    const auto& step = plan.schedule.steps[1];
    EXPECT_EQ(step.kind, ir::OpKind::DepthwiseConv2D);
    EXPECT_EQ(step.padOp, 1);
    EXPECT_EQ(step.activationOp, 3);
    EXPECT_EQ(step.inputs, std::vector<int>{wide});    // reads the unpadded tensor
    EXPECT_EQ(step.output, relu);                      // writes the activation's output
    EXPECT_TRUE(step.inPlace);
    EXPECT_EQ(step.outputOffset, step.inputOffsets[0]);
    EXPECT_EQ(step.scratchBytes, 10 * 10);             // one input channel (mcu_depthwise_conv_s8_inplace)
    // The padded tensor and the pre-activation tensor never exist.
    EXPECT_EQ(plan.schedule.tensorOffsets[static_cast<size_t>(padded)], -1);
    EXPECT_EQ(plan.schedule.tensorOffsets[static_cast<size_t>(down)], -1);
    // Peak: step 0, x 400 + wide 1,600 + 1x1 scratch 16; step 1 is 1,600 + 100 in place.
    EXPECT_EQ(plan.lowerBoundBytes, 400 + 1600 + 16);
    EXPECT_EQ(plan.arenaBytes, plan.lowerBoundBytes);
    EXPECT_TRUE(analysis::validatePlan(b.graph, plan).empty());
}

TEST(EnginePlanRules, AddIsInPlaceOnlyOverAnInputThatDiesThere) {
    Builder b;
    const int x = b.activation({1, 4, 4, 8});
    b.graph.inputs = {x};
    const int y = b.pointwise(x, 8);
    const int sum = b.op(ir::OpKind::Add, {x, y}, {1, 4, 4, 8});
    const int again = b.op(ir::OpKind::Add, {sum, x}, {1, 4, 4, 8});  // x is needed after the first ADD
    b.graph.outputs = {again};
    const auto plan = analysis::planEngine(b.graph);
    ASSERT_EQ(plan.schedule.steps.size(), 3u);
    // First ADD: x is still needed, y dies: y is overwritten (slot 1).
    EXPECT_TRUE(plan.schedule.steps[1].inPlace);
    EXPECT_EQ(plan.schedule.steps[1].inPlaceInput, 1);
    // Second ADD: both die; the first input is overwritten.
    EXPECT_TRUE(plan.schedule.steps[2].inPlace);
    EXPECT_EQ(plan.schedule.steps[2].inPlaceInput, 0);
    EXPECT_TRUE(analysis::validatePlan(b.graph, plan).empty());

    analysis::EnginePlanOptions noInPlace;
    noInPlace.inPlace = false;
    const auto separate = analysis::planEngine(b.graph, noInPlace);
    for (const auto& step : separate.schedule.steps) EXPECT_FALSE(step.inPlace);
    EXPECT_GT(separate.lowerBoundBytes, plan.lowerBoundBytes);
    EXPECT_TRUE(analysis::validatePlan(b.graph, separate).empty());
}

TEST(EnginePlanRules, AGraphOutputIsNeverOverwritten) {
    Builder b;
    const int x = b.activation({1, 4, 4, 8});
    b.graph.inputs = {x};
    const int y = b.pointwise(x, 8);
    const int z = b.op(ir::OpKind::DepthwiseConv2D,
                       {y, b.constant({1, 3, 3, 8}, ir::DType::Int8), b.constant({8}, ir::DType::Int32)}, {1, 4, 4, 8});
    b.graph.outputs = {y, z};  // y is an output too: the depthwise conv must not write over it
    const auto plan = analysis::planEngine(b.graph);
    EXPECT_FALSE(plan.schedule.steps[1].inPlace);
    EXPECT_NE(plan.schedule.steps[1].outputOffset, plan.schedule.steps[1].inputOffsets[0]);
    EXPECT_TRUE(analysis::validatePlan(b.graph, plan).empty());
}
