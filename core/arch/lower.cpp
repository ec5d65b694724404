#include "arch/lower.h"

#include "ir/graph_builder.h"

namespace mcunet::arch {

namespace {

ir::Activation fusedActivation(const std::string& act) {
    if (act == "relu6") return ir::Activation::Relu6;
    if (act == "relu") return ir::Activation::Relu;
    return ir::Activation::None;  // linear, or h_swish which follows as its own op
}

int applyHardSwish(ir::GraphBuilder& builder, const std::string& act, const std::string& name, int tensor) {
    return act == "h_swish" ? builder.hardSwish(name + "/h_swish", tensor) : tensor;
}

int lowerConvLayer(ir::GraphBuilder& builder, const ConvLayerConfig& c, const std::string& name, int input) {
    int out = builder.conv2d(name, input, c.outChannels, c.kernelSize, c.stride, fusedActivation(c.actFunc),
                             ir::Padding::Same, c.dilation);
    return applyHardSwish(builder, c.actFunc, name, out);
}

}  // namespace

ir::Graph lowerArch(const ArchConfig& config, const LowerOptions& options) {
    checkArchConfig(config, "MCUNet config");
    if (options.resolution < 0 || options.resolution > kMaxResolution)
        throw Error(ErrorCode::InvalidArgument, "lowering: resolution must be 1.." + std::to_string(kMaxResolution) +
                                                    " (or 0 for the config's), got " + std::to_string(options.resolution));
    int resolution = options.resolution > 0 ? options.resolution : config.inputResolution();
    ir::GraphBuilder builder("ProxylessNASNets", {options.dtype, options.withWeights, options.seed, options.weightQuantization});
    int x = builder.addInput("input", {1, resolution, resolution, config.firstConv.inChannels});
    x = lowerConvLayer(builder, config.firstConv, "first_conv", x);
    for (size_t i = 0; i < config.blocks.size(); ++i) {
        const BlockConfig& block = config.blocks[i];
        if (block.zero) continue;  // identity: the block's input is its output
        const MBConvConfig& c = block.conv;
        const std::string name = "blocks." + std::to_string(i);
        const ir::Activation act = fusedActivation(c.actFunc);
        int y = x;
        if (c.expandRatio != 1) {
            y = builder.pointwiseConv2d(name + ".expand", y, blockMidChannels(c), act);
            y = applyHardSwish(builder, c.actFunc, name + ".expand", y);
        }
        y = builder.depthwiseConv2d(name + ".depthwise", y, c.kernelSize, c.stride, act);
        y = applyHardSwish(builder, c.actFunc, name + ".depthwise", y);
        y = builder.pointwiseConv2d(name + ".project", y, c.outChannels, ir::Activation::None);
        if (block.shortcut) y = builder.add(name + ".add", y, x);
        x = y;
    }
    if (config.featureMixLayer) x = lowerConvLayer(builder, *config.featureMixLayer, "feature_mix_layer", x);
    x = builder.mean("global_avg_pool", x);
    x = builder.fullyConnected("classifier", x, config.classifier.outFeatures, fusedActivation(config.classifier.actFunc));
    x = applyHardSwish(builder, config.classifier.actFunc, "classifier", x);
    builder.markOutput(x);
    return builder.finish();
}

}  // namespace mcunet::arch
