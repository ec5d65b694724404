#include "device/board.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "util/error.h"

namespace mcunet::device {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string boardsDir(const std::string& dir) {
    return dir.empty() ? std::string(MCUNET_RESOURCES_DIR) + "/boards" : dir;
}

uint64_t parseAddress(const nlohmann::json& value) {
    if (value.is_number_unsigned()) return value.get<uint64_t>();
    const std::string text = value.get<std::string>();
    size_t used = 0;
    const uint64_t address = std::stoull(text, &used, 0);
    if (used != text.size()) throw std::invalid_argument("address '" + text + "' is not a number");
    return address;
}

std::string hexAddress(uint64_t address) {
    char text[24];
    std::snprintf(text, sizeof text, "0x%08llX", static_cast<unsigned long long>(address));
    return text;
}

// The largest block, or the board's sram_kb figure for a description without regions.
void deriveSram(Board& board) {
    const std::vector<ArenaBlock> blocks = arenaBlocks(board);
    board.sramBytes = blocks.empty() ? 0 : blocks.front().bytes;
}

Board parseBoard(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw fileError(ErrorCode::FileNotFound, path.string(), "cannot read the board description");
    try {
        const nlohmann::json json = nlohmann::json::parse(in);
        Board board;
        board.id = path.stem().string();
        board.name = json.at("name").get<std::string>();
        board.core = json.at("core").get<std::string>();
        board.clockMhz = json.at("clock_mhz").get<int>();
        board.flashBytes = json.at("flash_kb").get<int64_t>() * 1024;
        if (json.contains("sram_regions")) {
            for (const auto& region : json.at("sram_regions")) {
                MemoryRegion r;
                r.name = region.at("name").get<std::string>();
                r.address = parseAddress(region.at("address"));
                r.bytes = region.at("kb").get<int64_t>() * 1024;
                r.arena = region.value("arena", true);
                board.sramRegions.push_back(r);
            }
        } else {  // the short form: one SRAM block
            board.sramRegions.push_back({"SRAM", 0x20000000, json.at("sram_kb").get<int64_t>() * 1024, true});
        }
        board.reserveBytes = json.value("reserve_kb", int64_t{0}) * 1024;
        board.openocdConfig = json.value("openocd_config", "");
        board.openocdInterface = json.value("openocd_interface", "");
        board.qemuMachine = json.value("qemu_machine", "");
        board.notes = json.value("notes", "");
        deriveSram(board);
        return board;
    } catch (const nlohmann::json::exception& e) {
        throw fileError(ErrorCode::CorruptFile, path.string(),
                        std::string("not a valid board description (") + e.what() + ")");
    } catch (const std::logic_error& e) {  // stoull / invalid_argument / out_of_range
        throw fileError(ErrorCode::CorruptFile, path.string(),
                        std::string("not a valid board description (") + e.what() + ")");
    }
}

nlohmann::json boardJson(const Board& board) {
    nlohmann::json regions = nlohmann::json::array();
    for (const MemoryRegion& r : board.sramRegions)
        regions.push_back({{"name", r.name}, {"address", hexAddress(r.address)}, {"kb", r.bytes / 1024}, {"arena", r.arena}});
    nlohmann::json json = {{"name", board.name},
                           {"core", board.core},
                           {"clock_mhz", board.clockMhz},
                           {"flash_kb", board.flashBytes / 1024},
                           {"sram_regions", regions},
                           {"reserve_kb", board.reserveBytes / 1024}};
    if (!board.openocdConfig.empty()) json["openocd_config"] = board.openocdConfig;
    if (!board.openocdInterface.empty()) json["openocd_interface"] = board.openocdInterface;
    if (!board.qemuMachine.empty()) json["qemu_machine"] = board.qemuMachine;
    if (!board.notes.empty()) json["notes"] = board.notes;
    return json;
}

std::string idFromName(const std::string& name) {
    std::string id;
    for (unsigned char c : name) {
        if (std::isalnum(c)) id += static_cast<char>(std::tolower(c));
        else if (!id.empty() && id.back() != '-') id += '-';
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return id;
}

std::vector<Board> readFolder(const std::string& folder, bool custom, std::vector<std::string>* problems) {
    std::vector<Board> boards;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return boards;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.path().extension() != ".json") continue;
        if (!custom) {
            boards.push_back(parseBoard(entry.path()));
            continue;
        }
        try {
            Board board = parseBoard(entry.path());
            board.custom = true;
            const auto wrong = validateBoard(board);
            if (!wrong.empty()) {
                std::string text;
                for (const auto& w : wrong) text += (text.empty() ? "" : "; ") + w;
                problems->push_back(entry.path().string() + ": " + text);
                continue;
            }
            boards.push_back(std::move(board));
        } catch (const Error& e) {
            problems->push_back(e.what());
        }
    }
    return boards;
}

}  // namespace

int64_t Board::totalSramBytes() const {
    int64_t total = 0;
    for (const MemoryRegion& region : sramRegions) total += region.bytes;
    return total;
}

std::vector<ArenaBlock> arenaBlocks(const Board& board) {
    std::vector<MemoryRegion> regions;
    for (const MemoryRegion& region : board.sramRegions)
        if (region.arena && region.bytes > 0) regions.push_back(region);
    std::sort(regions.begin(), regions.end(), [](const MemoryRegion& a, const MemoryRegion& b) { return a.address < b.address; });
    std::vector<ArenaBlock> blocks;
    for (const MemoryRegion& region : regions) {
        if (!blocks.empty() && blocks.back().address + static_cast<uint64_t>(blocks.back().bytes) == region.address) {
            blocks.back().name += "+" + region.name;
            blocks.back().bytes += region.bytes;
        } else {
            blocks.push_back({region.name, region.address, region.bytes});
        }
    }
    std::stable_sort(blocks.begin(), blocks.end(), [](const ArenaBlock& a, const ArenaBlock& b) { return a.bytes > b.bytes; });
    return blocks;
}

