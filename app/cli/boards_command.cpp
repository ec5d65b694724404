#include <cstdio>

#include "command.h"
#include "device/board.h"
#include "format.h"
#include "report/json_export.h"

namespace mcunet::cli {

int runBoards(const Args& args) {
    const std::vector<device::Board> boards = device::loadBoards();
    if (args.has("json")) {
        nlohmann::json json = nlohmann::json::array();
        for (const auto& board : boards) json.push_back(report::toJson(board));
        std::printf("%s\n", json.dump(2).c_str());
        return 0;
    }
    Table table({"id", "name", "core", "MHz", "SRAM", "Flash", "OpenOCD"}, {false, false, false, true, true, true, false});
    for (const auto& board : boards)
        table.addRow({board.id, board.name, board.core, std::to_string(board.clockMhz), kiloBytes(board.sramBytes),
                      kiloBytes(board.flashBytes), board.openocdConfig});
    std::printf("%s", table.render().c_str());
    return 0;
}

}  // namespace mcunet::cli
