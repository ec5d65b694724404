#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "analysis/engine_planner.h"
#include "analysis/plan_validator.h"
#include "analysis/profile.h"
#include "analysis/tflm_planner.h"
#include "io/mcunet_config.h"
#include "ir/validate.h"
#include "util/error.h"
#include "zoo/zoo.h"

using namespace mcunet;
using namespace mcunet::zoo;
using mcunet::arch::makeDivisible;
using namespace mcunet::io;
using nlohmann::json;

namespace {

// Output channels of first conv, each (non-zero) block, and the feature mix when present.
std::vector<int> channelList(const io::McunetConfig& config) {
    std::vector<int> channels = {config.firstConv.outChannels};
    for (const io::BlockConfig& block : config.blocks)
        if (!block.zero) channels.push_back(block.conv.outChannels);
    if (config.featureMixLayer) channels.push_back(config.featureMixLayer->outChannels);
    return channels;
}

std::vector<int> kernelList(const io::McunetConfig& config) {
    std::vector<int> kernels;
    for (const io::BlockConfig& block : config.blocks)
        if (!block.zero) kernels.push_back(block.conv.kernelSize);
    return kernels;
}

std::vector<double> expandList(const io::McunetConfig& config) {
    std::vector<double> ratios;
    for (const io::BlockConfig& block : config.blocks)
        if (!block.zero) ratios.push_back(block.conv.expandRatio);
    return ratios;
}

const std::string kResourceDir = std::string(MCUNET_SOURCE_DIR) + "/resources/zoo/";

}  // namespace

TEST(Zoo, MakeDivisibleMatchesReference) {
    EXPECT_EQ(makeDivisible(32 * 0.35), 16);  // 11.2 -> 8 would lose >10%, so 16
    EXPECT_EQ(makeDivisible(16 * 0.35), 8);
    EXPECT_EQ(makeDivisible(64 * 0.35), 24);
    EXPECT_EQ(makeDivisible(96 * 0.35), 32);
    EXPECT_EQ(makeDivisible(160 * 0.35), 56);
    EXPECT_EQ(makeDivisible(32 * 0.3), 16);
    EXPECT_EQ(makeDivisible(96 * 0.3), 32);
    EXPECT_EQ(makeDivisible(1280 * 1.4), 1792);
}

TEST(Zoo, Mcunet256kbEqualsSharedConfig) {
    std::ifstream in(std::string(MCUNET_SHARED_DIR) + "/zoo/mcunet-256kb-1mb_imagenet.json");
    json shared = json::parse(in);
    EXPECT_EQ(toJson(zooConfig("mcunet-256kb-1mb")), shared);
    EXPECT_EQ(zooConfig("mcunet-256kb-1mb"), io::parseMcunetConfig(shared, "shared"));
}

TEST(Zoo, MobileNetV2FullWidthIsThePaperArchitecture) {
    io::McunetConfig config = mobileNetV2(1.0, 224);
    EXPECT_EQ(channelList(config), (std::vector<int>{32, 16, 24, 24, 32, 32, 32, 64, 64, 64, 64, 96, 96, 96, 160, 160,
                                                     160, 320, 1280}));
    EXPECT_EQ(kernelList(config), std::vector<int>(17, 3));
    std::vector<double> expand(17, 6.0);
    expand[0] = 1.0;
    EXPECT_EQ(expandList(config), expand);
    std::vector<int> strides;
    for (const io::BlockConfig& block : config.blocks) strides.push_back(block.conv.stride);
    EXPECT_EQ(strides, (std::vector<int>{1, 2, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1}));
    int shortcuts = 0;
    for (const io::BlockConfig& block : config.blocks) shortcuts += block.shortcut ? 1 : 0;
    EXPECT_EQ(shortcuts, 10);
    ir::Graph graph = io::lowerMcunetConfig(config);
    EXPECT_TRUE(ir::validateGraph(graph).empty());
    // 224 / 32 = 7: the last block and the feature mix run at 7x7.
    EXPECT_EQ(graph.tensors[graph.ops[graph.ops.size() - 3].outputs[0]].shape, (ir::Shape{1, 7, 7, 1280}));
    EXPECT_EQ(graph.tensors[graph.outputs[0]].shape, (ir::Shape{1, 1000}));
}

