#include "io/config_edit.h"

#include <cmath>
#include <sstream>

#include "util/error.h"
#include "zoo/zoo.h"

namespace mcunet::io {

namespace {

[[noreturn]] void refuse(const std::string& displayName, const std::string& reason) {
    throw Error(ErrorCode::InvalidArgument, displayName + ": " + reason);
}

// "4", "2.5": as a person typed it, not std::to_string's "4.000000".
std::string numberText(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string blockPath(int index) { return "blocks[" + std::to_string(index) + "]"; }

// Sets a block's input width; an explicit mid_channels follows in x expand_ratio.
void setBlockInput(BlockConfig& block, int channels) {
    block.conv.inChannels = channels;
    if (block.conv.midChannels) {
        block.conv.midChannels.reset();
        block.conv.midChannels = blockMidChannels(block.conv);
    }
    if (block.shortcut) block.shortcut->inChannels = block.shortcut->outChannels = channels;
}

// Re-chains every width after the first conv from the blocks' own output channels.
void rechain(McunetConfig& config) {
    int channels = config.firstConv.outChannels;
    for (BlockConfig& block : config.blocks) {
        if (block.zero) {
            if (block.shortcut) block.shortcut->inChannels = block.shortcut->outChannels = channels;
            continue;
        }
        setBlockInput(block, channels);
        channels = block.conv.outChannels;
    }
    if (config.featureMixLayer) {
        config.featureMixLayer->inChannels = channels;
        channels = config.featureMixLayer->outChannels;
    }
    config.classifier.inFeatures = channels;
}

void setOutChannels(McunetConfig& config, int blockIndex, int channels, const std::string& displayName) {
    BlockConfig& block = config.blocks[blockIndex];
    if (block.shortcut)
        refuse(displayName, blockPath(blockIndex) + ": this block has an identity shortcut, so its output channels "
                                "must equal its input (" + std::to_string(block.conv.inChannels) +
                                "); change the first block of the stage or remove the shortcut");
    block.conv.outChannels = channels;
    // The following blocks of the same stage (identity shortcuts: in = out) take the new width.
    for (size_t next = blockIndex + 1; next < config.blocks.size(); ++next) {
        BlockConfig& b = config.blocks[next];
        if (b.zero) continue;
        if (!b.shortcut) break;
        b.conv.outChannels = channels;
    }
}

}  // namespace

McunetConfig editBlock(const McunetConfig& config, int blockIndex, BlockField field, double value,
                       const std::string& displayName) {
    if (blockIndex < 0 || blockIndex >= static_cast<int>(config.blocks.size()))
        refuse(displayName, "there is no block " + std::to_string(blockIndex) + " (the config has " +
                                std::to_string(config.blocks.size()) + ")");
    if (config.blocks[blockIndex].zero)
        refuse(displayName, blockPath(blockIndex) + " is a ZeroLayer (identity) block and has no convolution to edit");
    McunetConfig edited = config;
    BlockConfig& block = edited.blocks[blockIndex];
    const int integer = static_cast<int>(std::lround(value));
    switch (field) {
    case BlockField::KernelSize:
        if (integer != value || integer < 1 || integer % 2 == 0)
            refuse(displayName, blockPath(blockIndex) + ": kernel size must be an odd positive integer, got " +
                                    numberText(value));
        block.conv.kernelSize = integer;
        break;
    case BlockField::ExpandRatio:
        if (!(value >= 1))
            refuse(displayName, blockPath(blockIndex) + ": expand ratio must be at least 1, got " + numberText(value));
        block.conv.expandRatio = value;
        if (block.conv.midChannels) {
            block.conv.midChannels.reset();
            block.conv.midChannels = blockMidChannels(block.conv);
        }
        break;
    case BlockField::OutChannels:
        if (integer != value || integer < 1)
            refuse(displayName, blockPath(blockIndex) + ": output channels must be a positive integer, got " +
                                    numberText(value));
        setOutChannels(edited, blockIndex, integer, displayName);
        break;
    case BlockField::Stride:
        if (integer != 1 && integer != 2)
            refuse(displayName, blockPath(blockIndex) + ": stride must be 1 or 2, got " + numberText(value));
        if (integer != 1 && block.shortcut)
            refuse(displayName, blockPath(blockIndex) + ": a block with an identity shortcut must keep stride 1; "
                                    "remove the shortcut first");
        block.conv.stride = integer;
        break;
    case BlockField::Shortcut:
        if (value != 0) {
            if (block.conv.stride != 1 || block.conv.inChannels != block.conv.outChannels)
                refuse(displayName, blockPath(blockIndex) + ": an identity shortcut needs stride 1 and output "
                                        "channels equal to the input (" + std::to_string(block.conv.inChannels) +
                                        "); this block has stride " + std::to_string(block.conv.stride) + " and " +
                                        std::to_string(block.conv.outChannels) + " output channels");
            ShortcutConfig shortcut;
            shortcut.inChannels = shortcut.outChannels = block.conv.inChannels;
            block.shortcut = shortcut;
        } else {
            block.shortcut.reset();
        }
        break;
    }
    rechain(edited);
    checkMcunetConfig(edited, displayName);
    return edited;
}

McunetConfig withResolution(const McunetConfig& config, int resolution, const std::string& displayName) {
    if (resolution < 8 || resolution > 1024)
        refuse(displayName, "resolution must be between 8 and 1024 pixels, got " + std::to_string(resolution));
    McunetConfig edited = config;
    edited.resolution = resolution;
    checkMcunetConfig(edited, displayName);
    return edited;
}

McunetConfig scaleWidth(const McunetConfig& config, double multiplier, const std::string& displayName) {
    if (!(multiplier >= 0.1 && multiplier <= 4.0))
        refuse(displayName, "width multiplier must be between 0.1 and 4, got " + std::to_string(multiplier));
    McunetConfig scaled = config;
    scaled.firstConv.outChannels = zoo::makeDivisible(config.firstConv.outChannels * multiplier);
    for (BlockConfig& block : scaled.blocks)
        if (!block.zero) block.conv.outChannels = zoo::makeDivisible(block.conv.outChannels * multiplier);
    if (scaled.featureMixLayer)
        scaled.featureMixLayer->outChannels = zoo::makeDivisible(config.featureMixLayer->outChannels * multiplier);
    rechain(scaled);
    checkMcunetConfig(scaled, displayName);
    return scaled;
}

}  // namespace mcunet::io
