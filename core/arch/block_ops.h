// Which ops of a lowered MCUNet config belong to which block, so an editor can point at the
// layers a block became. lowerArch names every tensor a block produces "blocks.N.…"
// (expand, depthwise, project, add); this reads that naming back.
#pragma once

#include <vector>

#include "ir/graph.h"

namespace mcunet::arch {

// The graph ops (execution order) that lowerArch made for blocks[blockIndex]; empty
// for a zero (identity) block, an index out of range or a graph not lowered from a config.
std::vector<int> opsOfBlock(const ir::Graph& lowered, int blockIndex);

}  // namespace mcunet::arch
