// Lowered int8 graphs (with seeded weights) run in the reference interpreter, and their
// quantization is plausible: activations use their int8 range instead of collapsing to a
// constant or saturating, so the engine and planners get realistic graphs to work on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "io/mcunet_config.h"
#include "runtime/interpreter.h"
#include "zoo/zoo.h"

using namespace mcunet;

namespace {

std::vector<uint8_t> rampInput(const ir::Tensor& tensor) {
    std::vector<uint8_t> bytes(static_cast<size_t>(tensor.byteSize()));
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(static_cast<int8_t>(((i * 37 + 11) % 256) - 128));
    return bytes;
}

}  // namespace

TEST(LoweredRuntime, Int8ZooModelsRunWithSpreadActivations) {
    for (const char* name : {"mcunet-256kb-1mb", "mbv2-w0.3-r80"}) {
        SCOPED_TRACE(name);
        io::LowerOptions options;
        options.withWeights = true;
        options.seed = 3;
        runtime::Interpreter interpreter(io::lowerMcunetConfig(zoo::zooConfig(name), options));
        interpreter.setInput(0, rampInput(interpreter.inputTensor(0)));
        interpreter.invoke();
        const ir::Graph& graph = interpreter.graph();
        for (size_t i = 0; i < graph.ops.size(); ++i) {
            int out = graph.ops[i].outputs[0];
            std::vector<int8_t> values = interpreter.tensorAs<int8_t>(out);
            std::set<int8_t> distinct(values.begin(), values.end());
            const std::string& tensorName = graph.tensors[out].name;
            // Random weights give no meaning, but the values must spread over the int8 range
            // (at least 32 levels) and most must not clip at the top (under a quarter).
            EXPECT_GE(distinct.size(), 32u) << "op " << i << " " << tensorName;
            size_t clipped = std::count(values.begin(), values.end(), int8_t{127});
            EXPECT_LT(clipped * 4, values.size()) << "op " << i << " " << tensorName;
        }
        std::vector<int8_t> logits = interpreter.outputAs<int8_t>(0);
        ASSERT_EQ(logits.size(), 1000u);
        std::set<int8_t> distinct(logits.begin(), logits.end());
        EXPECT_GE(distinct.size(), 32u);
    }
}

TEST(LoweredRuntime, Float32ModelRunsWithFiniteVaryingLogits) {
    io::LowerOptions options;
    options.dtype = ir::DType::Float32;
    options.withWeights = true;
    options.seed = 5;
    runtime::Interpreter interpreter(io::lowerMcunetConfig(zoo::zooConfig("mbv2-w0.3-r80"), options));
    const ir::Tensor& input = interpreter.inputTensor(0);
    std::vector<float> pixels(static_cast<size_t>(input.elementCount()));
    for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<float>(((i * 37 + 11) % 256) - 128) / 128.0f;
    interpreter.setInput(0, {reinterpret_cast<const uint8_t*>(pixels.data()), pixels.size() * sizeof(float)});
    interpreter.invoke();
    std::vector<float> logits = interpreter.outputAs<float>(0);
    ASSERT_EQ(logits.size(), 1000u);
    EXPECT_TRUE(std::all_of(logits.begin(), logits.end(), [](float v) { return std::isfinite(v); }));
    auto [low, high] = std::minmax_element(logits.begin(), logits.end());
    EXPECT_GT(*high - *low, 0.01f);
    EXPECT_LT(*high - *low, 1000.0f);  // He-scaled weights: no blow-up through 17 blocks
}
