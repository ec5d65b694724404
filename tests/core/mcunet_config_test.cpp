#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "io/mcunet_config.h"
#include "ir/validate.h"
#include "util/error.h"

using namespace mcunet;
using namespace mcunet::io;
using nlohmann::json;

namespace {

const std::string kSharedConfig = std::string(MCUNET_SHARED_DIR) + "/zoo/mcunet-256kb-1mb_imagenet.json";

json sharedJson() {
    std::ifstream in(kSharedConfig);
    return json::parse(in);
}

std::string tempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("mcunet_config_test_" + name)).string();
}

// The error message parseMcunetConfig gives for a mutated copy of the shared config.
std::string parseError(const json& document, ErrorCode* code = nullptr) {
    try {
        parseMcunetConfig(document, "net.json");
    } catch (const Error& error) {
        if (code) *code = error.code();
        return error.what();
    }
    return "(accepted)";
}

std::map<ir::OpKind, int> opCounts(const ir::Graph& graph) {
    std::map<ir::OpKind, int> counts;
    for (const ir::Op& op : graph.ops) ++counts[op.kind];
    return counts;
}

}  // namespace

TEST(McunetConfig, ReadsSharedConfig) {
    McunetConfig config = readMcunetConfig(kSharedConfig);
    EXPECT_EQ(config.resolution, 160);
    EXPECT_EQ(config.firstConv.inChannels, 3);
    EXPECT_EQ(config.firstConv.outChannels, 16);
    EXPECT_EQ(config.firstConv.kernelSize, 3);
    EXPECT_EQ(config.firstConv.stride, 2);
    EXPECT_EQ(config.firstConv.actFunc, "relu6");
    ASSERT_EQ(config.blocks.size(), 18u);
    EXPECT_FALSE(config.blocks[0].conv.midChannels.has_value());
    EXPECT_EQ(config.blocks[1].conv.inChannels, 8);
    EXPECT_EQ(config.blocks[1].conv.kernelSize, 5);
    EXPECT_EQ(config.blocks[1].conv.stride, 2);
    EXPECT_EQ(config.blocks[1].conv.expandRatio, 3);
    EXPECT_EQ(config.blocks[1].conv.midChannels, 24);
    EXPECT_FALSE(config.blocks[1].shortcut.has_value());
    ASSERT_TRUE(config.blocks[2].shortcut.has_value());
    EXPECT_EQ(config.blocks[2].shortcut->inChannels, 16);
    EXPECT_EQ(config.blocks[17].conv.outChannels, 160);
    EXPECT_FALSE(config.featureMixLayer.has_value());
    EXPECT_TRUE(config.featureMixPresent);
    EXPECT_EQ(config.classifier.inFeatures, 160);
    EXPECT_EQ(config.classifier.outFeatures, 1000);
    EXPECT_EQ(config.classifier.actFunc, "");
    int shortcuts = 0;
    for (const BlockConfig& block : config.blocks) shortcuts += block.shortcut ? 1 : 0;
    EXPECT_EQ(shortcuts, 11);
}

TEST(McunetConfig, RoundTripIsLossless) {
    const json original = sharedJson();
    McunetConfig config = parseMcunetConfig(original, kSharedConfig);
    EXPECT_EQ(toJson(config), original);
    const std::string path = tempPath("roundtrip.json");
    writeMcunetConfig(config, path);
    McunetConfig again = readMcunetConfig(path);
    EXPECT_EQ(again, config);
    std::ifstream in(path);
    EXPECT_EQ(json::parse(in), original);
    std::filesystem::remove(path);
}

TEST(McunetConfig, UnknownKeysSurviveRoundTrip) {
    json doc = sharedJson();
    doc["author"] = "someone";
    doc["blocks"][4]["mobile_inverted_conv"]["quant_bits"] = 4;
    doc["blocks"][2]["shortcut"]["note"] = json::array({1, 2});
    McunetConfig config = parseMcunetConfig(doc, "net.json");
    EXPECT_EQ(toJson(config), doc);
}

