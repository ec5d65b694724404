// Property test: random int8 CNN graphs (branches, residual ADDs, PAD+conv, RELU, pooling,
// RESHAPE+FC heads, several outputs) planned by both planners with every placement strategy;
// the validator must accept every plan. And the validator itself must catch broken plans.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "analysis/engine_planner.h"
#include "analysis/plan_validator.h"
#include "analysis/tflm_planner.h"
#include "io/mcunet_config.h"
#include "ir/validate.h"
#include "zoo/zoo.h"

using namespace mcunet;

namespace {

class RandomGraph {
public:
    explicit RandomGraph(uint32_t seed) : rng_(seed) {}

    ir::Graph build() {
        graph_.name = "random";
        const int h = pick(4, 20), w = pick(4, 20), c = pick(1, 8);
        const int input = activation({1, h, w, c});
        graph_.inputs = {input};
        const int opCount = pick(3, 28);
        for (int i = 0; i < opCount; ++i) {
            switch (pick(0, 7)) {
                case 0: case 1: conv(anyTensor(), pick(0, 1) ? 1 : 3, pick(1, 2), false); break;
                case 2: conv(anyTensor(), 3, pick(1, 2), true); break;
                case 3: depthwise(anyTensor()); break;
                case 4: add(); break;
                case 5: relu(); break;
                case 6: pool(anyTensor()); break;
                case 7: conv(latest(), 1, 1, false); break;
            }
        }
        std::vector<int> outputs{latest()};
        if (pick(0, 3) == 0) {  // a classifier head: RESHAPE (a view) + FULLY_CONNECTED
            const int flat = reshape(latest());
            outputs = {fullyConnected(flat)};
        }
        if (pick(0, 3) == 0 && tensors4d_.size() > 1) {
            const int extra = tensors4d_[static_cast<size_t>(pick(0, static_cast<int>(tensors4d_.size()) - 1))];
            if (extra != outputs[0] && extra != input) outputs.push_back(extra);
        }
        graph_.outputs = outputs;
        return graph_;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

    int activation(ir::Shape shape) {
        ir::Tensor t;
        t.name = "t" + std::to_string(graph_.tensors.size());
        t.shape = std::move(shape);
        t.dtype = ir::DType::Int8;
        t.quant.scale = {0.05f};
        t.quant.zeroPoint = {0};
        graph_.tensors.push_back(std::move(t));
        const int index = static_cast<int>(graph_.tensors.size()) - 1;
        if (graph_.tensors.back().shape.size() == 4) tensors4d_.push_back(index);
        return index;
    }

    int constant(ir::Shape shape, ir::DType dtype, std::vector<uint8_t> data = {}) {
        ir::Tensor t;
        t.name = "w" + std::to_string(graph_.tensors.size());
        t.shape = std::move(shape);
        t.dtype = dtype;
        t.isConstant = true;
        t.data = data.empty() ? std::vector<uint8_t>(static_cast<size_t>(t.byteSize()), 1) : std::move(data);
        graph_.tensors.push_back(std::move(t));
        return static_cast<int>(graph_.tensors.size()) - 1;
    }

    const ir::Shape& shape(int tensor) const { return graph_.tensors[static_cast<size_t>(tensor)].shape; }
    int latest() const { return tensors4d_.back(); }
    int anyTensor() {  // mostly the latest, sometimes an earlier one: that makes branches
        return pick(0, 2) ? latest() : tensors4d_[static_cast<size_t>(pick(0, static_cast<int>(tensors4d_.size()) - 1))];
    }

    void addOp(ir::OpKind kind, std::vector<int> inputs, int output, ir::OpAttributes attrs = {}) {
        ir::Op op;
        op.kind = kind;
        op.inputs = std::move(inputs);
        op.outputs = {output};
        op.attrs = attrs;
        graph_.ops.push_back(std::move(op));
    }

    void conv(int in, int k, int stride, bool explicitPad) {
        ir::Shape s = shape(in);
        int source = in;
        ir::OpAttributes attrs;
        attrs.strideH = attrs.strideW = stride;
        attrs.padding = ir::Padding::Same;
        if (explicitPad) {
            std::vector<int32_t> amounts{0, 0, 1, 1, 1, 1, 0, 0};
            std::vector<uint8_t> bytes(amounts.size() * 4);
            std::memcpy(bytes.data(), amounts.data(), bytes.size());
            const int padded = activation({1, s[1] + 2, s[2] + 2, s[3]});
            addOp(ir::OpKind::Pad, {in, constant({4, 2}, ir::DType::Int32, bytes)}, padded);
            source = padded;
            attrs.padding = ir::Padding::Valid;
        }
        const int outC = pick(1, 16);
        const int outH = (s[1] + stride - 1) / stride, outW = (s[2] + stride - 1) / stride;
        const int out = activation({1, outH, outW, outC});
        addOp(ir::OpKind::Conv2D,
              {source, constant({outC, k, k, s[3]}, ir::DType::Int8), constant({outC}, ir::DType::Int32)}, out, attrs);
    }

    void depthwise(int in) {
        const ir::Shape s = shape(in);
        ir::OpAttributes attrs;
        attrs.strideH = attrs.strideW = pick(1, 2);
        attrs.padding = ir::Padding::Same;
        const int out = activation({1, (s[1] + attrs.strideH - 1) / attrs.strideH, (s[2] + attrs.strideW - 1) / attrs.strideW, s[3]});
        addOp(ir::OpKind::DepthwiseConv2D,
              {in, constant({1, 3, 3, s[3]}, ir::DType::Int8), constant({s[3]}, ir::DType::Int32)}, out, attrs);
    }

    void add() {
        const int a = latest();
        std::vector<int> partners;
        for (int t : tensors4d_)
            if (t != a && shape(t) == shape(a)) partners.push_back(t);
        if (partners.empty()) { depthwise(a); return; }
        const int b = partners[static_cast<size_t>(pick(0, static_cast<int>(partners.size()) - 1))];
        addOp(ir::OpKind::Add, {a, b}, activation(shape(a)));
    }

    void relu() {
        const int in = latest();
        addOp(pick(0, 1) ? ir::OpKind::Relu : ir::OpKind::Relu6, {in}, activation(shape(in)));
    }

    void pool(int in) {
        const ir::Shape s = shape(in);
        if (s[1] < 2 || s[2] < 2) { relu(); return; }
        ir::OpAttributes attrs;
        attrs.filterH = attrs.filterW = 2;
        attrs.strideH = attrs.strideW = 2;
        addOp(pick(0, 1) ? ir::OpKind::AveragePool2D : ir::OpKind::MaxPool2D, {in},
              activation({1, s[1] / 2, s[2] / 2, s[3]}), attrs);
    }

    int reshape(int in) {
        const ir::Shape s = shape(in);
        const int32_t flat = s[1] * s[2] * s[3];
        const int out = activation({1, flat});
        std::vector<int32_t> newShape{1, flat};
        std::vector<uint8_t> bytes(8);
        std::memcpy(bytes.data(), newShape.data(), 8);
        ir::OpAttributes attrs;
        attrs.newShape = newShape;
        addOp(ir::OpKind::Reshape, {in, constant({2}, ir::DType::Int32, bytes)}, out, attrs);
        return out;
    }

    int fullyConnected(int in) {
        const int units = pick(2, 10);
        const int out = activation({1, units});
        addOp(ir::OpKind::FullyConnected,
              {in, constant({units, shape(in)[1]}, ir::DType::Int8), constant({units}, ir::DType::Int32)}, out);
        return out;
    }

    std::mt19937 rng_;
    ir::Graph graph_;
    std::vector<int> tensors4d_;
};

std::string first(const std::vector<std::string>& problems) { return problems.empty() ? "" : problems.front(); }

}  // namespace

TEST(PlanProperty, EveryPlanOfRandomGraphsPassesTheValidator) {
    int inPlaceSteps = 0, reordered = 0, fused = 0;
    for (uint32_t seed = 1; seed <= 400; ++seed) {
        const ir::Graph graph = RandomGraph(seed).build();
        const auto graphProblems = ir::validateGraph(graph);
        ASSERT_TRUE(graphProblems.empty()) << "seed " << seed << ": the generator built a bad graph: " << first(graphProblems);
        const auto tflm = analysis::planTflm(graph);
        EXPECT_TRUE(analysis::validatePlan(graph, tflm).empty()) << "seed " << seed << ": " << first(analysis::validatePlan(graph, tflm));
        for (auto strategy : {analysis::PlacementStrategy::Auto, analysis::PlacementStrategy::GreedyBySize,
                              analysis::PlacementStrategy::GreedyByTime, analysis::PlacementStrategy::GreedyByArea}) {
            analysis::EnginePlanOptions options;
            options.placement = strategy;
            options.inPlace = seed % 5 != 0;
            const auto plan = analysis::planEngine(graph, options);
            const auto problems = analysis::validatePlan(graph, plan);
            ASSERT_TRUE(problems.empty()) << "seed " << seed << " " << plan.strategy << ": " << first(problems);
            EXPECT_GE(plan.arenaBytes, plan.lowerBoundBytes);
            for (const auto& buffer : plan.buffers) EXPECT_EQ(buffer.offset % options.alignment, 0);
            if (strategy == analysis::PlacementStrategy::Auto) {
                for (const auto& step : plan.schedule.steps) inPlaceSteps += step.inPlace;
                for (size_t i = 0; i < plan.schedule.stepOrder.size(); ++i)
                    if (i && plan.schedule.stepOrder[i] < plan.schedule.stepOrder[i - 1]) { ++reordered; break; }
                for (const auto& step : plan.schedule.steps) fused += static_cast<int>(step.fusedOps.size());
            }
        }
    }
    // The generator must actually exercise what the validator guards.
    EXPECT_GT(inPlaceSteps, 100);
    EXPECT_GT(reordered, 5);
    EXPECT_GT(fused, 100);
}

TEST(PlanProperty, LoweredMobileNetV2AndProxylessNetsOfRandomWidthAndResolutionPlanValidly) {
    // The NAS path: configs lowered by io (the same graphs TinyNAS measures), int8, no weights.
    std::mt19937 rng(2024);
    for (int i = 0; i < 24; ++i) {
        const double width = std::uniform_int_distribution<int>(2, 10)(rng) / 10.0;
        const int resolution = 32 + 16 * std::uniform_int_distribution<int>(0, 8)(rng);
        const auto config = i % 2 ? zoo::mobileNetV2(width, resolution, 10) : zoo::proxylessMobile(width, resolution, 10);
        const ir::Graph graph = io::lowerMcunetConfig(config);
        const auto engine = analysis::planEngine(graph);
        const auto problems = analysis::validatePlan(graph, engine);
        ASSERT_TRUE(problems.empty()) << "w" << width << " r" << resolution << ": " << first(problems);
        EXPECT_TRUE(analysis::validatePlan(graph, analysis::planTflm(graph)).empty());
        // With in-place depthwise convs and ADDs the engine never needs more than TFLM's head
        // plus the largest kernel scratch (TFLM's reference kernels keep none).
        int64_t largestScratch = 0;
        for (const auto& step : engine.schedule.steps) largestScratch = std::max(largestScratch, step.scratchBytes);
        EXPECT_LE(engine.arenaBytes, analysis::planTflm(graph).arenaBytes + largestScratch);
    }
}

TEST(PlanProperty, AutoIsNeverWorseThanAnySingleStrategy) {
    for (uint32_t seed = 1; seed <= 200; ++seed) {
        const ir::Graph graph = RandomGraph(seed).build();
        const int64_t best = analysis::planEngine(graph).arenaBytes;
        for (auto strategy : {analysis::PlacementStrategy::GreedyBySize, analysis::PlacementStrategy::GreedyByTime,
                              analysis::PlacementStrategy::GreedyByArea}) {
            analysis::EnginePlanOptions options;
            options.placement = strategy;
            EXPECT_LE(best, analysis::planEngine(graph, options).arenaBytes) << "seed " << seed;
        }
    }
}

// The validator is only worth something if it fails broken plans.
class BrokenPlan : public ::testing::Test {
protected:
    void SetUp() override {
        // The first seed whose graph has in-place steps, scratch and a few buffers.
        for (uint32_t seed = 1; seed < 100; ++seed) {
            graph = RandomGraph(seed).build();
            plan = analysis::planEngine(graph);
            bool inPlace = false, scratch = false;
            for (const auto& step : plan.schedule.steps) { inPlace |= step.inPlace; scratch |= step.scratchBytes > 0; }
            if (inPlace && scratch && plan.buffers.size() > 4) break;
        }
        ASSERT_TRUE(analysis::validatePlan(graph, plan).empty());
    }
    ir::Graph graph;
    analysis::MemoryPlan plan;
};

TEST_F(BrokenPlan, OverlappingLiveBuffersAreReported) {
    // Move every buffer to offset 0: the first step's input and output now collide.
    for (auto& buffer : plan.buffers) buffer.offset = 0;
    const auto problems = analysis::validatePlan(graph, plan);
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(first(problems).find("share bytes"), std::string::npos) << first(problems);
}

TEST_F(BrokenPlan, BufferOutsideTheArenaIsReported) {
    plan.arenaBytes -= 1;
    EXPECT_FALSE(analysis::validatePlan(graph, plan).empty());
}

TEST_F(BrokenPlan, InPlaceOnAConvolutionIsReported) {
    // Mark a non-in-place conv step as in place, sharing its input's offset.
    for (auto& step : plan.schedule.steps) {
        if (step.inPlace || step.kind != ir::OpKind::Conv2D) continue;
        step.inPlace = true;
        step.inPlaceInput = 0;
        break;
    }
    const auto problems = analysis::validatePlan(graph, plan);
    ASSERT_FALSE(problems.empty());
    bool found = false;
    for (const auto& p : problems) found |= p.find("not legal") != std::string::npos;
    EXPECT_TRUE(found) << first(problems);
}

TEST_F(BrokenPlan, ScratchThatOutlivesItsStepIsReported) {
    for (auto& buffer : plan.buffers)
        if (buffer.isScratch) { buffer.lastStep += 1; break; }
    EXPECT_FALSE(analysis::validatePlan(graph, plan).empty());
}

TEST_F(BrokenPlan, ScheduleOffsetsThatDisagreeWithBuffersAreReported) {
    plan.schedule.steps.back().outputOffset += 4;
    EXPECT_FALSE(analysis::validatePlan(graph, plan).empty());
}

TEST_F(BrokenPlan, ATimelineThatDisagreesWithTheBuffersIsReported) {
    plan.timeline.front().liveBytes += 1;
    EXPECT_FALSE(analysis::validatePlan(graph, plan).empty());
}
