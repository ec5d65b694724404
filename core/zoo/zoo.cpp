#include "zoo/zoo.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include "arch/layers.h"
#include "util/error.h"

namespace mcunet::zoo {

using arch::BlockConfig;
using arch::convLayer;
using arch::mbBlock;
using arch::ConvLayerConfig;
using arch::makeDivisible;
using McunetConfig = arch::ArchConfig;
using nlohmann::json;

namespace {

BlockConfig zeroBlock(int channels) {
    BlockConfig b;
    b.zero = true;
    b.zeroLayer = {{"name", "ZeroLayer"}, {"stride", 1}};
    b.shortcut = arch::identityShortcut(channels);
    return b;
}

McunetConfig frame(int firstConvChannels, int resolution, json bn) {
    McunetConfig config;
    config.firstConv = convLayer(3, firstConvChannels, 3, 2);
    config.resolution = resolution;
    config.bn = std::move(bn);
    config.featureMixPresent = true;
    return config;
}

void finish(McunetConfig& config, int lastChannels, int featureMix, int classes, double dropout) {
    int channels = lastChannels;
    if (featureMix > 0) {
        config.featureMixLayer = convLayer(channels, featureMix, 1, 1);
        channels = featureMix;
    }
    config.classifier.inFeatures = channels;
    config.classifier.outFeatures = classes;
    config.classifier.bias = true;
    config.classifier.actFunc = "";
    config.classifier.extra = arch::classifierExtras(dropout);
}

void checkScale(double widthMult, int resolution, int classes, const char* family) {
    if (!(widthMult > 0 && widthMult <= 4))
        throw Error(ErrorCode::InvalidArgument, std::string(family) + ": width multiplier must be in (0, 4], got " + std::to_string(widthMult));
    if (resolution < 8 || resolution > 1024)
        throw Error(ErrorCode::InvalidArgument, std::string(family) + ": resolution must be 8..1024, got " + std::to_string(resolution));
    if (classes <= 0)
        throw Error(ErrorCode::InvalidArgument, std::string(family) + ": classes must be positive, got " + std::to_string(classes));
}

// The blocks of MCUNet's 256 kB / 1 MB ImageNet model (mcunet-in2):
// in, out, kernel, stride, expand ratio, mid channels (0: none), identity shortcut.
struct McunetBlockRow {
    int in, out, kernel, stride, expand, mid;
    bool shortcut;
};
constexpr McunetBlockRow kMcunet256kbBlocks[] = {
    {16, 8, 3, 1, 1, 0, false},     {8, 16, 5, 2, 3, 24, false},     {16, 16, 7, 1, 6, 96, true},
    {16, 16, 3, 1, 5, 80, true},    {16, 16, 5, 1, 5, 80, true},     {16, 24, 3, 2, 5, 80, false},
    {24, 24, 7, 1, 6, 144, true},   {24, 24, 5, 1, 6, 144, true},    {24, 40, 7, 2, 4, 96, false},
    {40, 40, 5, 1, 5, 200, true},   {40, 48, 3, 1, 5, 200, false},   {48, 48, 5, 1, 5, 240, true},
    {48, 48, 3, 1, 4, 192, true},   {48, 96, 5, 2, 6, 288, false},   {96, 96, 5, 1, 4, 384, true},
    {96, 96, 5, 1, 3, 288, true},   {96, 96, 3, 1, 4, 384, true},    {96, 160, 5, 1, 5, 480, false},
};

// ProxylessNAS-Mobile's searched body after its first 32 -> 16 block, per stage:
// out channels, kernel, expand ratio, block present (false: ZeroLayer, skipped), stride.
struct ProxylessRow {
    int out, kernel, expand;
    bool present;
    int stride;
};
constexpr ProxylessRow kProxylessMobileBlocks[] = {
    {32, 5, 3, true, 2},  {32, 3, 3, true, 1},  {32, 3, 3, false, 1}, {32, 3, 3, false, 1},
    {40, 7, 3, true, 2},  {40, 3, 3, true, 1},  {40, 5, 3, true, 1},  {40, 5, 3, true, 1},
    {80, 7, 6, true, 2},  {80, 5, 3, true, 1},  {80, 5, 3, true, 1},  {80, 5, 3, true, 1},
    {96, 5, 6, true, 1},  {96, 5, 3, true, 1},  {96, 5, 3, true, 1},  {96, 5, 3, true, 1},
    {192, 7, 6, true, 2}, {192, 7, 6, true, 1}, {192, 7, 3, true, 1}, {192, 7, 3, true, 1},
    {320, 7, 6, true, 1},
};

}  // namespace

static int lastChannelCount(double widthMult, LastChannel rule) {
    if (rule == LastChannel::KeepFullBelowOne && widthMult <= 1.0) return 1280;
    return makeDivisible(1280 * widthMult);
}

McunetConfig mcunet256kb1mb() {
    McunetConfig config = frame(16, 160, {{"momentum", 0.1}, {"eps", 1e-05}, {"ws_eps", nullptr}});
    for (const McunetBlockRow& row : kMcunet256kbBlocks)
        config.blocks.push_back(mbBlock(row.in, row.out, row.kernel, row.stride, row.expand,
                                        row.mid ? std::optional<int>(row.mid) : std::nullopt, row.shortcut));
    finish(config, 160, 0, 1000, 0);
    return config;
}

McunetConfig mobileNetV2(double widthMult, int resolution, int classes, LastChannel lastChannel) {
    checkScale(widthMult, resolution, classes, "MobileNetV2");
    // (expand ratio t, channels c, repeats n, first stride s) from the paper's Table 2.
    struct Stage {
        int t, c, n, s;
    };
    constexpr Stage kStages[] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
                                 {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    int channels = makeDivisible(32 * widthMult);
    McunetConfig config = frame(channels, resolution, {{"momentum", 0.1}, {"eps", 0.001}});
    for (const Stage& stage : kStages) {
        int out = makeDivisible(stage.c * widthMult);
        for (int i = 0; i < stage.n; ++i) {
            int stride = i == 0 ? stage.s : 1;
            bool shortcut = stage.t > 1 && stride == 1 && channels == out;
            config.blocks.push_back(mbBlock(channels, out, 3, stride, stage.t, std::nullopt, shortcut));
            channels = out;
        }
    }
    int lastChannels = lastChannelCount(widthMult, lastChannel);
    finish(config, channels, lastChannels, classes, 0.2);
    return config;
}

McunetConfig proxylessMobile(double widthMult, int resolution, int classes, LastChannel lastChannel) {
    checkScale(widthMult, resolution, classes, "ProxylessNAS-Mobile");
    int channels = makeDivisible(32 * widthMult);
    McunetConfig config = frame(channels, resolution, {{"momentum", 0.1}, {"eps", 0.001}});
    int out = makeDivisible(16 * widthMult);
    config.blocks.push_back(mbBlock(channels, out, 3, 1, 1, std::nullopt, false));
    channels = out;
    for (const ProxylessRow& row : kProxylessMobileBlocks) {
        out = makeDivisible(row.out * widthMult);
        if (!row.present) {
            config.blocks.push_back(zeroBlock(channels));
            continue;
        }
        bool shortcut = row.stride == 1 && channels == out;
        config.blocks.push_back(mbBlock(channels, out, row.kernel, row.stride, row.expand, std::nullopt, shortcut));
        channels = out;
    }
    int lastChannels = lastChannelCount(widthMult, lastChannel);
    finish(config, channels, lastChannels, classes, 0.0);
    return config;
}

std::vector<ZooEntry> zooEntries() {
    return {
        {"mcunet-256kb-1mb", "MCUNet (TinyNAS) ImageNet model that fits 256 kB SRAM and 1 MB Flash, 160x160 input",
         mcunet256kb1mb()},
        {"mbv2-w0.35-r144", "MobileNetV2 scaled to width 0.35, 144x144 input: MCUNet's baseline for 320 kB SRAM / 1 MB Flash",
         mobileNetV2(0.35, 144)},
        {"proxyless-w0.3-r176", "ProxylessNAS-Mobile scaled to width 0.3, 176x176 input: MCUNet's baseline for 320 kB SRAM / 1 MB Flash",
         proxylessMobile(0.3, 176)},
        {"mbv2-w0.3-r80", "MobileNetV2 scaled to width 0.3, 80x80 input: a small net for low-memory boards",
         mobileNetV2(0.3, 80)},
        {"mbv2-w1.0-r224", "MobileNetV2 at full width, 224x224 input (the mobile-phone original)", mobileNetV2(1.0, 224)},
        {"proxyless-w1.0-r224", "ProxylessNAS-Mobile at full width, 224x224 input (the mobile-phone original)",
         proxylessMobile(1.0, 224)},
    };
}

McunetConfig zooConfig(const std::string& name) {
    if (name == "mcunet-256kb-1mb") return mcunet256kb1mb();
    static const std::regex scaled(R"((mbv2|proxyless)-w([0-9]+(\.[0-9]+)?)-r([0-9]{1,4}))");
    std::smatch match;
    if (std::regex_match(name, match, scaled)) {
        double width = std::stod(match[2].str());
        int resolution = std::stoi(match[4].str());
        return match[1] == "mbv2" ? mobileNetV2(width, resolution) : proxylessMobile(width, resolution);
    }
    std::string known;
    for (const ZooEntry& entry : zooEntries()) known += (known.empty() ? "" : ", ") + entry.name;
    throw Error(ErrorCode::InvalidArgument, "unknown zoo model \"" + name + "\"; known: " + known +
                                                ", or any mbv2-w<width>-r<resolution> / proxyless-w<width>-r<resolution>");
}

}  // namespace mcunet::zoo
