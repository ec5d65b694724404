#include "arch/arch_config.h"

#include <algorithm>
#include <cmath>

namespace mcunet::arch {

namespace {

// Where a problem is: the display name (file) plus a JSON path ("blocks[3].mobile_inverted_conv").
struct Context {
    const std::string& displayName;
    ErrorCode code;

    [[noreturn]] void fail(const std::string& field, const std::string& what, std::optional<ErrorCode> override = {}) const {
        throw fileError(override.value_or(code), displayName, field + ": " + what);
    }
};

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// ---- semantic checks shared by parsing (CorruptFile) and code-built configs (InvalidArgument) ----

void checkAct(const Context& ctx, const std::string& act, const std::string& field) {
    if (act.empty() || act == "relu" || act == "relu6" || act == "h_swish") return;
    ctx.fail(field, "activation \"" + act + "\" is not supported (relu, relu6, h_swish or null)", ErrorCode::UnsupportedModel);
}

// Upper bounds far beyond any MCU network, so a corrupt file cannot make lowering allocate
// gigabytes (per-channel quantization vectors) or overflow sizes.
constexpr int kMaxChannels = 65536;
constexpr int kMaxKernel = 31;
constexpr int kMaxStride = 16;

void checkPositive(const Context& ctx, int value, const std::string& field, int limit = kMaxChannels) {
    if (value <= 0) ctx.fail(field, "expected a positive integer, got " + std::to_string(value));
    if (value > limit) ctx.fail(field, "expected at most " + std::to_string(limit) + ", got " + std::to_string(value));
}

void checkOdd(const Context& ctx, int value, const std::string& field) {
    if (value <= 0 || value % 2 == 0) ctx.fail(field, "expected an odd integer, got " + std::to_string(value));
    if (value > kMaxKernel) ctx.fail(field, "expected at most " + std::to_string(kMaxKernel) + ", got " + std::to_string(value));
}

void checkChain(const Context& ctx, int value, int previous, const std::string& field) {
    if (value != previous)
        ctx.fail(field, "expected " + std::to_string(previous) + " (the previous layer's output channels), got " +
                            std::to_string(value));
}

void checkConvLayer(const Context& ctx, const ConvLayerConfig& c, const std::string& path, int previous) {
    if (previous > 0) checkChain(ctx, c.inChannels, previous, join(path, "in_channels"));
    checkPositive(ctx, c.inChannels, join(path, "in_channels"));
    checkPositive(ctx, c.outChannels, join(path, "out_channels"));
    checkOdd(ctx, c.kernelSize, join(path, "kernel_size"));
    checkPositive(ctx, c.stride, join(path, "stride"), kMaxStride);
    checkPositive(ctx, c.dilation, join(path, "dilation"), kMaxStride);
    if (c.groups != 1) ctx.fail(join(path, "groups"), "only groups = 1 is supported, got " + std::to_string(c.groups), ErrorCode::UnsupportedModel);
    checkAct(ctx, c.actFunc, join(path, "act_func"));
}

void checkConfig(const ArchConfig& config, const Context& ctx) {
    checkConvLayer(ctx, config.firstConv, "first_conv", 0);
    int channels = config.firstConv.outChannels;
    for (size_t i = 0; i < config.blocks.size(); ++i) {
        const BlockConfig& block = config.blocks[i];
        const std::string path = "blocks[" + std::to_string(i) + "]";
        const std::string convPath = join(path, "mobile_inverted_conv");
        if (block.zero) {
            if (!block.shortcut) ctx.fail(join(path, "shortcut"), "a ZeroLayer block needs an IdentityLayer shortcut", ErrorCode::UnsupportedModel);
        } else {
            const MBConvConfig& c = block.conv;
            checkChain(ctx, c.inChannels, channels, join(convPath, "in_channels"));
            checkPositive(ctx, c.outChannels, join(convPath, "out_channels"));
            checkOdd(ctx, c.kernelSize, join(convPath, "kernel_size"));
            checkPositive(ctx, c.stride, join(convPath, "stride"), kMaxStride);
            if (!(c.expandRatio > 0 && c.expandRatio <= 64))
                ctx.fail(join(convPath, "expand_ratio"), "expected a number in (0, 64]");
            if (c.midChannels) checkPositive(ctx, *c.midChannels, join(convPath, "mid_channels"));
            if (c.expandRatio != 1) checkPositive(ctx, blockMidChannels(c), join(convPath, "expand_ratio") + " (expanded channels)");
            checkAct(ctx, c.actFunc, join(convPath, "act_func"));
            if (c.useSe) ctx.fail(join(convPath, "use_se"), "squeeze-and-excitation is not supported", ErrorCode::UnsupportedModel);
        }
        if (block.shortcut) {
            const std::string scPath = join(path, "shortcut");
            int in = block.zero ? channels : block.conv.inChannels;
            if (!block.zero) {
                if (block.conv.stride != 1)
                    ctx.fail(scPath, "an identity shortcut needs stride 1, the block has stride " + std::to_string(block.conv.stride));
                if (block.conv.outChannels != in)
                    ctx.fail(scPath, "an identity shortcut needs in_channels = out_channels, the block maps " +
                                         std::to_string(in) + " to " + std::to_string(block.conv.outChannels));
            }
            checkChain(ctx, block.shortcut->inChannels, in, join(scPath, "in_channels"));
            checkChain(ctx, block.shortcut->outChannels, in, join(scPath, "out_channels"));
        }
        if (!block.zero) channels = block.conv.outChannels;
    }
    if (config.featureMixLayer) {
        checkConvLayer(ctx, *config.featureMixLayer, "feature_mix_layer", channels);
        channels = config.featureMixLayer->outChannels;
    }
    checkChain(ctx, config.classifier.inFeatures, channels, "classifier.in_features");
    checkPositive(ctx, config.classifier.outFeatures, "classifier.out_features");
    checkAct(ctx, config.classifier.actFunc, "classifier.act_func");
    if (config.resolution) checkPositive(ctx, *config.resolution, "resolution", kMaxResolution);
}

}  // namespace

int blockMidChannels(const MBConvConfig& conv) {
    if (conv.midChannels) return *conv.midChannels;
    return static_cast<int>(std::nearbyint(conv.inChannels * conv.expandRatio));  // half to even, as Python's round
}

int makeDivisible(double value, int divisor) {
    int rounded = std::max(divisor, static_cast<int>(std::floor(value + divisor / 2.0)) / divisor * divisor);
    if (rounded < 0.9 * value) rounded += divisor;
    return rounded;
}

void checkArchConfig(const ArchConfig& config, const std::string& displayName, ErrorCode code) {
    checkConfig(config, Context{displayName, code});
}

}  // namespace mcunet::arch