TEST(McunetConfig, EditedFieldIsWritten) {
    McunetConfig config = readMcunetConfig(kSharedConfig);
    config.blocks[5].conv.kernelSize = 7;
    config.resolution = 176;
    json written = toJson(config);
    EXPECT_EQ(written["blocks"][5]["mobile_inverted_conv"]["kernel_size"], 7);
    EXPECT_EQ(written["resolution"], 176);
}

TEST(McunetConfig, RefusesEvenKernelNamingField) {
    json doc = sharedJson();
    doc["blocks"][3]["mobile_inverted_conv"]["kernel_size"] = 4;
    ErrorCode code{};
    std::string message = parseError(doc, &code);
    EXPECT_EQ(code, ErrorCode::CorruptFile);
    EXPECT_EQ(message, "net.json: blocks[3].mobile_inverted_conv.kernel_size: expected an odd integer, got 4");
    doc["blocks"][3]["mobile_inverted_conv"]["kernel_size"] = "five";
    EXPECT_EQ(parseError(doc), "net.json: blocks[3].mobile_inverted_conv.kernel_size: expected an odd integer");
}

TEST(McunetConfig, RefusesBrokenChannelChain) {
    json doc = sharedJson();
    doc["blocks"][6]["mobile_inverted_conv"]["in_channels"] = 32;
    EXPECT_EQ(parseError(doc), "net.json: blocks[6].mobile_inverted_conv.in_channels: expected 24 (the previous "
                               "layer's output channels), got 32");
    doc = sharedJson();
    doc["classifier"]["in_features"] = 1280;
    EXPECT_EQ(parseError(doc), "net.json: classifier.in_features: expected 160 (the previous layer's output channels), got 1280");
}

TEST(McunetConfig, RefusesMissingAndMistypedFields) {
    json doc = sharedJson();
    doc["blocks"][0]["mobile_inverted_conv"].erase("stride");
    EXPECT_EQ(parseError(doc), "net.json: blocks[0].mobile_inverted_conv.stride: missing");
    doc = sharedJson();
    doc["first_conv"]["out_channels"] = "16";
    EXPECT_EQ(parseError(doc), "net.json: first_conv.out_channels: expected an integer");
    doc = sharedJson();
    doc["blocks"] = json::object();
    EXPECT_EQ(parseError(doc), "net.json: blocks: expected a list");
    doc = sharedJson();
    doc.erase("classifier");
    EXPECT_EQ(parseError(doc), "net.json: classifier: missing");
}

TEST(McunetConfig, RefusesAbsurdSizesInsteadOfAllocating) {
    json doc = sharedJson();
    doc["blocks"][2]["mobile_inverted_conv"]["mid_channels"] = 100000;
    EXPECT_EQ(parseError(doc), "net.json: blocks[2].mobile_inverted_conv.mid_channels: expected at most 65536, got 100000");
    doc = sharedJson();
    doc["blocks"][2]["mobile_inverted_conv"]["kernel_size"] = 4294967299ull;  // would wrap to 3 as a 32-bit int
    EXPECT_EQ(parseError(doc), "net.json: blocks[2].mobile_inverted_conv.kernel_size: expected an odd integer");
    doc = sharedJson();
    doc["first_conv"]["out_channels"] = -5'000'000'000ll;
    EXPECT_EQ(parseError(doc), "net.json: first_conv.out_channels: expected an integer");
    doc = sharedJson();
    doc["resolution"] = 100000;
    EXPECT_EQ(parseError(doc), "net.json: resolution: expected at most 4096, got 100000");
    doc = sharedJson();
    doc["blocks"][5]["mobile_inverted_conv"]["kernel_size"] = 33;
    EXPECT_EQ(parseError(doc), "net.json: blocks[5].mobile_inverted_conv.kernel_size: expected at most 31, got 33");
    LowerOptions options;
    options.resolution = -1;
    EXPECT_THROW(lowerMcunetConfig(parseMcunetConfig(sharedJson(), "net.json"), options), Error);
}

