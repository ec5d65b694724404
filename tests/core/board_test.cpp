// The board catalogue: every file loads and is valid, split SRAM regions, the reserve in the
// verdict, custom boards saved and loaded from a user folder, one default board.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis/model_analysis.h"
#include "device/board.h"
#include "io/tflite_reader.h"
#include "util/error.h"

using namespace mcunet;

namespace {

namespace fs = std::filesystem;

// A scratch user folder per test, so custom boards never touch the real configuration.
fs::path scratchUserDir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("mcunet_boards_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

bool openocdShips(const std::string& file) {
    return fs::exists("/usr/share/openocd/scripts/" + file);
}

}  // namespace

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
    EXPECT_EQ(h743.sramBytes, 512 * 1024);  // the AXI SRAM block
    EXPECT_EQ(h743.flashBytes, 2048 * 1024);
}

TEST(Boards, TheCatalogueCoversWhatUsersDeployToAndEveryFileIsValid) {
    const device::BoardCatalogue catalogue = device::loadBoardCatalogue({}, scratchUserDir("catalogue").string());
    EXPECT_TRUE(catalogue.problems.empty());
    for (const char* id : {"stm32f411", "stm32f412", "stm32f429", "stm32f446", "stm32f746", "stm32f767", "stm32h743",
                           "stm32l476", "stm32u575", "stm32g474", "nrf52840", "rp2040", "esp32s3", "imxrt1060",
                           "mps2-an386", "mps2-an500", "netduinoplus2"}) {
        const auto it = std::find_if(catalogue.boards.begin(), catalogue.boards.end(),
                                     [&](const device::Board& b) { return b.id == id; });
        ASSERT_NE(it, catalogue.boards.end()) << id;
        EXPECT_TRUE(device::validateBoard(*it).empty()) << id;
        EXPECT_FALSE(it->custom);
        EXPECT_GT(it->sramBytes, 0) << id;
        EXPECT_LE(it->sramBytes, it->totalSramBytes()) << id;
        EXPECT_FALSE(it->notes.empty()) << id;
        // A board is reachable by a probe (OpenOCD) or by QEMU, and what it names ships.
        EXPECT_TRUE(!it->openocdConfig.empty() || !it->qemuMachine.empty() || std::string(id) == "imxrt1060") << id;
        if (!it->openocdConfig.empty()) {
            EXPECT_TRUE(openocdShips(it->openocdConfig)) << id << ": " << it->openocdConfig;
        }
        if (!it->openocdInterface.empty()) {
            EXPECT_TRUE(openocdShips(it->openocdInterface)) << id << ": " << it->openocdInterface;
        }
    }
    // Emulated boards are the QEMU machines the engine's tests run on.
    EXPECT_EQ(device::findBoard("mps2-an386").core, "cortex-m4");
    EXPECT_EQ(device::findBoard("mps2-an500").core, "cortex-m7");
    EXPECT_EQ(device::findBoard("netduinoplus2").qemuMachine, "netduinoplus2");
}

TEST(Boards, SplitRegionsJoinIntoTheBlocksAnArenaCanSpan) {
    // F746: DTCM 64 kB + SRAM1 240 kB + SRAM2 16 kB are adjacent: one 320 kB block.
    const auto f746 = device::arenaBlocks(device::findBoard("stm32f746"));
    ASSERT_EQ(f746.size(), 1u);
    EXPECT_EQ(f746[0].name, "DTCM+SRAM1+SRAM2");
    EXPECT_EQ(f746[0].bytes, 320 * 1024);
    // H743: DTCM 128 kB, AXI SRAM 512 kB, SRAM1-3 288 kB (D2), SRAM4 64 kB (D3): four blocks.
    const device::Board h743 = device::findBoard("stm32h743");
    const auto blocks = device::arenaBlocks(h743);
    ASSERT_EQ(blocks.size(), 4u);
    EXPECT_EQ(blocks[0].name, "AXI SRAM");
    EXPECT_EQ(blocks[1].name, "SRAM1+SRAM2+SRAM3");
    EXPECT_EQ(blocks[1].bytes, 288 * 1024);
    EXPECT_EQ(h743.totalSramBytes(), 992 * 1024);
    // F429: the CCM RAM is not for the arena.
    EXPECT_EQ(device::findBoard("stm32f429").sramBytes, 192 * 1024);
}

