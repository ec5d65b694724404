// The layers of an MCUNet-style network as MCUNet's released configs write them (ReLU6, the JSON
// keys they carry beyond the ones we model), so the zoo, the search space and the network editor
// build the same blocks and the files they write read like MCUNet's own.
#pragma once

#include <optional>

#include "arch/arch_config.h"

namespace mcunet::arch {

ConvLayerConfig convLayer(int inChannels, int outChannels, int kernel, int stride);
ShortcutConfig identityShortcut(int channels);
// One MobileInvertedResidualBlock; `midChannels` as the config states it (nullopt: in x expand).
BlockConfig mbBlock(int inChannels, int outChannels, int kernel, int stride, double expand,
                    std::optional<int> midChannels, bool shortcut);
// The classifier's extra keys with the given dropout rate.
nlohmann::json classifierExtras(double dropout);

}  // namespace mcunet::arch