TEST(McunetConfig, RefusesShortcutThatCannotAdd) {
    json doc = sharedJson();
    doc["blocks"][1]["shortcut"] = doc["blocks"][2]["shortcut"];  // block 1 has stride 2, 8 -> 16
    EXPECT_EQ(parseError(doc), "net.json: blocks[1].shortcut: an identity shortcut needs stride 1, the block has stride 2");
}

TEST(McunetConfig, RefusesUnsupportedFeatures) {
    json doc = sharedJson();
    doc["blocks"][7]["mobile_inverted_conv"]["use_se"] = true;
    ErrorCode code{};
    EXPECT_EQ(parseError(doc, &code), "net.json: blocks[7].mobile_inverted_conv.use_se: squeeze-and-excitation is not supported");
    EXPECT_EQ(code, ErrorCode::UnsupportedModel);
    doc = sharedJson();
    doc["name"] = "PyramidTreeNet";
    EXPECT_EQ(parseError(doc, &code), "net.json: name: expected \"ProxylessNASNets\", got \"PyramidTreeNet\"");
    EXPECT_EQ(code, ErrorCode::WrongFormat);
}

TEST(McunetConfig, FileErrors) {
    try {
        readMcunetConfig("/nonexistent/net.json");
        FAIL() << "accepted a missing file";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::FileNotFound);
        EXPECT_EQ(std::string(error.what()), "/nonexistent/net.json: cannot open the file (it does not exist or is not accessible); check the path");
    }
    const std::string path = tempPath("broken.json");
    std::ofstream(path) << "{\"name\": \"ProxylessNASNets\", ";
    try {
        readMcunetConfig(path);
        FAIL() << "accepted broken JSON";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::WrongFormat);
        EXPECT_EQ(std::string(error.what()), path + ": not valid JSON (parse error at line 1, column 30: syntax error "
                                                    "while parsing object key - unexpected end of input; expected "
                                                    "string literal)");
    }
    std::filesystem::remove(path);
}

TEST(McunetConfig, MidChannelsDefaultToRoundedExpansion) {
    MBConvConfig conv;
    conv.inChannels = 16;
    conv.expandRatio = 6;
    EXPECT_EQ(blockMidChannels(conv), 96);
    conv.inChannels = 5;
    conv.expandRatio = 2.5;  // 12.5 rounds half to even, as Python's round
    EXPECT_EQ(blockMidChannels(conv), 12);
    conv.midChannels = 20;
    EXPECT_EQ(blockMidChannels(conv), 20);
}

