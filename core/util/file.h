// Reading user-named files safely. Every importer goes through here, so the rules hold for all:
//   - only regular files are opened, checked before any read: a FIFO would block the open
//     forever, a device (/dev/zero) never ends, a directory reads as an error deep in iostreams;
//   - a format is sniffed from the first bytes (readPrefix), never by reading the whole file;
//   - a whole file is read only under a stated size limit, and a file over it is refused with its
//     size and the limit before a byte is read.
// Errors are mcunet::Error naming the path, what is wrong and what was expected ("what" below is
// the thing the caller wanted, e.g. "a TensorFlow Lite model (.tflite)").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mcunet::util {

// The size of `path` in bytes; throws FileNotFound unless it is an existing regular file.
int64_t regularFileSize(const std::string& path, std::string_view what);

// At most `maxBytes` from the start of the file (fewer when the file is shorter).
std::vector<uint8_t> readPrefix(const std::string& path, size_t maxBytes, std::string_view what);

// The whole file; throws InvalidArgument when it is larger than `limitBytes`, EmptyFile when it
// is empty and `allowEmpty` is false.
std::vector<uint8_t> readWholeFile(const std::string& path, int64_t limitBytes, std::string_view what,
                                   bool allowEmpty = false);
std::string readTextFile(const std::string& path, int64_t limitBytes, std::string_view what);

// "2.0 GB", "340 kB", "12 B": sizes in messages (1 kB = 1024 B, as in MCU datasheets).
std::string humanBytes(int64_t bytes);

// Size limits of the importers, stated once (and in the READMEs).
inline constexpr int64_t kModelFileLimitBytes = int64_t{256} << 20;   // .tflite: MCU models are a few MB
inline constexpr int64_t kConfigFileLimitBytes = int64_t{16} << 20;   // JSON configs, search spaces
inline constexpr int kJsonDepthLimit = 64;                            // nesting of any JSON we read

}  // namespace mcunet::util