TEST(Boards, TheArenaGoesIntoTheSmallestBlockWhereItFits) {
    const device::Board h743 = device::findBoard("stm32h743");
    // 100 kB fits DTCM (128 kB); the 16 kB reserve goes to another region (SRAM4's 64 kB block is
    // too small for the arena, DTCM is the arena's): margin 128 - 100 kB.
    device::ArenaPlacement small = device::placeArena(h743, 100 * 1024, 16 * 1024);
    EXPECT_TRUE(small.fits);
    EXPECT_EQ(small.block, "DTCM");
    EXPECT_EQ(small.reserveInBlockBytes, 0);
    EXPECT_EQ(small.marginBytes, 28 * 1024);
    // 200 kB: SRAM1-3 (288 kB); 400 kB: AXI SRAM; 600 kB fits nowhere: the largest block, over.
    EXPECT_EQ(device::placeArena(h743, 200 * 1024, 16 * 1024).block, "SRAM1+SRAM2+SRAM3");
    EXPECT_EQ(device::placeArena(h743, 400 * 1024, 16 * 1024).block, "AXI SRAM");
    const device::ArenaPlacement big = device::placeArena(h743, 600 * 1024, 16 * 1024);
    EXPECT_FALSE(big.fits);
    EXPECT_EQ(big.block, "AXI SRAM");
    EXPECT_EQ(big.marginBytes, (512 - 600) * 1024);
    // F429: the 8 kB reserve lives in the 64 kB CCM, the arena has all 192 kB.
    const device::ArenaPlacement f429 = device::placeArena(device::findBoard("stm32f429"), 192 * 1024, 8 * 1024);
    EXPECT_TRUE(f429.fits);
    EXPECT_EQ(f429.reserveRegion, "CCM");
    // F411: one block, so the reserve shares it.
    const device::ArenaPlacement f411 = device::placeArena(device::findBoard("stm32f411"), 120 * 1024, 8 * 1024);
    EXPECT_EQ(f411.reserveInBlockBytes, 8 * 1024);
    EXPECT_EQ(f411.marginBytes, 0);
    EXPECT_TRUE(f411.fits);
    EXPECT_FALSE(device::placeArena(device::findBoard("stm32f411"), 120 * 1024 + 1, 8 * 1024).fits);
}

TEST(Boards, TheVerdictRespectsTheReserve) {
    const ir::Graph person = io::readTflite(std::string(MCUNET_SHARED_DIR) + "/models/person_detect.tflite");
    const device::Board f412 = device::findBoard("stm32f412");
    const analysis::ModelAnalysis a = analysis::analyzeModel(person, analysis::analysisOptionsFor(f412, ""));
    const int64_t engine = a.engineSramBytes();
    const analysis::BoardFit bare = analysis::checkFit(a, f412);  // the board's reserve: 0
    EXPECT_EQ(bare.engineSram.marginBytes, 262144 - engine);
    EXPECT_EQ(bare.engineSram.region, "SRAM1");
    const analysis::BoardFit reserved = analysis::checkFit(a, f412, 64 * 1024);
    EXPECT_EQ(reserved.engineSram.reserveBytes, 64 * 1024);
    EXPECT_EQ(reserved.engineSram.marginBytes, 262144 - engine - 65536);
    EXPECT_EQ(reserved.tflmSram.marginBytes, 262144 - a.tflmSramBytes() - 65536);
    // A reserve that leaves too little room flips the verdict.
    const analysis::BoardFit tight = analysis::checkFit(a, f412, 262144 - engine + 1);
    EXPECT_FALSE(tight.engineSram.fits);
    EXPECT_EQ(tight.engineSram.marginBytes, -1);
    // The board's own reserve is the default (F411: 8 kB in its single block).
    const device::Board f411 = device::findBoard("stm32f411");
    const analysis::BoardFit f411Fit = analysis::checkFit(a, f411);
    EXPECT_EQ(f411Fit.engineSram.marginBytes, 131072 - engine - 8192);
}