TEST(McunetConfigLowering, SharedConfigShapesPerLayer) {
    ir::Graph graph = lowerMcunetConfig(readMcunetConfig(kSharedConfig));
    EXPECT_TRUE(ir::validateGraph(graph).empty());
    ASSERT_EQ(graph.inputs.size(), 1u);
    EXPECT_EQ(graph.tensors[graph.inputs[0]].shape, (ir::Shape{1, 160, 160, 3}));
    ASSERT_EQ(graph.outputs.size(), 1u);
    EXPECT_EQ(graph.tensors[graph.outputs[0]].shape, (ir::Shape{1, 1000}));

    // Output shape of every op, in order, as the published architecture gives them.
    std::vector<std::string> shapes;
    for (const ir::Op& op : graph.ops) shapes.push_back(ir::shapeToString(graph.tensors[op.outputs[0]].shape));
    const std::vector<std::string> expected = {
        "1x80x80x16",                                            // first_conv
        "1x80x80x16", "1x80x80x8",                               // block 0 (no expansion)
        "1x80x80x24", "1x40x40x24", "1x40x40x16",                // block 1
        "1x40x40x96", "1x40x40x96", "1x40x40x16", "1x40x40x16",  // block 2 + ADD
        "1x40x40x80", "1x40x40x80", "1x40x40x16", "1x40x40x16",  // block 3
        "1x40x40x80", "1x40x40x80", "1x40x40x16", "1x40x40x16",  // block 4
        "1x40x40x80", "1x20x20x80", "1x20x20x24",                // block 5
        "1x20x20x144", "1x20x20x144", "1x20x20x24", "1x20x20x24",
        "1x20x20x144", "1x20x20x144", "1x20x20x24", "1x20x20x24",
        "1x20x20x96", "1x10x10x96", "1x10x10x40",                // block 8
        "1x10x10x200", "1x10x10x200", "1x10x10x40", "1x10x10x40",
        "1x10x10x200", "1x10x10x200", "1x10x10x48",              // block 10
        "1x10x10x240", "1x10x10x240", "1x10x10x48", "1x10x10x48",
        "1x10x10x192", "1x10x10x192", "1x10x10x48", "1x10x10x48",
        "1x10x10x288", "1x5x5x288", "1x5x5x96",                  // block 13
        "1x5x5x384", "1x5x5x384", "1x5x5x96", "1x5x5x96",
        "1x5x5x288", "1x5x5x288", "1x5x5x96", "1x5x5x96",
        "1x5x5x384", "1x5x5x384", "1x5x5x96", "1x5x5x96",
        "1x5x5x480", "1x5x5x480", "1x5x5x160",                   // block 17
        "1x160",                                                 // MEAN over H, W
        "1x1000",                                                // classifier
    };
    EXPECT_EQ(shapes, expected);

    std::map<ir::OpKind, int> counts = opCounts(graph);
    EXPECT_EQ(graph.ops.size(), 67u);
    EXPECT_EQ(counts[ir::OpKind::Conv2D], 36);
    EXPECT_EQ(counts[ir::OpKind::DepthwiseConv2D], 18);
    EXPECT_EQ(counts[ir::OpKind::Add], 11);
    EXPECT_EQ(counts[ir::OpKind::Mean], 1);
    EXPECT_EQ(counts[ir::OpKind::FullyConnected], 1);

    const ir::Op& first = graph.ops[0];
    EXPECT_EQ(first.attrs.strideH, 2);
    EXPECT_EQ(first.attrs.activation, ir::Activation::Relu6);
    EXPECT_EQ(graph.tensors[first.inputs[1]].shape, (ir::Shape{16, 3, 3, 3}));
    EXPECT_EQ(graph.tensors[graph.ops[2].inputs[1]].shape, (ir::Shape{8, 1, 1, 16}));
    EXPECT_EQ(graph.ops[2].attrs.activation, ir::Activation::None);  // linear projection
    EXPECT_EQ(graph.tensors[graph.ops[4].inputs[1]].shape, (ir::Shape{1, 5, 5, 24}));
}

TEST(McunetConfigLowering, ResolutionOverrideAndFloat) {
    McunetConfig config = readMcunetConfig(kSharedConfig);
    LowerOptions options;
    options.dtype = ir::DType::Float32;
    options.resolution = 96;
    ir::Graph graph = lowerMcunetConfig(config, options);
    EXPECT_TRUE(ir::validateGraph(graph).empty());
    EXPECT_EQ(graph.tensors[graph.ops[0].outputs[0]].shape, (ir::Shape{1, 48, 48, 16}));
    EXPECT_EQ(graph.tensors[graph.ops[0].outputs[0]].dtype, ir::DType::Float32);
    EXPECT_TRUE(graph.tensors[graph.ops[0].outputs[0]].quant.empty());
    // 96 -> 48 -> 24 -> 12 -> 6 -> 3
    EXPECT_EQ(graph.tensors[graph.ops[graph.ops.size() - 3].outputs[0]].shape, (ir::Shape{1, 3, 3, 160}));
}

