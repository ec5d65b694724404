#include "arch/arch_edit.h"

#include <cmath>
#include <optional>
#include <sstream>

#include "arch/layers.h"
#include "util/error.h"

namespace mcunet::arch {

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
void rechain(ArchConfig& config) {
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

void setOutChannels(ArchConfig& config, int blockIndex, int channels, const std::string& displayName) {
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


std::string blockCountText(const ArchConfig& config) {
    return "(the config has " + std::to_string(config.blocks.size()) + ")";
}

void checkBlockIndex(const ArchConfig& config, int blockIndex, const std::string& displayName) {
    if (blockIndex < 0 || blockIndex >= static_cast<int>(config.blocks.size()))
        refuse(displayName, "there is no block " + std::to_string(blockIndex) + " " + blockCountText(config));
}

// A copy of `like` resized to `channels`, or the identity shortcut MCUNet's configs attach.
ShortcutConfig shortcutLike(int channels, const std::optional<ShortcutConfig>& like) {
    ShortcutConfig shortcut = like ? *like : identityShortcut(channels);
    shortcut.inChannels = shortcut.outChannels = channels;
    return shortcut;
}

// Output channels of the blocks before `position` (the first conv's when none).
int channelsBefore(const ArchConfig& config, int position) {
    int channels = config.firstConv.outChannels;
    for (int i = 0; i < position; ++i)
        if (!config.blocks[i].zero) channels = config.blocks[i].conv.outChannels;
    return channels;
}

// A real (non-Zero) block next to `position` to copy layer keys (activation, extras) from.
const BlockConfig* neighbourTemplate(const ArchConfig& config, int position) {
    for (int i = position - 1; i >= 0; --i)
        if (!config.blocks[i].zero) return &config.blocks[i];
    for (size_t i = position; i < config.blocks.size(); ++i)
        if (!config.blocks[i].zero) return &config.blocks[i];
    return nullptr;
}

// Re-chains and checks; a check failure becomes a refusal that says which edit caused it.
ArchConfig finishEdit(ArchConfig edited, const std::string& displayName, const std::string& edit) {
    rechain(edited);
    try {
        checkArchConfig(edited, displayName);
    } catch (const Error& e) {
        std::string reason = e.what();
        if (reason.rfind(displayName + ": ", 0) == 0) reason = reason.substr(displayName.size() + 2);
        refuse(displayName, edit + " is not possible: it leaves " + reason);
    }
    return edited;
}

}  // namespace

ArchConfig editBlock(const ArchConfig& config, int blockIndex, BlockField field, double value,
                       const std::string& displayName) {
    checkBlockIndex(config, blockIndex, displayName);
    if (config.blocks[blockIndex].zero)
        refuse(displayName, blockPath(blockIndex) + " is a ZeroLayer (identity) block and has no convolution to edit");
    ArchConfig edited = config;
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
    checkArchConfig(edited, displayName);
    return edited;
}

ArchConfig withResolution(const ArchConfig& config, int resolution, const std::string& displayName) {
    if (resolution < 8 || resolution > 1024)
        refuse(displayName, "resolution must be between 8 and 1024 pixels, got " + std::to_string(resolution));
    ArchConfig edited = config;
    edited.resolution = resolution;
    checkArchConfig(edited, displayName);
    return edited;
}

ArchConfig scaleWidth(const ArchConfig& config, double multiplier, const std::string& displayName) {
    if (!(multiplier >= 0.1 && multiplier <= 4.0))
        refuse(displayName, "width multiplier must be between 0.1 and 4, got " + std::to_string(multiplier));
    ArchConfig scaled = config;
    scaled.firstConv.outChannels = makeDivisible(config.firstConv.outChannels * multiplier);
    for (BlockConfig& block : scaled.blocks)
        if (!block.zero) block.conv.outChannels = makeDivisible(block.conv.outChannels * multiplier);
    if (scaled.featureMixLayer)
        scaled.featureMixLayer->outChannels = makeDivisible(config.featureMixLayer->outChannels * multiplier);
    rechain(scaled);
    checkArchConfig(scaled, displayName);
    return scaled;
}

ArchConfig addBlock(const ArchConfig& config, int position, int kernelSize, double expandRatio,
                    const std::string& displayName) {
    if (position < 0 || position > static_cast<int>(config.blocks.size()))
        refuse(displayName, "a block can be added at positions 0 to " + std::to_string(config.blocks.size()) +
                                ", not " + std::to_string(position));
    if (kernelSize < 1 || kernelSize > 31 || kernelSize % 2 == 0)
        refuse(displayName, "the new block's kernel size must be an odd integer from 1 to 31, got " +
                                std::to_string(kernelSize));
    if (!(expandRatio >= 1 && expandRatio <= 64))
        refuse(displayName, "the new block's expand ratio must be from 1 to 64, got " + numberText(expandRatio));
    const int channels = channelsBefore(config, position);
    BlockConfig block;
    const BlockConfig* like = neighbourTemplate(config, position);
    if (like) block = *like;
    block.zero = false;
    block.zeroLayer = nullptr;
    block.conv.inChannels = block.conv.outChannels = channels;
    block.conv.kernelSize = kernelSize;
    block.conv.stride = 1;
    block.conv.expandRatio = expandRatio;
    if (block.conv.midChannels) {  // the neighbour states mid_channels: so does the new block
        block.conv.midChannels.reset();
        block.conv.midChannels = blockMidChannels(block.conv);
    }
    block.shortcut = shortcutLike(channels, like ? like->shortcut : std::nullopt);
    ArchConfig edited = config;
    edited.blocks.insert(edited.blocks.begin() + position, std::move(block));
    return finishEdit(std::move(edited), displayName, "adding a block at " + std::to_string(position));
}

ArchConfig removeBlock(const ArchConfig& config, int blockIndex, const std::string& displayName) {
    checkBlockIndex(config, blockIndex, displayName);
    if (config.blocks.size() == 1) refuse(displayName, "the network's only block cannot be removed");
    ArchConfig edited = config;
    const BlockConfig removed = edited.blocks[blockIndex];
    edited.blocks.erase(edited.blocks.begin() + blockIndex);
    if (!removed.zero && !removed.shortcut) {
        // The removed block opened its stage; the stage's next real block takes over its width
        // and stride (ZeroLayer blocks before it stay identities at the incoming width).
        for (size_t next = blockIndex; next < edited.blocks.size(); ++next) {
            BlockConfig& b = edited.blocks[next];
            if (!b.shortcut) break;  // the next stage: nothing of this one is left
            if (b.zero) continue;
            b.shortcut.reset();
            b.conv.outChannels = removed.conv.outChannels;
            b.conv.stride = removed.conv.stride;
            break;
        }
    }
    return finishEdit(std::move(edited), displayName, "removing " + blockPath(blockIndex));
}

ArchConfig duplicateBlock(const ArchConfig& config, int blockIndex, const std::string& displayName) {
    checkBlockIndex(config, blockIndex, displayName);
    BlockConfig copy = config.blocks[blockIndex];
    if (!copy.zero) {
        const int channels = copy.conv.outChannels;
        copy.conv.stride = 1;
        setBlockInput(copy, channels);
        copy.shortcut = shortcutLike(channels, copy.shortcut);
    }
    ArchConfig edited = config;
    edited.blocks.insert(edited.blocks.begin() + blockIndex + 1, std::move(copy));
    return finishEdit(std::move(edited), displayName, "duplicating " + blockPath(blockIndex));
}

ArchConfig moveBlock(const ArchConfig& config, int from, int to, const std::string& displayName) {
    checkBlockIndex(config, from, displayName);
    if (to < 0 || to >= static_cast<int>(config.blocks.size()))
        refuse(displayName, "a block can move to positions 0 to " + std::to_string(config.blocks.size() - 1) +
                                ", not " + std::to_string(to));
    ArchConfig edited = config;
    BlockConfig moved = edited.blocks[from];
    edited.blocks.erase(edited.blocks.begin() + from);
    edited.blocks.insert(edited.blocks.begin() + to, std::move(moved));
    return finishEdit(std::move(edited), displayName,
                      "moving " + blockPath(from) + " to position " + std::to_string(to));
}

std::vector<StageSpan> stages(const ArchConfig& config) {
    std::vector<StageSpan> result;
    for (int i = 0; i < static_cast<int>(config.blocks.size()); ++i) {
        if (result.empty() || !config.blocks[i].shortcut) result.push_back({i, 0});
        ++result.back().depth;
    }
    return result;
}

ArchConfig setStageDepth(const ArchConfig& config, int stageIndex, int depth, const std::string& displayName) {
    const std::vector<StageSpan> spans = stages(config);
    if (stageIndex < 0 || stageIndex >= static_cast<int>(spans.size()))
        refuse(displayName, "there is no stage " + std::to_string(stageIndex) + " (the config has " +
                                std::to_string(spans.size()) + ")");
    if (depth < 1 || depth > 32)
        refuse(displayName, "a stage's depth must be from 1 to 32 blocks, got " + std::to_string(depth));
    const StageSpan span = spans[stageIndex];
    ArchConfig edited = config;
    if (depth > span.depth) {
        const int last = span.firstBlock + span.depth - 1;
        for (int i = span.depth; i < depth; ++i) edited = duplicateBlock(edited, last, displayName);
    } else if (depth < span.depth) {
        edited.blocks.erase(edited.blocks.begin() + span.firstBlock + depth,
                            edited.blocks.begin() + span.firstBlock + span.depth);
    }
    return finishEdit(std::move(edited), displayName, "making stage " + std::to_string(stageIndex) + " " +
                                                          std::to_string(depth) + " blocks deep");
}

}  // namespace mcunet::arch