TEST(Zoo, MobileNetV2ScaledChannels) {
    io::McunetConfig config = zooConfig("mbv2-w0.35-r144");
    EXPECT_EQ(config.resolution, 144);
    EXPECT_EQ(channelList(config),
              (std::vector<int>{16, 8, 8, 8, 16, 16, 16, 24, 24, 24, 24, 32, 32, 32, 56, 56, 56, 112, 448}));
    EXPECT_EQ(channelList(mobileNetV2(0.35, 144, 1000, LastChannel::KeepFullBelowOne)).back(), 1280);
    EXPECT_EQ(channelList(zooConfig("mbv2-w1.4-r224")).back(), 1792);
    EXPECT_EQ(channelList(mobileNetV2(1.4, 224, 1000, LastChannel::KeepFullBelowOne)).back(), 1792);
    io::McunetConfig small = zooConfig("mbv2-w0.3-r80");
    EXPECT_EQ(small.resolution, 80);
    EXPECT_EQ(channelList(small),
              (std::vector<int>{16, 8, 8, 8, 16, 16, 16, 24, 24, 24, 24, 32, 32, 32, 48, 48, 48, 96, 384}));
}

TEST(Zoo, ProxylessMobileIsThePublishedArchitecture) {
    io::McunetConfig config = proxylessMobile(1.0, 224);
    ASSERT_EQ(config.blocks.size(), 22u);  // 32->16 block + 21 searched positions
    int zeros = 0;
    for (const io::BlockConfig& block : config.blocks) zeros += block.zero ? 1 : 0;
    EXPECT_EQ(zeros, 2);
    EXPECT_TRUE(config.blocks[3].zero);
    EXPECT_TRUE(config.blocks[4].zero);
    EXPECT_EQ(channelList(config), (std::vector<int>{32, 16, 32, 32, 40, 40, 40, 40, 80, 80, 80, 80, 96, 96, 96, 96, 192,
                                                     192, 192, 192, 320, 1280}));
    EXPECT_EQ(kernelList(config),
              (std::vector<int>{3, 5, 3, 7, 3, 5, 5, 7, 5, 5, 5, 5, 5, 5, 5, 7, 7, 7, 7, 7}));
    EXPECT_EQ(expandList(config), (std::vector<double>{1, 3, 3, 3, 3, 3, 3, 6, 3, 3, 3, 6, 3, 3, 3, 6, 6, 3, 3, 6}));
    ir::Graph graph = io::lowerMcunetConfig(config);
    EXPECT_TRUE(ir::validateGraph(graph).empty());
    EXPECT_EQ(graph.tensors[graph.outputs[0]].shape, (ir::Shape{1, 1000}));

    io::McunetConfig scaled = zooConfig("proxyless-w0.3-r176");
    EXPECT_EQ(scaled.resolution, 176);
    EXPECT_EQ(channelList(scaled), (std::vector<int>{16, 8, 16, 16, 16, 16, 16, 16, 24, 24, 24, 24, 32, 32, 32, 32, 56,
                                                     56, 56, 56, 96, 384}));
}

TEST(Zoo, EveryEntryLowersAndValidates) {
    std::vector<ZooEntry> entries = zooEntries();
    ASSERT_EQ(entries.size(), 6u);
    EXPECT_EQ(entries[0].name, "mcunet-256kb-1mb");
    for (const ZooEntry& entry : entries) {
        SCOPED_TRACE(entry.name);
        EXPECT_FALSE(entry.description.empty());
        EXPECT_EQ(zooConfig(entry.name), entry.config);
        io::checkMcunetConfig(entry.config, entry.name);
        for (ir::DType dtype : {ir::DType::Int8, ir::DType::Float32}) {
            io::LowerOptions options;
            options.dtype = dtype;
            ir::Graph graph = io::lowerMcunetConfig(entry.config, options);
            EXPECT_EQ(ir::validateGraph(graph), std::vector<std::string>{});
            EXPECT_EQ(graph.tensors[graph.inputs[0]].shape,
                      (ir::Shape{1, *entry.config.resolution, *entry.config.resolution, 3}));
        }
    }
}

TEST(Zoo, UnknownNameListsKnownNames) {
    try {
        zooConfig("resnet50");
        FAIL() << "accepted an unknown name";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InvalidArgument);
        EXPECT_EQ(std::string(error.what()),
                  "unknown zoo model \"resnet50\"; known: mcunet-256kb-1mb, mbv2-w0.35-r144, proxyless-w0.3-r176, "
                  "mbv2-w0.3-r80, mbv2-w1.0-r224, proxyless-w1.0-r224, or any mbv2-w<width>-r<resolution> / "
                  "proxyless-w<width>-r<resolution>");
    }
    EXPECT_THROW(zooConfig("mbv2-w0-r144"), Error);
    EXPECT_THROW(zooConfig("mbv2-w0.35-r4"), Error);
}

