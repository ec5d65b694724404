// Network-editor edits on the real MCUNet 256kB-1MB config: widths flow through a stage,
// impossible edits are refused with the reason.
#include <gtest/gtest.h>

#include <functional>

#include "arch/arch_edit.h"
#include "io/mcunet_config.h"
#include "util/error.h"

using namespace mcunet;
using namespace mcunet::io;
using namespace mcunet::arch;

namespace {
const std::string kConfig = std::string(MCUNET_SHARED_DIR) + "/zoo/mcunet-256kb-1mb_imagenet.json";

std::string refusal(const std::function<void()>& edit) {
    try {
        edit();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
        return e.what();
    }
    return "(accepted)";
}
}  // namespace

TEST(ConfigEdit, OutChannelsFlowThroughTheStage) {
    const McunetConfig config = readMcunetConfig(kConfig);
    // blocks[5] maps 16 -> 24 (stride 2), blocks[6..7] keep 24 with shortcuts, blocks[8] goes to 40.
    const McunetConfig edited = editBlock(config, 5, BlockField::OutChannels, 32);
    EXPECT_EQ(edited.blocks[5].conv.outChannels, 32);
    EXPECT_EQ(edited.blocks[6].conv.inChannels, 32);
    EXPECT_EQ(edited.blocks[6].conv.outChannels, 32);
    EXPECT_EQ(edited.blocks[6].conv.midChannels, 192);  // explicit mid follows 32 x 6
    EXPECT_EQ(edited.blocks[6].shortcut->inChannels, 32);
    EXPECT_EQ(edited.blocks[7].conv.outChannels, 32);
    EXPECT_EQ(edited.blocks[8].conv.inChannels, 32);
    EXPECT_EQ(edited.blocks[8].conv.outChannels, 40);
    EXPECT_EQ(edited.blocks[8].conv.midChannels, 128);  // 32 x 4
    EXPECT_EQ(config.blocks[5].conv.outChannels, 24);   // the input is untouched
}

TEST(ConfigEdit, LastBlockWidthReachesClassifier) {
    const McunetConfig config = readMcunetConfig(kConfig);
    const McunetConfig edited = editBlock(config, 17, BlockField::OutChannels, 192);
    EXPECT_EQ(edited.classifier.inFeatures, 192);
}

TEST(ConfigEdit, KernelExpandStrideShortcut) {
    const McunetConfig config = readMcunetConfig(kConfig);
    EXPECT_EQ(editBlock(config, 3, BlockField::KernelSize, 7).blocks[3].conv.kernelSize, 7);
    const McunetConfig expanded = editBlock(config, 3, BlockField::ExpandRatio, 6);
    EXPECT_EQ(expanded.blocks[3].conv.midChannels, 96);
    EXPECT_FALSE(editBlock(config, 3, BlockField::Shortcut, 0).blocks[3].shortcut.has_value());
    const McunetConfig strided = editBlock(editBlock(config, 3, BlockField::Shortcut, 0), 3, BlockField::Stride, 2);
    EXPECT_EQ(strided.blocks[3].conv.stride, 2);
    EXPECT_EQ(withResolution(config, 128).inputResolution(), 128);
}

TEST(ConfigEdit, RefusesWithReason) {
    const McunetConfig config = readMcunetConfig(kConfig);
    EXPECT_EQ(refusal([&] { editBlock(config, 3, BlockField::KernelSize, 4); }),
              "MCUNet config: blocks[3]: kernel size must be an odd positive integer, got 4");
    EXPECT_EQ(refusal([&] { editBlock(config, 3, BlockField::Stride, 2); }),
              "MCUNet config: blocks[3]: a block with an identity shortcut must keep stride 1; remove the shortcut first");
    EXPECT_EQ(refusal([&] { editBlock(config, 6, BlockField::OutChannels, 32); }),
              "MCUNet config: blocks[6]: this block has an identity shortcut, so its output channels must equal its "
              "input (24); change the first block of the stage or remove the shortcut");
    EXPECT_EQ(refusal([&] { editBlock(config, 5, BlockField::Shortcut, 1); }),
              "MCUNet config: blocks[5]: an identity shortcut needs stride 1 and output channels equal to the input "
              "(16); this block has stride 2 and 24 output channels");
    EXPECT_EQ(refusal([&] { editBlock(config, 18, BlockField::KernelSize, 3); }),
              "MCUNet config: there is no block 18 (the config has 18)");
    EXPECT_EQ(refusal([&] { withResolution(config, 4); }),
              "MCUNet config: resolution must be between 8 and 1024 pixels, got 4");
}

