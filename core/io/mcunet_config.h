// MCUNet / ProxylessNAS network configs ("ProxylessNASNets" JSON) read into and written from
// arch::ArchConfig (whose header describes the format). Reading keeps every key we do not model,
// so writing gives back the same JSON object.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arch/arch_config.h"
#include "arch/lower.h"
#include "ir/graph.h"

namespace mcunet::io {

// The architecture types live in core/arch (plain data, below io and zoo); io names them as the
// format does.
using arch::BlockConfig;
using arch::ConvLayerConfig;
using arch::LinearLayerConfig;
using arch::MBConvConfig;
using arch::ShortcutConfig;
using McunetConfig = arch::ArchConfig;
using arch::blockMidChannels;
using arch::LowerOptions;

// Parses and checks a config; errors are Error(CorruptFile / UnsupportedModel / WrongFormat)
// with messages "displayName: blocks[3].mobile_inverted_conv.kernel_size: expected an odd integer".
McunetConfig parseMcunetConfig(const nlohmann::json& json, const std::string& displayName);
McunetConfig readMcunetConfig(const std::string& path);
// The same checks parseMcunetConfig makes (channel chaining, odd kernels, ...), for configs built
// or edited in code; throws Error(InvalidArgument) naming the field (arch::checkArchConfig).
inline void checkMcunetConfig(const McunetConfig& config, const std::string& displayName) {
    arch::checkArchConfig(config, displayName);
}

nlohmann::json toJson(const McunetConfig& config);
void writeMcunetConfig(const McunetConfig& config, const std::string& path);

// The network as an inference graph (arch::lowerArch).
inline ir::Graph lowerMcunetConfig(const McunetConfig& config, const LowerOptions& options = {}) {
    return arch::lowerArch(config, options);
}

}  // namespace mcunet::io
