#include "device/board.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "util/error.h"

namespace mcunet::device {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string boardsDir(const std::string& dir) {
    return dir.empty() ? std::string(MCUNET_RESOURCES_DIR) + "/boards" : dir;
}

Board parseBoard(const std::filesystem::path& path) {
    std::ifstream in(path);
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
        Board board;
        board.id = path.stem().string();
        board.name = json.at("name").get<std::string>();
        board.core = json.at("core").get<std::string>();
        board.clockMhz = json.at("clock_mhz").get<int>();
        board.sramBytes = json.at("sram_kb").get<int64_t>() * 1024;
        board.flashBytes = json.at("flash_kb").get<int64_t>() * 1024;
        board.openocdConfig = json.value("openocd_config", "");
        board.qemuMachine = json.value("qemu_machine", "");
        return board;
    } catch (const nlohmann::json::exception& e) {
        throw fileError(ErrorCode::CorruptFile, path.string(),
                        std::string("not a valid board description (") + e.what() + ")");
    }
}

}  // namespace

std::string defaultBoardName() { return "stm32f412"; }

std::vector<Board> loadBoards(const std::string& dir) {
    const std::string folder = boardsDir(dir);
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw fileError(ErrorCode::FileNotFound, folder, "board folder not found; reinstall MCUNet Studio's resources");
    std::vector<Board> boards;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().extension() == ".json") boards.push_back(parseBoard(entry.path()));
    std::sort(boards.begin(), boards.end(), [](const Board& a, const Board& b) { return a.id < b.id; });
    return boards;
}

Board findBoard(const std::string& idOrName, const std::string& dir) {
    const std::vector<Board> boards = loadBoards(dir);
    const std::string wanted = lower(idOrName);
    std::string known;
    for (const Board& board : boards) {
        if (lower(board.id) == wanted || lower(board.name) == wanted) return board;
        known += (known.empty() ? "" : ", ") + board.id;
    }
    throw Error(ErrorCode::InvalidArgument, "unknown board '" + idOrName + "'; known boards: " + known);
}

}  // namespace mcunet::device
