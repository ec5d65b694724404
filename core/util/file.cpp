#include "util/file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "util/error.h"

namespace mcunet::util {
namespace {

std::string expected(std::string_view what) { return "; expected " + std::string(what); }

}  // namespace

int64_t regularFileSize(const std::string& path, std::string_view what) {
    std::error_code ec;
    // status() follows symlinks and never opens the file, so a FIFO cannot block us here.
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        throw fileError(ErrorCode::FileNotFound, path,
                        "cannot open the file (it does not exist or is not accessible); check the path");
    if (std::filesystem::is_directory(status))
        throw fileError(ErrorCode::FileNotFound, path, "is a directory" + expected(what));
    if (!std::filesystem::is_regular_file(status)) {
        const char* kind = std::filesystem::is_fifo(status)              ? "a named pipe (FIFO)"
                           : std::filesystem::is_character_file(status) ? "a character device"
                           : std::filesystem::is_block_file(status)     ? "a block device"
                           : std::filesystem::is_socket(status)         ? "a socket"
                                                                        : "not a regular file";
        throw fileError(ErrorCode::FileNotFound, path,
                        std::string("is ") + kind + ", not a regular file" + expected(what));
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw fileError(ErrorCode::FileNotFound, path, "cannot read the file's size: " + ec.message());
    return static_cast<int64_t>(size);
}

std::vector<uint8_t> readPrefix(const std::string& path, size_t maxBytes, std::string_view what) {
    const int64_t size = regularFileSize(path, what);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw fileError(ErrorCode::FileNotFound, path, "cannot open the file (check its permissions)");
    std::vector<uint8_t> bytes(std::min<size_t>(maxBytes, static_cast<size_t>(size)));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

std::vector<uint8_t> readWholeFile(const std::string& path, int64_t limitBytes, std::string_view what,
                                   bool allowEmpty) {
    const int64_t size = regularFileSize(path, what);
    if (size > limitBytes)
        throw fileError(ErrorCode::InvalidArgument, path,
                        "is " + humanBytes(size) + ", more than the " + humanBytes(limitBytes) + " limit for " +
                            std::string(what) + "; check that this is the right file");
    if (size == 0 && !allowEmpty) throw fileError(ErrorCode::EmptyFile, path, "file is empty (0 bytes)" + expected(what));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw fileError(ErrorCode::FileNotFound, path, "cannot open the file (check its permissions)");
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (static_cast<size_t>(in.gcount()) != bytes.size())
        throw fileError(ErrorCode::FileNotFound, path,
                        "could not read the whole file (" + std::to_string(in.gcount()) + " of " +
                            std::to_string(bytes.size()) + " bytes); it changed while being read, or the disk failed");
    return bytes;
}

std::string readTextFile(const std::string& path, int64_t limitBytes, std::string_view what) {
    const std::vector<uint8_t> bytes = readWholeFile(path, limitBytes, what, /*allowEmpty=*/true);
    return std::string(bytes.begin(), bytes.end());
}

std::string humanBytes(int64_t bytes) {
    char text[32];
    if (bytes < 1024) std::snprintf(text, sizeof text, "%lld B", static_cast<long long>(bytes));
    else if (bytes < (int64_t{1} << 20)) std::snprintf(text, sizeof text, "%.1f kB", bytes / 1024.0);
    else if (bytes < (int64_t{1} << 30)) std::snprintf(text, sizeof text, "%.1f MB", bytes / 1048576.0);
    else std::snprintf(text, sizeof text, "%.1f GB", bytes / 1073741824.0);
    return text;
}

}  // namespace mcunet::util
