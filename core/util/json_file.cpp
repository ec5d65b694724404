#include "util/json_file.h"

#include "util/error.h"
#include "util/file.h"

namespace mcunet::util {

nlohmann::json parseJsonText(const std::string& text, const std::string& displayName) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw fileError(ErrorCode::EmptyFile, displayName, "file is empty");
    const auto limitDepth = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
        if (depth > kJsonDepthLimit &&
            (event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start))
            throw fileError(ErrorCode::CorruptFile, displayName,
                            "JSON nested deeper than " + std::to_string(kJsonDepthLimit) +
                                " levels; no configuration needs that, the file is damaged or not a configuration");
        return true;
    };
    try {
        return nlohmann::json::parse(text, limitDepth);
    } catch (const nlohmann::json::exception& e) {
        // A syntax error (parse_error) or a number beyond double's range (out_of_range 406).
        // e.what() is "[json.exception.parse_error.101] parse error at line 3, column 7: ..."
        const std::string detail = e.what();
        const size_t bracket = detail.find("] ");
        throw fileError(ErrorCode::WrongFormat, displayName,
                        "not valid JSON (" + (bracket == std::string::npos ? detail : detail.substr(bracket + 2)) + ")");
    }
}

nlohmann::json readJsonFile(const std::string& path, std::string_view what) {
    return parseJsonText(readTextFile(path, kConfigFileLimitBytes, what), path);
}

}  // namespace mcunet::util
