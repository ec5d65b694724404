// Boards are data: resources/boards/*.json, one file per board.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mcunet::device {

struct Board {
    std::string id;            // "stm32f412" (file name without .json)
    std::string name;          // "STM32F412 Nucleo-144"
    std::string core;          // "cortex-m4"
    int clockMhz = 0;
    int64_t sramBytes = 0;
    int64_t flashBytes = 0;
    std::string openocdConfig; // "board/st_nucleo_f4.cfg"
    std::string qemuMachine;   // "" when QEMU has no model of this board
};

// The board every front end starts from (the CLI's --board default, the studio's first choice):
// STM32F412, the MCUNet paper's 256 kB SRAM / 1 MB Flash target.
std::string defaultBoardName();

// All boards in `dir` (default: MCUNET_RESOURCES_DIR/boards), sorted by id.
std::vector<Board> loadBoards(const std::string& dir = {});
// Board by id or name, case-insensitive; throws mcunet::Error(InvalidArgument) listing the known ids.
Board findBoard(const std::string& idOrName, const std::string& dir = {});

}  // namespace mcunet::device
