#include "arch/layers.h"

namespace mcunet::arch {
namespace {

nlohmann::json layerExtras() { return {{"dropout_rate", 0}, {"ops_order", "weight_bn_act"}}; }

}  // namespace

ConvLayerConfig convLayer(int inChannels, int outChannels, int kernel, int stride) {
    ConvLayerConfig c;
    c.inChannels = inChannels;
    c.outChannels = outChannels;
    c.kernelSize = kernel;
    c.stride = stride;
    c.actFunc = "relu6";
    c.extra = layerExtras();
    c.extra["has_shuffle"] = false;
    return c;
}

ShortcutConfig identityShortcut(int channels) {
    ShortcutConfig s;
    s.inChannels = s.outChannels = channels;
    s.extra = layerExtras();
    s.extra["use_bn"] = false;
    s.extra["act_func"] = nullptr;
    return s;
}

BlockConfig mbBlock(int inChannels, int outChannels, int kernel, int stride, double expand,
                    std::optional<int> midChannels, bool shortcut) {
    BlockConfig b;
    b.conv.inChannels = inChannels;
    b.conv.outChannels = outChannels;
    b.conv.kernelSize = kernel;
    b.conv.stride = stride;
    b.conv.expandRatio = expand;
    b.conv.midChannels = midChannels;
    b.conv.actFunc = "relu6";
    b.conv.useSe = false;
    if (shortcut) b.shortcut = identityShortcut(inChannels);
    return b;
}

nlohmann::json classifierExtras(double dropout) {
    return {{"use_bn", false}, {"dropout_rate", dropout}, {"ops_order", "weight_bn_act"}};
}

}  // namespace mcunet::arch
