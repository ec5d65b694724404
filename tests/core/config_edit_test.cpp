// Network-editor edits on the real MCUNet 256kB-1MB config: widths flow through a stage,
// impossible edits are refused with the reason.
#include <gtest/gtest.h>

#include <functional>

#include "io/config_edit.h"
#include "util/error.h"

using namespace mcunet;
using namespace mcunet::io;

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
