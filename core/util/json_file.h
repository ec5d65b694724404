// JSON from users' files, with the limits every JSON reader here shares: a size limit (see
// file.h) and a nesting limit. The nesting limit matters because nlohmann::json copies and
// compares values recursively: a 262 KB file of nested brackets overflows the stack in a plain
// copy. The parser itself is iterative, and its callback sees the depth before a value is built,
// so too-deep input is refused early with the line it was found at.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mcunet::util {

// Throws Error(WrongFormat) naming `displayName` for invalid JSON, (CorruptFile) for nesting
// deeper than kJsonDepthLimit, (EmptyFile) for an empty or blank text.
nlohmann::json parseJsonText(const std::string& text, const std::string& displayName);

// readTextFile (regular files only, kConfigFileLimitBytes) + parseJsonText.
nlohmann::json readJsonFile(const std::string& path, std::string_view what);

}  // namespace mcunet::util
