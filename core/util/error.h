// The typed error every core function throws on bad input. It names the file (when there is
// one), where in it the problem is, and what was expected, so a user can act on one sentence.
#pragma once

#include <stdexcept>
#include <string>

namespace mcunet {

enum class ErrorCode {
    FileNotFound,     // cannot open / read
    EmptyFile,
    WrongFormat,      // not the format we were asked to read (e.g. a PNG given as .tflite)
    CorruptFile,      // right format, but fails verification, bounds or consistency checks
    UnsupportedModel, // valid file we cannot handle (e.g. several subgraphs where one is needed)
    InvalidGraph,     // validator found inconsistent shapes or order
    InvalidArgument,  // bad option / parameter from the user
    Cancelled,        // the user stopped a long operation
    ToolMissing,      // an external tool (compiler, openocd, qemu) is absent
    Internal,
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string message) : std::runtime_error(std::move(message)), code_(code) {}
    ErrorCode code() const { return code_; }

private:
    ErrorCode code_;
};

// "path: message" — the one-sentence form shown by the CLI and the GUI.
inline Error fileError(ErrorCode code, const std::string& path, const std::string& message) {
    return Error(code, path + ": " + message);
}

}  // namespace mcunet
