// Boards are data: resources/boards/*.json, one file per board, plus the user's custom boards
// (the same format) in userBoardsDir().
//
// SRAM is a list of regions. Regions marked "arena" that are adjacent in the address space form
// one block an arena may span (STM32F746: DTCM + SRAM1 + SRAM2 = 320 kB); other regions (CCM
// RAM, caches, small domains) hold stack and buffers. The verdict places the arena in the
// smallest block where it fits together with the board's reserve for stack and other RAM; the
// reserve goes into another region instead when one is large enough (H743: arena in AXI SRAM,
// stack in DTCM), so it only costs arena room where there is nowhere else.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mcunet::device {

struct MemoryRegion {
    std::string name;       // "DTCM", "SRAM1", "AXI SRAM"
    uint64_t address = 0;
    int64_t bytes = 0;
    bool arena = true;      // the tensor arena may live here (false: CCM RAM, caches)
};

// Adjacent arena regions joined: what one arena can span.
struct ArenaBlock {
    std::string name;       // "DTCM+SRAM1+SRAM2"
    uint64_t address = 0;
    int64_t bytes = 0;
};

struct Board {
    std::string id;            // "stm32f412" (file name without .json)
    std::string name;          // "STM32F412 (Nucleo-F412ZG)"
    std::string core;          // "cortex-m4"
    int clockMhz = 0;
    int64_t sramBytes = 0;     // the largest arena block (what one arena can use at most)
    int64_t flashBytes = 0;
    std::vector<MemoryRegion> sramRegions;
    int64_t reserveBytes = 0;  // stack, heap and other RAM the application needs besides the arena
    std::string openocdConfig; // "board/st_nucleo_f4.cfg" or a target file ("target/stm32u5x.cfg")
    std::string openocdInterface;  // with a target file: "interface/stlink.cfg"; "" for board files
    std::string qemuMachine;   // "" when QEMU has no model of this board
    std::string notes;
    bool custom = false;       // a user's board from userBoardsDir()

    int64_t totalSramBytes() const;
};

// Contiguous runs of arena regions, largest first.
std::vector<ArenaBlock> arenaBlocks(const Board& board);

// Where an arena of `arenaBytes` goes with `reserveBytes` for stack and other RAM: the smallest
// block where both fit (the reserve counted in the block only when no other region can hold
// it); when none fits, the largest block, with a negative margin.
struct ArenaPlacement {
    std::string block;            // "" when the board has no arena region
    int64_t blockBytes = 0;
    int64_t reserveInBlockBytes = 0;  // the part of the reserve that shares the arena's block
    std::string reserveRegion;    // where the reserve goes ("" when in the arena's block or 0)
    int64_t marginBytes = 0;      // blockBytes - arena - reserveInBlockBytes
    bool fits = false;
};
ArenaPlacement placeArena(const Board& board, int64_t arenaBytes, int64_t reserveBytes);

// What is wrong with a board description (empty: usable), e.g. "clock must be positive".
std::vector<std::string> validateBoard(const Board& board);

// The board every front end starts from (the CLI's --board default, the studio's first choice):
// STM32F412, the MCUNet paper's 256 kB SRAM / 1 MB Flash target.
std::string defaultBoardName();

// Where custom boards are saved: $XDG_CONFIG_HOME/mcunet-studio/boards (~/.config/... when
// XDG_CONFIG_HOME is unset).
std::string userBoardsDir();

// All boards: the built-in ones in `dir` (default: MCUNET_RESOURCES_DIR/boards) and the custom
// ones in `userDir` (default userBoardsDir(); a missing folder is no error), sorted by id. A
// custom file that is invalid or reuses a built-in id is left out and named in `problems`.
struct BoardCatalogue {
    std::vector<Board> boards;
    std::vector<std::string> problems;
};
BoardCatalogue loadBoardCatalogue(const std::string& dir = {}, const std::string& userDir = userBoardsDir());

// The built-in boards in `dir` only (default: MCUNET_RESOURCES_DIR/boards), sorted by id, then
// the valid custom boards.
std::vector<Board> loadBoards(const std::string& dir = {});
// Board by id or name, case-insensitive; throws mcunet::Error(InvalidArgument) listing the known ids.
Board findBoard(const std::string& idOrName, const std::string& dir = {});

// Reads one board file; throws mcunet::Error(CorruptFile) naming the file and the field.
Board readBoardFile(const std::string& path);
// Saves `board` as <id>.json in `userDir` (id from the name when empty: "my-board") and returns
// the path. Throws InvalidArgument with validateBoard's problems, or when the id is a built-in's.
std::string saveCustomBoard(Board board, const std::string& userDir = userBoardsDir());
// Removes a custom board's file; false when there was none.
bool removeCustomBoard(const std::string& id, const std::string& userDir = userBoardsDir());

}  // namespace mcunet::device
