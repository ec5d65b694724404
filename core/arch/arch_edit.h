// Edits of an architecture as a person makes them in the network editor (and as TinyNAS mutates
// one). Each function takes a config and returns a new one whose neighbours are kept consistent,
// then checked by checkArchConfig; an edit that cannot be made consistent throws
// Error(InvalidArgument) whose message is "displayName: <the reason>", a sentence to show as is.
// The input config is never changed.
//
// Keeping neighbours consistent means: a block's output channels flow into the next block's
// in_channels; blocks with an identity shortcut (in = out) that follow a changed block take the
// new width too, as a stage of MBConv blocks does, up to the next block without a shortcut; an
// explicit mid_channels follows in_channels x expand_ratio; the classifier's in_features follows
// the last channels.
//
// Stages: a stage is a block without an identity shortcut (it may change width and stride) and
// the blocks with identity shortcuts that follow it (ZeroLayer blocks included). `stages()` lists
// them; setStageDepth / duplicateBlock / removeBlock change depth the way MCUNet's search space
// does (the extra blocks are stride-1 copies with shortcuts).
#pragma once

#include <string>
#include <vector>

#include "arch/arch_config.h"

namespace mcunet::arch {

enum class BlockField { KernelSize, ExpandRatio, OutChannels, Stride, Shortcut };

// `value`: the new kernel size / expand ratio / output channels / stride, or 0/1 for the
// shortcut. `displayName` names the config in error messages.
ArchConfig editBlock(const ArchConfig& config, int blockIndex, BlockField field, double value,
                     const std::string& displayName = "MCUNet config");
ArchConfig withResolution(const ArchConfig& config, int resolution,
                          const std::string& displayName = "MCUNet config");
// Every channel width (first conv, blocks, feature mix) times `multiplier`, rounded with
// makeDivisible (multiples of 8, as MCUNet's reference implementation scales widths).
ArchConfig scaleWidth(const ArchConfig& config, double multiplier,
                      const std::string& displayName = "MCUNet config");

// ---- block edits (add / remove / duplicate / move, stage depth) ----

// Inserts a new block before `position` (0..blocks.size(); blocks.size() appends): a stride-1
// block keeping the width it finds there (in = out), with an identity shortcut, kernel
// `kernelSize` and expand ratio `expandRatio`. Always consistent; refused only for a bad position,
// kernel (odd, 1..31) or expand ratio (>= 1).
ArchConfig addBlock(const ArchConfig& config, int position, int kernelSize = 3, double expandRatio = 6,
                    const std::string& displayName = "MCUNet config");

// Removes block `blockIndex`. When it was a stage's first block (it changed width or stride) and
// the next block belongs to the same stage, that block becomes the stage's first: it takes over
// the removed block's output channels and stride and drops its shortcut, so the network keeps
// its shape. Refused for the only block of a network.
ArchConfig removeBlock(const ArchConfig& config, int blockIndex, const std::string& displayName = "MCUNet config");

// Inserts a copy of block `blockIndex` right after it: same kernel and expand ratio, stride 1,
// in = out = the original's output channels, an identity shortcut. Always consistent.
ArchConfig duplicateBlock(const ArchConfig& config, int blockIndex, const std::string& displayName = "MCUNet config");

// Moves block `from` so that it ends up at index `to` (both 0..blocks.size()-1). Widths are
// re-chained; refused (with the reason checkArchConfig gives, e.g. a shortcut whose in and out
// no longer match) when the moved order is not one network.
ArchConfig moveBlock(const ArchConfig& config, int from, int to, const std::string& displayName = "MCUNet config");

struct StageSpan {
    int firstBlock = 0;  // index into blocks
    int depth = 0;       // number of blocks, the first included
};
// The stages of a config in block order (see the header comment). A leading run of shortcut
// blocks right after the first conv counts as a stage of its own.
std::vector<StageSpan> stages(const ArchConfig& config);

// Makes stage `stageIndex` `depth` blocks deep (1..32): deeper by duplicating its last block,
// shallower by removing its last blocks (all identity-shortcut blocks, so nothing else changes).
ArchConfig setStageDepth(const ArchConfig& config, int stageIndex, int depth,
                         const std::string& displayName = "MCUNet config");

}  // namespace mcunet::arch
