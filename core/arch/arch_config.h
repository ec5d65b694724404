// An MCUNet / ProxylessNAS architecture as plain data: what io reads and writes as MCUNet's
// "ProxylessNASNets" JSON, what zoo builds, what the network editor edits and what TinyNAS samples.
//
// The layout follows that JSON (mit-han-lab/mcunet, proxylessnas, once-for-all):
//   first_conv          ConvLayer: kxk conv, stride, BN, activation ("weight_bn_act")
//   blocks[]            MobileInvertedResidualBlock: an MBInvertedConvLayer (optional 1x1 expand
//                       to mid_channels + act, kxk depthwise + act, 1x1 linear projection) and a
//                       shortcut that is an IdentityLayer (residual ADD) or null;
//                       a ZeroLayer in place of the conv makes the block the identity
//   feature_mix_layer   optional 1x1 ConvLayer before pooling (null in MCUNet)
//   classifier          LinearLayer after global average pooling
//   resolution          input height = width (MCUNet adds it; ProxylessNAS configs omit it)
//   bn                  BatchNorm momentum/eps (training detail; BN is folded when lowering)
// Every JSON key we do not model is kept in `extra` so writing gives back the same JSON object.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace mcunet::arch {

// Largest input resolution a config may ask for (bounds what a corrupt file can make us allocate).
inline constexpr int kMaxResolution = 4096;

// ConvLayer (first_conv, feature_mix_layer).
struct ConvLayerConfig {
    int inChannels = 3;
    int outChannels = 0;
    int kernelSize = 3;
    int stride = 1;
    int dilation = 1;
    int groups = 1;
    bool bias = false;
    bool useBn = true;
    std::string actFunc = "relu6";  // "relu6", "relu", "h_swish", or "" for null (linear)
    nlohmann::json extra = nlohmann::json::object();  // has_shuffle, dropout_rate, ops_order, ...
    bool operator==(const ConvLayerConfig&) const = default;
};

// MBInvertedConvLayer: the inverted bottleneck of a block.
struct MBConvConfig {
    int inChannels = 0;
    int outChannels = 0;
    int kernelSize = 3;
    int stride = 1;
    double expandRatio = 6;
    std::optional<int> midChannels;  // null: round(inChannels * expandRatio)
    std::string actFunc = "relu6";
    bool useSe = false;
    nlohmann::json extra = nlohmann::json::object();
    bool operator==(const MBConvConfig&) const = default;
};

// IdentityLayer shortcut (in/out channels are stored as [c] lists in MCUNet's files).
struct ShortcutConfig {
    int inChannels = 0;
    int outChannels = 0;
    bool channelsAsList = true;
    nlohmann::json extra = nlohmann::json::object();  // use_bn, act_func, dropout_rate, ops_order
    bool operator==(const ShortcutConfig&) const = default;
};

struct BlockConfig {
    bool zero = false;  // conv is a ZeroLayer: the block passes its input through
    MBConvConfig conv;  // unused when zero
    nlohmann::json zeroLayer;  // the ZeroLayer object as read, when zero
    std::optional<ShortcutConfig> shortcut;
    nlohmann::json extra = nlohmann::json::object();  // block-level keys besides name/conv/shortcut
    bool operator==(const BlockConfig&) const = default;
};

struct LinearLayerConfig {
    int inFeatures = 0;
    int outFeatures = 1000;
    bool bias = true;
    std::string actFunc;  // "" for null
    nlohmann::json extra = nlohmann::json::object();  // use_bn, dropout_rate, ops_order
    bool operator==(const LinearLayerConfig&) const = default;
};

struct ArchConfig {
    ConvLayerConfig firstConv;
    std::vector<BlockConfig> blocks;
    std::optional<ConvLayerConfig> featureMixLayer;
    bool featureMixPresent = true;  // the key exists (as null or object); ProxylessNAS always has it
    LinearLayerConfig classifier;
    std::optional<int> resolution;
    std::optional<nlohmann::json> bn;  // kept as read: {"momentum", "eps", "ws_eps"}
    nlohmann::json extra = nlohmann::json::object();  // top-level keys we do not model
    bool operator==(const ArchConfig&) const = default;

    // Input resolution used when lowering: `resolution`, else ProxylessNAS's 224.
    int inputResolution() const { return resolution.value_or(224); }
};

// Mid (expanded) channels of a block: mid_channels, else round(in * expand_ratio) (Python's
// round: half to even).
int blockMidChannels(const MBConvConfig& conv);

// The reference rounding of channel counts: nearest multiple of `divisor`, at least `divisor`,
// and never more than 10% below `value` (TensorFlow's / torchvision's / MCUNet's make_divisible).
int makeDivisible(double value, int divisor = 8);

// Checks that a config is one network: channels chain from layer to layer, kernels are odd,
// shortcuts have stride 1 and in = out, sizes are within bounds. Throws Error(`code`) with
// "displayName: blocks[3].mobile_inverted_conv.kernel_size: expected an odd integer, got 4".
// Readers pass CorruptFile; configs built or edited in code use InvalidArgument.
void checkArchConfig(const ArchConfig& config, const std::string& displayName,
                     ErrorCode code = ErrorCode::InvalidArgument);

}  // namespace mcunet::arch