TEST(Boards, CustomBoardsAreSavedLoadedAndListedBesideTheBuiltInOnes) {
    const fs::path dir = scratchUserDir("custom");
    device::Board board;
    board.name = "My Sensor Board";
    board.core = "cortex-m4";
    board.clockMhz = 120;
    board.flashBytes = 512 * 1024;
    board.sramRegions = {{"SRAM", 0x20000000, 96 * 1024, true}, {"CCM", 0x10000000, 32 * 1024, false}};
    board.reserveBytes = 4 * 1024;
    const std::string path = device::saveCustomBoard(board, dir.string());
    EXPECT_EQ(fs::path(path).filename(), "my-sensor-board.json");

    const device::Board read = device::readBoardFile(path);
    EXPECT_EQ(read.name, "My Sensor Board");
    EXPECT_EQ(read.sramBytes, 96 * 1024);
    EXPECT_EQ(read.totalSramBytes(), 128 * 1024);
    EXPECT_EQ(read.reserveBytes, 4096);
    ASSERT_EQ(read.sramRegions.size(), 2u);
    EXPECT_EQ(read.sramRegions[1].address, 0x10000000u);
    EXPECT_FALSE(read.sramRegions[1].arena);

    const device::BoardCatalogue catalogue = device::loadBoardCatalogue({}, dir.string());
    const auto it = std::find_if(catalogue.boards.begin(), catalogue.boards.end(),
                                 [](const device::Board& b) { return b.id == "my-sensor-board"; });
    ASSERT_NE(it, catalogue.boards.end());
    EXPECT_TRUE(it->custom);

    // A broken custom file is named, the rest still loads; a built-in id cannot be taken.
    std::ofstream(dir / "broken.json") << "{\"name\": \"x\"";
    const device::BoardCatalogue withBroken = device::loadBoardCatalogue({}, dir.string());
    ASSERT_EQ(withBroken.problems.size(), 1u);
    EXPECT_NE(withBroken.problems[0].find("broken.json"), std::string::npos) << withBroken.problems[0];
    EXPECT_EQ(withBroken.boards.size(), catalogue.boards.size());
    board.id = "stm32f412";
    EXPECT_THROW(device::saveCustomBoard(board, dir.string()), Error);
    EXPECT_TRUE(device::removeCustomBoard("my-sensor-board", dir.string()));
    EXPECT_FALSE(device::removeCustomBoard("my-sensor-board", dir.string()));
    fs::remove_all(dir);
}

TEST(Boards, InvalidCustomBoardsAreExplained) {
    device::Board board;
    board.name = "Bad";
    board.core = "cortex-m4";
    board.clockMhz = 0;
    board.flashBytes = 0;
    board.sramRegions = {{"A", 0x20000000, 64 * 1024, true}, {"B", 0x20008000, 64 * 1024, true}};
    const auto problems = device::validateBoard(board);
    auto has = [&](const std::string& text) {
        return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p.find(text) != std::string::npos; });
    };
    EXPECT_TRUE(has("clock"));
    EXPECT_TRUE(has("Flash"));
    EXPECT_TRUE(has("overlap"));
    try {
        device::saveCustomBoard(board, scratchUserDir("invalid").string());
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("clock"), std::string::npos) << error.what();
    }
}

TEST(Boards, OneDefaultBoardForTheCliAndTheStudio) {
    EXPECT_EQ(device::defaultBoardName(), "stm32f412");
    EXPECT_NO_THROW(device::findBoard(device::defaultBoardName()));
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