TEST(ConfigEdit, ScaleWidthRoundsToMultiplesOfEight) {
    const McunetConfig config = readMcunetConfig(kConfig);
    const McunetConfig half = scaleWidth(config, 0.5);
    EXPECT_EQ(half.firstConv.outChannels, 8);
    EXPECT_EQ(half.blocks[0].conv.inChannels, 8);
    EXPECT_EQ(half.blocks[17].conv.outChannels, 80);
    EXPECT_EQ(half.classifier.inFeatures, 80);
    EXPECT_NO_THROW(lowerMcunetConfig(half));
}

// ---- block edits: add / remove / duplicate / move, stage depth ----

TEST(ArchBlockEdit, StagesOfMcunet256kb) {
    const ArchConfig config = readMcunetConfig(kConfig);
    const std::vector<StageSpan> spans = stages(config);
    // blocks 0 | 1-4 | 5-7 | 8-9 | 10-12 | 13-16 | 17: a block without shortcut opens a stage.
    ASSERT_EQ(spans.size(), 7u);
    const int firsts[] = {0, 1, 5, 8, 10, 13, 17}, depths[] = {1, 4, 3, 2, 3, 4, 1};
    for (size_t i = 0; i < spans.size(); ++i) {
        EXPECT_EQ(spans[i].firstBlock, firsts[i]) << i;
        EXPECT_EQ(spans[i].depth, depths[i]) << i;
    }
}

TEST(ArchBlockEdit, AddBlockKeepsTheWidthItFinds) {
    const ArchConfig config = readMcunetConfig(kConfig);
    const ArchConfig added = addBlock(config, 8, 5, 4);  // between blocks 7 (24 ch) and 8
    ASSERT_EQ(added.blocks.size(), 19u);
    const BlockConfig& b = added.blocks[8];
    EXPECT_EQ(b.conv.inChannels, 24);
    EXPECT_EQ(b.conv.outChannels, 24);
    EXPECT_EQ(b.conv.kernelSize, 5);
    EXPECT_EQ(b.conv.stride, 1);
    EXPECT_EQ(b.conv.midChannels, 96);  // MCUNet's file states mid_channels: so does the new block
    ASSERT_TRUE(b.shortcut.has_value());
    EXPECT_EQ(b.shortcut->inChannels, 24);
    EXPECT_EQ(added.blocks[9].conv.outChannels, 40);  // the old blocks[8]
    EXPECT_EQ(stages(added)[2].depth, 4);
    EXPECT_EQ(addBlock(config, 18).blocks[18].conv.inChannels, 160);  // appended after the last
    EXPECT_EQ(refusal([&] { addBlock(config, 19); }), "MCUNet config: a block can be added at positions 0 to 18, not 19");
    EXPECT_EQ(refusal([&] { addBlock(config, 0, 4); }),
              "MCUNet config: the new block's kernel size must be an odd integer from 1 to 31, got 4");
    EXPECT_EQ(refusal([&] { addBlock(config, 0, 3, 0.5); }),
              "MCUNet config: the new block's expand ratio must be from 1 to 64, got 0.5");
}