// resources/zoo/<name>.json are written by our writer from zooConfig; this keeps them in step.
// After changing the zoo, regenerate with MCUNET_WRITE_ZOO_RESOURCES=1 mcunet_tests --gtest_filter=Zoo.Resources*
TEST(Zoo, ResourcesEqualGeneratedConfigs) {
    const bool write = std::getenv("MCUNET_WRITE_ZOO_RESOURCES") != nullptr;
    for (const ZooEntry& entry : zooEntries()) {
        SCOPED_TRACE(entry.name);
        const std::string path = kResourceDir + entry.name + ".json";
        if (write) io::writeMcunetConfig(entry.config, path);
        std::ifstream in(path);
        ASSERT_TRUE(in) << path << " is missing";
        EXPECT_EQ(json::parse(in), io::toJson(entry.config));
        EXPECT_EQ(io::readMcunetConfig(path), entry.config);
    }
}

// MACs and parameter counts. Published: MCUNet's model zoo table (mit-han-lab/mcunet README,
// rounded to 0.1 M MACs / 0.01 M params), torchvision's MobileNetV2 (3,504,872 params, 300 M
// MACs), ProxylessNAS-Mobile (4.1 M params, 320 M MACs). Their parameter counts are PyTorch's,
// with BatchNorm unfolded (weight + bias per channel, convs without bias); our graphs fold BN
// into one bias per channel, so PyTorch's count = ours + one per conv output channel.
// Exact values were computed independently from the architecture tables.
TEST(Zoo, MacsAndParamsMatchPublishedFigures) {
    struct Published {
        const char* name;
        int64_t macs, torchParams;
        double publishedMacsMillions, publishedParamsMillions, macsTolerance, paramsTolerance;
    };
    const Published rows[] = {
        {"mcunet-256kb-1mb", 67'287'200, 729'392, 67.3, 0.73, 0.05, 0.005},
        {"mbv2-w0.35-r144", 23'499'152, 750'280, 23.5, 0.75, 0.05, 0.005},
        {"mbv2-w1.0-r224", 300'774'272, 3'504'872, 300.0, 3.504872, 1.0, 0.0000005},
        {"proxyless-w1.0-r224", 320'427'584, 4'080'512, 320.0, 4.1, 1.0, 0.05},
    };
    for (const Published& row : rows) {
        SCOPED_TRACE(row.name);
        ir::Graph graph = io::lowerMcunetConfig(zooConfig(row.name));
        analysis::Profile profile = analysis::profileGraph(graph);
        int64_t convChannels = 0;
        for (const ir::Op& op : graph.ops)
            if (op.kind == ir::OpKind::Conv2D || op.kind == ir::OpKind::DepthwiseConv2D)
                convChannels += graph.tensors[op.outputs[0]].shape.back();
        int64_t torchParams = profile.totalParams + convChannels;
        EXPECT_EQ(profile.totalMacs, row.macs);
        EXPECT_EQ(torchParams, row.torchParams);
        EXPECT_NEAR(profile.totalMacs / 1e6, row.publishedMacsMillions, row.macsTolerance);
        EXPECT_NEAR(torchParams / 1e6, row.publishedParamsMillions, row.paramsTolerance);
    }
}

// Known gap: MCUNet's table gives proxyless-w0.3-r176 38.3 M MACs / 0.75 M params; the published
// ProxylessNAS-Mobile blocks scaled by makeDivisible(c * 0.3, 8) give 36.8 M / 0.71 M, and no
// simple variant we tried (last channel kept, mid channels rounded, zero blocks present)
// reproduces theirs, so their scaled net differs in a way their code does not show. We pin our
// own figure so a change is noticed.
TEST(Zoo, ProxylessW03MacsArePinned) {
    ir::Graph graph = io::lowerMcunetConfig(zooConfig("proxyless-w0.3-r176"));
    EXPECT_EQ(analysis::profileGraph(graph).totalMacs, 36'770'216);
}

// The planners take lowered zoo graphs as they are (int8, shapes only) and produce sound plans.
TEST(Zoo, LoweredGraphsPlanSoundly) {
    for (const ZooEntry& entry : zooEntries()) {
        SCOPED_TRACE(entry.name);
        ir::Graph graph = io::lowerMcunetConfig(entry.config);
        analysis::MemoryPlan engine = analysis::planEngine(graph);
        EXPECT_EQ(analysis::validatePlan(graph, engine), std::vector<std::string>{});
        analysis::MemoryPlan tflm = analysis::planTflm(graph);
        EXPECT_EQ(analysis::validatePlan(graph, tflm), std::vector<std::string>{});
    }
}