ArenaPlacement placeArena(const Board& board, int64_t arenaBytes, int64_t reserveBytes) {
    const std::vector<ArenaBlock> blocks = arenaBlocks(board);
    ArenaPlacement best;
    if (blocks.empty()) {
        best.marginBytes = -arenaBytes - reserveBytes;
        return best;
    }
    auto placementIn = [&](const ArenaBlock& block) {
        ArenaPlacement p;
        p.block = block.name;
        p.blockBytes = block.bytes;
        p.reserveInBlockBytes = reserveBytes;
        // Another region outside this block that holds the whole reserve takes it instead.
        for (const MemoryRegion& region : board.sramRegions) {
            const bool inBlock = region.arena && region.address >= block.address &&
                                 region.address < block.address + static_cast<uint64_t>(block.bytes);
            if (reserveBytes > 0 && !inBlock && region.bytes >= reserveBytes) {
                p.reserveInBlockBytes = 0;
                p.reserveRegion = region.name;
                break;
            }
        }
        p.marginBytes = block.bytes - arenaBytes - p.reserveInBlockBytes;
        p.fits = p.marginBytes >= 0;
        return p;
    };
    // Smallest block that fits (blocks are largest first: walk from the back).
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
        const ArenaPlacement p = placementIn(*it);
        if (p.fits) return p;
    }
    return placementIn(blocks.front());
}

std::vector<std::string> validateBoard(const Board& board) {
    std::vector<std::string> problems;
    if (board.name.empty()) problems.push_back("the board needs a name");
    if (board.core.empty()) problems.push_back("the board needs a core (e.g. cortex-m4)");
    if (board.clockMhz <= 0) problems.push_back("the clock must be a positive number of MHz");
    if (board.flashBytes <= 0) problems.push_back("Flash must be at least 1 kB");
    if (board.reserveBytes < 0) problems.push_back("the reserve cannot be negative");
    if (arenaBlocks(board).empty()) problems.push_back("at least one SRAM region must be usable by the arena");
    for (size_t i = 0; i < board.sramRegions.size(); ++i) {
        const MemoryRegion& a = board.sramRegions[i];
        if (a.bytes <= 0) problems.push_back("SRAM region '" + a.name + "' must be at least 1 kB");
        if (a.name.empty()) problems.push_back("every SRAM region needs a name");
        for (size_t j = i + 1; j < board.sramRegions.size(); ++j) {
            const MemoryRegion& b = board.sramRegions[j];
            if (a.bytes > 0 && b.bytes > 0 && a.address < b.address + static_cast<uint64_t>(b.bytes) &&
                b.address < a.address + static_cast<uint64_t>(a.bytes))
                problems.push_back("SRAM regions '" + a.name + "' and '" + b.name + "' overlap");
        }
    }
    return problems;
}

std::string defaultBoardName() { return "stm32f412"; }

std::string userBoardsDir() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    std::string base;
    if (xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = std::string(home) + "/.config";
    else base = ".";
    return base + "/mcunet-studio/boards";
}

BoardCatalogue loadBoardCatalogue(const std::string& dir, const std::string& userDir) {
    const std::string folder = boardsDir(dir);
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw fileError(ErrorCode::FileNotFound, folder, "board folder not found; reinstall MCUNet Studio's resources");
    BoardCatalogue catalogue;
    catalogue.boards = readFolder(folder, false, nullptr);
    std::sort(catalogue.boards.begin(), catalogue.boards.end(), [](const Board& a, const Board& b) { return a.id < b.id; });
    std::vector<Board> custom = readFolder(userDir, true, &catalogue.problems);
    std::sort(custom.begin(), custom.end(), [](const Board& a, const Board& b) { return a.id < b.id; });
    for (Board& board : custom) {
        const bool clash = std::any_of(catalogue.boards.begin(), catalogue.boards.end(),
                                       [&](const Board& b) { return lower(b.id) == lower(board.id); });
        if (clash) {
            catalogue.problems.push_back(userDir + "/" + board.id + ".json: custom board id '" + board.id +
                                         "' is a built-in board's; rename the file");
            continue;
        }
        catalogue.boards.push_back(std::move(board));
    }
    return catalogue;
}

std::vector<Board> loadBoards(const std::string& dir) { return loadBoardCatalogue(dir).boards; }

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

Board readBoardFile(const std::string& path) { return parseBoard(path); }

std::string saveCustomBoard(Board board, const std::string& userDir) {
    if (board.id.empty()) board.id = idFromName(board.name);
    std::vector<std::string> problems = validateBoard(board);
    if (board.id.empty() || board.id != idFromName(board.id))
        problems.push_back("the board id '" + board.id + "' must be lower-case letters, digits and '-'");
    for (const Board& builtIn : loadBoardCatalogue({}, "").boards)
        if (builtIn.id == board.id)
            problems.push_back("'" + board.id + "' is a built-in board; give the custom board another name");
    if (!problems.empty()) {
        std::string text;
        for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
        throw Error(ErrorCode::InvalidArgument, "cannot save board: " + text);
    }
    std::error_code ec;
    fs::create_directories(userDir, ec);
    const std::string path = userDir + "/" + board.id + ".json";
    std::ofstream out(path);
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot write the board file (check the folder's permissions)");
    out << boardJson(board).dump(2) << "\n";
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "writing the board file failed (disk full?)");
    return path;
}

bool removeCustomBoard(const std::string& id, const std::string& userDir) {
    std::error_code ec;
    return fs::remove(userDir + "/" + id + ".json", ec);
}

}  // namespace mcunet::device
