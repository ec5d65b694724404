#include "arch/block_ops.h"

#include <string>

namespace mcunet::arch {

std::vector<int> opsOfBlock(const ir::Graph& lowered, int blockIndex) {
    std::vector<int> ops;
    if (blockIndex < 0) return ops;
    const std::string prefix = "blocks." + std::to_string(blockIndex) + ".";
    for (size_t i = 0; i < lowered.ops.size(); ++i) {
        for (int output : lowered.ops[i].outputs) {
            if (output < 0 || output >= static_cast<int>(lowered.tensors.size())) continue;
            if (lowered.tensors[static_cast<size_t>(output)].name.rfind(prefix, 0) == 0) {
                ops.push_back(static_cast<int>(i));
                break;
            }
        }
    }
    return ops;
}

}  // namespace mcunet::arch