TEST(ArchBlockEdit, RemovingAStagesFirstBlockHandsItsWidthOn) {
    const ArchConfig config = readMcunetConfig(kConfig);
    // blocks[5] is 16 -> 24 stride 2; blocks[6] (24, shortcut) becomes the stage's first block.
    const ArchConfig removed = removeBlock(config, 5);
    ASSERT_EQ(removed.blocks.size(), 17u);
    EXPECT_EQ(removed.blocks[5].conv.inChannels, 16);
    EXPECT_EQ(removed.blocks[5].conv.outChannels, 24);
    EXPECT_EQ(removed.blocks[5].conv.stride, 2);
    EXPECT_FALSE(removed.blocks[5].shortcut.has_value());
    EXPECT_EQ(removed.blocks[5].conv.midChannels, 96);  // 16 x 6
    EXPECT_EQ(removed.blocks[6].conv.inChannels, 24);
    // Removing a shortcut block changes nothing else; removing a one-block stage re-chains.
    const ArchConfig shallower = removeBlock(config, 3);
    EXPECT_EQ(shallower.blocks.size(), 17u);
    EXPECT_EQ(stages(shallower)[1].depth, 3);
    const ArchConfig noLast = removeBlock(config, 17);
    EXPECT_EQ(noLast.classifier.inFeatures, 96);
    EXPECT_EQ(refusal([&] { removeBlock(config, 18); }), "MCUNet config: there is no block 18 (the config has 18)");
    ArchConfig single = config;
    single.blocks.resize(1);
    single.classifier.inFeatures = 8;
    EXPECT_EQ(refusal([&] { removeBlock(single, 0); }), "MCUNet config: the network's only block cannot be removed");
}

TEST(ArchBlockEdit, DuplicateMakesAStride1ShortcutCopy) {
    const ArchConfig config = readMcunetConfig(kConfig);
    const ArchConfig doubled = duplicateBlock(config, 13);  // 48 -> 96, k5, e6, stride 2
    ASSERT_EQ(doubled.blocks.size(), 19u);
    const BlockConfig& copy = doubled.blocks[14];
    EXPECT_EQ(copy.conv.inChannels, 96);
    EXPECT_EQ(copy.conv.outChannels, 96);
    EXPECT_EQ(copy.conv.kernelSize, 5);
    EXPECT_EQ(copy.conv.expandRatio, 6);
    EXPECT_EQ(copy.conv.stride, 1);
    EXPECT_EQ(copy.conv.midChannels, 576);
    ASSERT_TRUE(copy.shortcut.has_value());
    EXPECT_EQ(copy.shortcut->outChannels, 96);
    EXPECT_EQ(stages(doubled)[5].depth, 5);
    EXPECT_NO_THROW(lowerMcunetConfig(doubled));
}

TEST(ArchBlockEdit, MoveWithinAStageOrRefuseWithTheReason) {
    const ArchConfig config = readMcunetConfig(kConfig);
    const ArchConfig moved = moveBlock(config, 2, 4);  // k7 e6 block to the stage's end
    EXPECT_EQ(moved.blocks[4].conv.kernelSize, 7);
    EXPECT_EQ(moved.blocks[2].conv.kernelSize, 3);
    EXPECT_EQ(moved.blocks[3].conv.kernelSize, 5);
    // Moving a width-changing block into another stage leaves a shortcut with in != out.
    EXPECT_EQ(refusal([&] { moveBlock(config, 5, 3); }),
              "MCUNet config: moving blocks[5] to position 3 is not possible: it leaves blocks[4].shortcut: an "
              "identity shortcut needs in_channels = out_channels, the block maps 24 to 16");
    EXPECT_EQ(refusal([&] { moveBlock(config, 0, 18); }), "MCUNet config: a block can move to positions 0 to 17, not 18");
}

TEST(ArchBlockEdit, StageDepth) {
    const ArchConfig config = readMcunetConfig(kConfig);
    const ArchConfig deeper = setStageDepth(config, 3, 4);  // blocks 8-9 -> 4 blocks
    EXPECT_EQ(deeper.blocks.size(), 20u);
    EXPECT_EQ(stages(deeper)[3].depth, 4);
    EXPECT_EQ(deeper.blocks[11].conv.kernelSize, 5);  // copies of the stage's last block (k5 e5)
    EXPECT_EQ(deeper.blocks[11].conv.expandRatio, 5);
    EXPECT_EQ(deeper.blocks[12].conv.outChannels, 48);  // the next stage is untouched
    const ArchConfig shallower = setStageDepth(config, 1, 1);
    EXPECT_EQ(shallower.blocks.size(), 15u);
    EXPECT_EQ(shallower.blocks[2].conv.outChannels, 24);  // blocks[5] of the original
    EXPECT_EQ(refusal([&] { setStageDepth(config, 7, 2); }), "MCUNet config: there is no stage 7 (the config has 7)");
    EXPECT_EQ(refusal([&] { setStageDepth(config, 0, 0); }),
              "MCUNet config: a stage's depth must be from 1 to 32 blocks, got 0");
}
