// Built-in models: published architectures built by our code as ProxylessNASNets configs.
//
// MobileNetV2 and ProxylessNAS-Mobile belong to the same family as MCUNet (first conv, inverted
// residual blocks, optional 1x1 feature mix, classifier), so one arch::ArchConfig describes all three
// and one lowering turns them into graphs.
//   - "mcunet-256kb-1mb": MCUNet's 256 kB SRAM / 1 MB Flash ImageNet net (resolution 160).
//   - MobileNetV2 (Sandler et al.), scaled as the reference implementation (once-for-all /
//     MCUNet's MobileNetV2 class) does: every channel count c -> makeDivisible(c * w, 8).
//     The 1280-channel feature mix: that class keeps it at 1280 for w <= 1 unless told
//     otherwise (disable_keep_last_channel); MCUNet's own baselines scale it (their published
//     23.5 M MACs / 0.75 M params for mbv2-w0.35-r144 hold only with 448 = makeDivisible(1280 *
//     0.35)). LastChannel picks the rule; zoo names use MCUNet's (ScaleWithWidth).
//   - ProxylessNAS-Mobile (Cai et al.), its published searched block list, scaled by the same
//     rules. Its two skipped (ZeroLayer) blocks are kept so the block list matches the paper's.
// Names "mbv2-w<W>-r<R>" and "proxyless-w<W>-r<R>" build any width W and resolution R.
#pragma once

#include <string>
#include <vector>

#include "arch/arch_config.h"

namespace mcunet::zoo {

struct ZooEntry {
    std::string name;         // "mcunet-256kb-1mb", "mbv2-w0.35-r144", ...
    std::string description;  // one sentence for File > Open Example
    arch::ArchConfig config;
};

// The listed examples, in menu order.
std::vector<ZooEntry> zooEntries();

// A listed name, or any "mbv2-w<W>-r<R>" / "proxyless-w<W>-r<R>"; otherwise throws
// Error(InvalidArgument) listing the known names.
arch::ArchConfig zooConfig(const std::string& name);

enum class LastChannel {
    ScaleWithWidth,    // makeDivisible(1280 * w, 8) for every w (MCUNet's baselines)
    KeepFullBelowOne,  // 1280 for w <= 1, scaled above (MobileNetV2 paper, once-for-all default)
};

arch::ArchConfig mcunet256kb1mb();
arch::ArchConfig mobileNetV2(double widthMult, int resolution, int classes = 1000,
                             LastChannel lastChannel = LastChannel::ScaleWithWidth);
arch::ArchConfig proxylessMobile(double widthMult, int resolution, int classes = 1000,
                                 LastChannel lastChannel = LastChannel::ScaleWithWidth);

}  // namespace mcunet::zoo
