#include <gtest/gtest.h>

#include "device/board.h"
#include "util/error.h"

using namespace mcunet;

TEST(Boards, TheThreeReferenceBoardsAreDescribedExactly) {
    const auto f412 = device::findBoard("stm32f412");
    EXPECT_EQ(f412.core, "cortex-m4");
    EXPECT_EQ(f412.clockMhz, 100);
    EXPECT_EQ(f412.sramBytes, 256 * 1024);
    EXPECT_EQ(f412.flashBytes, 1024 * 1024);
    EXPECT_EQ(f412.openocdConfig, "board/st_nucleo_f4.cfg");

    const auto f746 = device::findBoard("STM32F746");  // ids are case-insensitive
    EXPECT_EQ(f746.core, "cortex-m7");
    EXPECT_EQ(f746.clockMhz, 216);
    EXPECT_EQ(f746.sramBytes, 327680);  // 320 kB as in the datasheet, kB = 1024 B
    EXPECT_EQ(f746.flashBytes, 1024 * 1024);

    const auto h743 = device::findBoard("stm32h743");
    EXPECT_EQ(h743.clockMhz, 480);
    EXPECT_EQ(h743.sramBytes, 512 * 1024);
    EXPECT_EQ(h743.flashBytes, 2048 * 1024);
}

TEST(Boards, EveryBoardNamesAnOpenOcdConfigThatOpenOcdShips) {
    const auto boards = device::loadBoards();
    ASSERT_GE(boards.size(), 3u);
    for (const auto& board : boards) {
        EXPECT_FALSE(board.openocdConfig.empty()) << board.id;
        if (std::FILE* f = std::fopen(("/usr/share/openocd/scripts/" + board.openocdConfig).c_str(), "r"))
            std::fclose(f);
        else
            ADD_FAILURE() << board.id << ": " << board.openocdConfig << " not in OpenOCD's scripts";
    }
}

TEST(Boards, UnknownBoardListsTheKnownOnes) {
    try {
        device::findBoard("esp32");
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InvalidArgument);
        EXPECT_NE(std::string(error.what()).find("stm32f746"), std::string::npos) << error.what();
    }
}
