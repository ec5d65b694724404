#include <cstdio>

#include "command.h"
#include "device/board.h"
#include "format.h"
#include "report/json_export.h"

namespace mcunet::cli {

int runBoards(const Args& args) {
    const device::BoardCatalogue catalogue = device::loadBoardCatalogue();
    const std::vector<device::Board>& boards = catalogue.boards;
    for (const std::string& problem : catalogue.problems) std::fprintf(stderr, "warning: %s\n", problem.c_str());
    if (args.has("json")) {
        nlohmann::json json = nlohmann::json::array();
        for (const auto& board : boards) json.push_back(report::toJson(board));
        std::printf("%s\n", json.dump(2).c_str());
        return 0;
    }
    Table table({"id", "name", "core", "MHz", "arena SRAM", "all SRAM", "reserve", "Flash", "OpenOCD / QEMU"},
                {false, false, false, true, true, true, true, true, false});
    for (const auto& board : boards) {
        const std::vector<device::ArenaBlock> blocks = device::arenaBlocks(board);
        std::string tools = board.openocdConfig;
        if (!board.qemuMachine.empty()) tools += (tools.empty() ? "" : ", ") + std::string("qemu ") + board.qemuMachine;
        table.addRow({board.id + (board.custom ? " (custom)" : ""), board.name, board.core, std::to_string(board.clockMhz),
                      kiloBytes(board.sramBytes) + (blocks.empty() ? "" : " " + blocks.front().name),
                      kiloBytes(board.totalSramBytes()), kiloBytes(board.reserveBytes), kiloBytes(board.flashBytes),
                      tools.empty() ? "-" : tools});
    }
    std::printf("default board: %s (used when --board is not given)\n", device::defaultBoardName().c_str());
    std::printf("%s", table.render().c_str());
    return 0;
}

}  // namespace mcunet::cli
