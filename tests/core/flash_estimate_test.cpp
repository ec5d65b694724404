#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "analysis/flash_estimate.h"
#include "io/tflite_reader.h"
#include "util/error.h"

using namespace mcunet;

namespace {
std::string path(const std::string& name) { return std::string(MCUNET_SHARED_DIR) + "/models/" + name + ".tflite"; }
}  // namespace

TEST(FlashEstimate, EngineCodeSizeIsThisBuildsMeasurementForBothCores) {
    const auto& measured = analysis::measuredEngineCodeSize();
    ASSERT_EQ(measured.count("cortex-m4"), 1u) << "the build did not embed engine_code_size.json";
    ASSERT_EQ(measured.count("cortex-m7"), 1u);
    // Exactly what the engine build measured: build/engine/engine_code_size.json, next to the
    // CLI's build directory (build/app/mcunet).
    const auto json = std::filesystem::path(MCUNET_CLI_PATH).parent_path().parent_path() / "engine" / "engine_code_size.json";
    std::ifstream in(json);
    ASSERT_TRUE(in) << json;
    const auto file = nlohmann::json::parse(in);
    for (const char* core : {"cortex-m4", "cortex-m7"}) {
        EXPECT_EQ(measured.at(core).size(), file.at(core).size());
        for (const auto& [family, bytes] : file.at(core).items()) EXPECT_EQ(measured.at(core).at(family), bytes.get<int64_t>()) << family;
    }
    EXPECT_GT(measured.at("cortex-m4").at("conv"), 0);
}

TEST(FlashEstimate, MbconvVwwEngineDataIsWeightsBiasAndPerChannelTables) {
    const auto graph = io::readTflite(path("mcunet_vww"));
    // Hand count from the graph: every conv/depthwise/FC weight byte, int32 bias, and 8 B of
    // multiplier+shift per output channel (6,112 conv/depthwise channels; the FC has
    // per-tensor weights: one pair).
    int64_t weights = 0, bias = 0, channels = 0;
    for (const auto& op : graph.ops) {
        if (op.kind != ir::OpKind::Conv2D && op.kind != ir::OpKind::DepthwiseConv2D &&
            op.kind != ir::OpKind::FullyConnected)
            continue;
        weights += graph.tensors[static_cast<size_t>(op.inputs[1])].byteSize();
        bias += graph.tensors[static_cast<size_t>(op.inputs[2])].byteSize();
        if (op.kind != ir::OpKind::FullyConnected) channels += graph.tensors[static_cast<size_t>(op.outputs[0])].shape.back();
    }
    EXPECT_EQ(channels, 6112);
    const auto m7 = analysis::estimateFlash(graph, {"engine", "cortex-m7"});
    EXPECT_EQ(m7.weightBytes, weights);
    EXPECT_EQ(m7.biasBytes, bias);
    EXPECT_EQ(m7.requantBytes, 8 * 6112 + 8);
    EXPECT_EQ(m7.biasBytes, 4 * (6112 + 2));
    // Cross-check with TinyEngine's "model size" for this file (models/README.md, 469,432 B): it
    // stores weights, bias and one float scale per output channel (the FC's 2 included); we
    // store an int32 multiplier and an int32 shift instead.
    EXPECT_EQ(m7.weightBytes + m7.biasBytes + 4 * (6112 + 2), 469432);
    EXPECT_TRUE(m7.codeMeasured);
    int64_t code = 0;
    const auto& sizes = analysis::measuredEngineCodeSize().at("cortex-m7");
    for (const char* family : {"conv", "depthwise", "fully_connected", "elementwise", "reduce", "data_movement", "quantize"})
        code += sizes.at(family);
    EXPECT_EQ(m7.codeBytes, code);  // QUANTIZE is dropped (int8 input) but DEQUANTIZE runs
    EXPECT_EQ(m7.glueBytes, 128 * 58);
    EXPECT_EQ(m7.totalBytes(), m7.weightBytes + m7.biasBytes + m7.requantBytes + m7.otherConstantBytes + code + 128 * 58);
    const auto m4 = analysis::estimateFlash(graph, {"engine", "cortex-m4"});
    EXPECT_EQ(m4.dataBytes(), m7.dataBytes());
    EXPECT_NE(m4.codeBytes, m7.codeBytes);
}

TEST(FlashEstimate, TflmCountsTheModelFileAndItsCodeEstimate) {
    const std::string file = path("person_detect");
    const auto graph = io::readTflite(file);
    analysis::FlashOptions options;
    options.runtime = "tflm";
    options.modelFileBytes = static_cast<int64_t>(std::filesystem::file_size(file));
    const auto flash = analysis::estimateFlash(graph, options);
    EXPECT_EQ(flash.modelFileBytes, static_cast<int64_t>(std::filesystem::file_size(file)));
    // 16 kB core + CONV_2D, DEPTHWISE_CONV_2D (6 kB each), AVERAGE_POOL_2D, SOFTMAX (4 kB), RESHAPE (1 kB).
    EXPECT_EQ(flash.codeBytes, 16384 + 2 * 6144 + 2 * 4096 + 1024);
    EXPECT_EQ(flash.codeParts.size(), 6u);
}

TEST(FlashEstimate, UnknownRuntimeIsAnInvalidArgument) {
    const auto graph = io::readTflite(path("hello_world_int8"));
    try {
        analysis::estimateFlash(graph, {"cmsis", "cortex-m4"});
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InvalidArgument);
    }
}