TEST(McunetConfigLowering, Int8QuantizationIsPlausible) {
    ir::Graph graph = lowerMcunetConfig(readMcunetConfig(kSharedConfig));
    const ir::Tensor& firstOut = graph.tensors[graph.ops[0].outputs[0]];
    EXPECT_EQ(firstOut.dtype, ir::DType::Int8);
    ASSERT_EQ(firstOut.quant.scale.size(), 1u);
    EXPECT_FLOAT_EQ(firstOut.quant.scale[0], 6.0f / 255.0f);  // RELU6 range
    EXPECT_EQ(firstOut.quant.zeroPoint[0], -128);
    const ir::Tensor& weights = graph.tensors[graph.ops[0].inputs[1]];
    EXPECT_EQ(weights.quant.scale.size(), 16u);
    EXPECT_EQ(weights.quant.axis, 0);
    EXPECT_TRUE(weights.data.empty());
    const ir::Tensor& dwWeights = graph.tensors[graph.ops[1].inputs[1]];
    EXPECT_EQ(dwWeights.quant.scale.size(), 16u);
    EXPECT_EQ(dwWeights.quant.axis, 3);
    const ir::Tensor& bias = graph.tensors[graph.ops[0].inputs[2]];
    EXPECT_EQ(bias.dtype, ir::DType::Int32);
    EXPECT_FLOAT_EQ(bias.quant.scale[5], graph.tensors[graph.inputs[0]].quant.scale[0] * weights.quant.scale[5]);
}

TEST(McunetConfigLowering, WeightsAreDeterministicFromSeed) {
    McunetConfig config = readMcunetConfig(kSharedConfig);
    LowerOptions options;
    options.withWeights = true;
    options.seed = 7;
    ir::Graph a = lowerMcunetConfig(config, options);
    ir::Graph b = lowerMcunetConfig(config, options);
    options.seed = 8;
    ir::Graph c = lowerMcunetConfig(config, options);
    EXPECT_TRUE(ir::validateGraph(a).empty());
    int64_t weightBytes = 0;
    bool allSame = true, anyDifferent = false;
    for (size_t i = 0; i < a.tensors.size(); ++i) {
        if (!a.tensors[i].isConstant) continue;
        EXPECT_EQ(a.tensors[i].data.size(), static_cast<size_t>(a.tensors[i].byteSize())) << a.tensors[i].name;
        weightBytes += static_cast<int64_t>(a.tensors[i].data.size());
        allSame = allSame && a.tensors[i].data == b.tensors[i].data;
        anyDifferent = anyDifferent || a.tensors[i].data != c.tensors[i].data;
    }
    EXPECT_TRUE(allSame);
    EXPECT_TRUE(anyDifferent);
    EXPECT_GT(weightBytes, 0);

    // Quantization does not depend on whether weight bytes were generated.
    options.seed = 7;
    options.withWeights = false;
    ir::Graph shapesOnly = lowerMcunetConfig(config, options);
    ASSERT_EQ(shapesOnly.tensors.size(), a.tensors.size());
    for (size_t i = 0; i < a.tensors.size(); ++i) {
        EXPECT_EQ(shapesOnly.tensors[i].quant.scale, a.tensors[i].quant.scale) << a.tensors[i].name;
        EXPECT_EQ(shapesOnly.tensors[i].quant.zeroPoint, a.tensors[i].quant.zeroPoint) << a.tensors[i].name;
        const std::string& name = a.tensors[i].name;
        bool isWeightOrBias = name.ends_with("/weights") || name.ends_with("/bias");
        if (isWeightOrBias) EXPECT_TRUE(shapesOnly.tensors[i].data.empty()) << name;
        else EXPECT_EQ(shapesOnly.tensors[i].data, a.tensors[i].data) << name;  // MEAN axes are always there
    }
}

TEST(McunetConfigLowering, InvalidConfigInCodeIsRefused) {
    McunetConfig config = readMcunetConfig(kSharedConfig);
    config.blocks[4].conv.outChannels = 20;  // breaks block 5's input and block 4's shortcut
    try {
        lowerMcunetConfig(config);
        FAIL() << "lowered an inconsistent config";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InvalidArgument);
        EXPECT_EQ(std::string(error.what()),
                  "MCUNet config: blocks[4].shortcut: an identity shortcut needs in_channels = out_channels, the block "
                  "maps 16 to 20");
    }
}
