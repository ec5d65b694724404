// Profile numbers checked against values computed by hand from the architectures:
// person_detect is MobileNetV1-0.25 on 96x96x1 (TFLM's README lists its MACs as 7,157,888);
// the MCUNet 256 kB / 1 MB config is the shared ProxylessNASNets JSON at resolution 160.
#include <gtest/gtest.h>

#include "analysis/profile.h"
#include "io/model_loader.h"

using namespace mcunet;

namespace {
const std::string kShared = MCUNET_SHARED_DIR;

struct Layer {
    const char* op;
    int64_t macs;
    int64_t params;
    int64_t paramBytes;  // int8 weights + int32 bias
};

// One row per layer of MobileNetV1-0.25: dw 3x3 (k*k*C weights + C bias) then pw 1x1 (Cin*Cout + Cout).
std::vector<Layer> personDetectLayers() {
    std::vector<Layer> layers;
    // first layer: depthwise 1 -> 8 (multiplier 8), 48x48 output, stride 2
    layers.push_back({"DEPTHWISE_CONV_2D", 48 * 48 * 8 * 9, 72 + 8, 72 + 32});
    const struct { int stride, out; } blocks[] = {{1, 16}, {2, 32}, {1, 32}, {2, 64}, {1, 64}, {2, 128}, {1, 128},
                                                  {1, 128}, {1, 128}, {1, 128}, {1, 128}, {2, 256}, {1, 256}};
    int size = 48, channels = 8;
    for (auto block : blocks) {
        size = (size + block.stride - 1) / block.stride;
        layers.push_back({"DEPTHWISE_CONV_2D", int64_t(size) * size * channels * 9, 9 * channels + channels,
                          9 * channels + 4 * channels});
        layers.push_back({"CONV_2D", int64_t(size) * size * block.out * channels, block.out * channels + block.out,
                          block.out * channels + 4 * block.out});
        channels = block.out;
    }
    layers.push_back({"AVERAGE_POOL_2D", 0, 0, 0});
    layers.push_back({"CONV_2D", 256 * 2, 512 + 2, 512 + 8});
    layers.push_back({"RESHAPE", 0, 0, 0});
    layers.push_back({"SOFTMAX", 0, 0, 0});
    return layers;
}
}  // namespace

TEST(Profile, PersonDetectPerLayerMatchesHandComputedValues) {
    const auto profile = analysis::profileGraph(io::loadModel(kShared + "/models/person_detect.tflite"));
    const auto expected = personDetectLayers();
    ASSERT_EQ(profile.ops.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE("op " + std::to_string(i));
        EXPECT_EQ(profile.ops[i].opName, expected[i].op);
        EXPECT_EQ(profile.ops[i].macs, expected[i].macs);
        EXPECT_EQ(profile.ops[i].params, expected[i].params);
        EXPECT_EQ(profile.ops[i].paramBytes, expected[i].paramBytes);
    }
    EXPECT_EQ(profile.totalMacs, 7'157'888);
    EXPECT_EQ(profile.totalParams, 210'706);
    EXPECT_EQ(profile.totalParamBytes, 218'920);
    // Peak: the first pointwise conv reads 48x48x8 and writes 48x48x16 int8 bytes.
    EXPECT_EQ(profile.theoreticalPeakBytes, 48 * 48 * 8 + 48 * 48 * 16);
    EXPECT_EQ(profile.peakOpIndex, 2);
    EXPECT_EQ(profile.ops[0].inputActivationBytes, 96 * 96);
    EXPECT_EQ(profile.ops[0].outputActivationBytes, 48 * 48 * 8);
    EXPECT_TRUE(profile.unsupportedOps.empty());
}

TEST(Profile, MacsOfEverySharedModelEqualTheMeasuredFigures) {
    // MAC column of ../shared/models/README.md (measured independently of our code).
    const std::pair<const char*, int64_t> models[] = {
        {"hello_world_int8", 288},           {"micro_speech_quantized", 336'000},
        {"kws_ref_model", 2'656'768},        {"person_detect", 7'157'888},
        {"resnet8_cifar10_int8", 12'501'632}, {"mcunet_vww", 11'578'816}};
    for (auto [name, macs] : models)
        EXPECT_EQ(analysis::profileGraph(io::loadModel(kShared + "/models/" + name + ".tflite")).totalMacs, macs)
            << name;
}

TEST(Profile, ResidualInputStaysAliveAcrossItsBlock) {
    // MCUNet config, block 2 (16 -> 16, k7, expand 6, mid 96, identity shortcut) at 40x40:
    // its depthwise reads and writes 40x40x96 int8 while the 40x40x16 block input waits for ADD.
    const auto profile = analysis::profileGraph(io::loadModel(kShared + "/zoo/mcunet-256kb-1mb_imagenet.json"));
    EXPECT_EQ(profile.totalMacs, 67'287'200);
    EXPECT_EQ(profile.totalParams, 721'648);
    EXPECT_EQ(profile.theoreticalPeakBytes, 40 * 40 * 96 * 2 + 40 * 40 * 16);
    ASSERT_GE(profile.peakOpIndex, 0);
    const auto& peak = profile.ops[profile.peakOpIndex];
    EXPECT_EQ(peak.opName, "DEPTHWISE_CONV_2D");
    EXPECT_EQ(peak.residentBytes, 40 * 40 * 16);
}

TEST(Profile, UnsupportedOpsAreNamedAndStillProfiled) {
    const auto profile = analysis::profileGraph(io::loadModel(kShared + "/models/mnist_lstm_int8.tflite"));
    ASSERT_FALSE(profile.unsupportedOps.empty());
    EXPECT_EQ(profile.unsupportedOps.front(), "UNIDIRECTIONAL_SEQUENCE_LSTM");
    EXPECT_GT(profile.ops.size(), 1u);
}
