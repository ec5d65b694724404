// opsOfBlock on the real MCUNet 256kB-1MB config: each block's ops are the ones its lowering
// made (expand, depthwise, project, and the residual add when it has a shortcut).
#include <gtest/gtest.h>

#include "arch/block_ops.h"
#include "arch/lower.h"
#include "io/mcunet_config.h"

using namespace mcunet;
using mcunet::arch::opsOfBlock;
using mcunet::io::McunetConfig;
using mcunet::io::readMcunetConfig;

namespace {
const std::string kConfig = std::string(MCUNET_SHARED_DIR) + "/zoo/mcunet-256kb-1mb_imagenet.json";
}

TEST(BlockOps, EachBlockOwnsTheOpsItLoweredTo) {
    const McunetConfig config = readMcunetConfig(kConfig);
    const ir::Graph graph = arch::lowerArch(config);
    // blocks[0] has expand ratio 1: depthwise + project, right after the first conv (op 0).
    ASSERT_EQ(config.blocks[0].conv.expandRatio, 1);
    EXPECT_EQ(opsOfBlock(graph, 0), (std::vector<int>{1, 2}));
    std::vector<bool> owned(graph.ops.size(), false);
    for (int block = 0; block < static_cast<int>(config.blocks.size()); ++block) {
        const std::vector<int> ops = opsOfBlock(graph, block);
        const auto& b = config.blocks[static_cast<size_t>(block)];
        const size_t expected = b.zero ? 0 : (b.conv.expandRatio != 1 ? 3 : 2) + (b.shortcut ? 1 : 0);
        EXPECT_EQ(ops.size(), expected) << "block " << block;
        for (size_t i = 0; i < ops.size(); ++i) {
            EXPECT_FALSE(owned[static_cast<size_t>(ops[i])]) << "op " << ops[i] << " in two blocks";
            owned[static_cast<size_t>(ops[i])] = true;
            if (i > 0) {
                EXPECT_EQ(ops[i], ops[i - 1] + 1) << "a block's ops run back to back";
            }
        }
        if (b.shortcut && !ops.empty()) {
            EXPECT_EQ(graph.ops[static_cast<size_t>(ops.back())].kind, ir::OpKind::Add);
        }
    }
    EXPECT_TRUE(opsOfBlock(graph, -1).empty());
    EXPECT_TRUE(opsOfBlock(graph, static_cast<int>(config.blocks.size())).empty());
}
