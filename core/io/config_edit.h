// Edits of an MCUNet config as a person makes them in the network editor. Each function returns
// a new config whose neighbours are kept consistent, then checked by checkMcunetConfig; an edit
// that cannot be made consistent throws Error(InvalidArgument) whose message gives the reason.
//
// Keeping neighbours consistent means: a block's output channels flow into the next block's
// in_channels; blocks with an identity shortcut (in = out) that follow a changed block take the
// new width too, as a stage of MBConv blocks does, up to the next block without a shortcut; an
// explicit mid_channels follows in_channels x expand_ratio; the classifier's in_features follows
// the last channels.
#pragma once

#include <string>

#include "io/mcunet_config.h"

namespace mcunet::io {

enum class BlockField { KernelSize, ExpandRatio, OutChannels, Stride, Shortcut };

// `value`: the new kernel size / expand ratio / output channels / stride, or 0/1 for the
// shortcut. `displayName` names the config in error messages.
McunetConfig editBlock(const McunetConfig& config, int blockIndex, BlockField field, double value,
                       const std::string& displayName = "MCUNet config");
McunetConfig withResolution(const McunetConfig& config, int resolution,
                            const std::string& displayName = "MCUNet config");
// Every channel width (first conv, blocks, feature mix) times `multiplier`, rounded with
// zoo::makeDivisible (multiples of 8, as MCUNet's reference implementation scales widths).
McunetConfig scaleWidth(const McunetConfig& config, double multiplier,
                        const std::string& displayName = "MCUNet config");

}  // namespace mcunet::io
