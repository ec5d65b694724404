// Runs the built `mcunet` executable as a user would and captures what they read.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace mcunet::testing {

struct CliResult {
    int exitCode;
    std::string output;  // stdout and stderr together
};

// `timeoutSeconds` > 0 runs it under coreutils' timeout: a hang ends with exit 124 (or 137 when
// it ignores SIGTERM) instead of blocking the test suite.
inline CliResult runMcunet(const std::string& arguments, int timeoutSeconds = 0) {
    const std::string guard = timeoutSeconds > 0 ? "timeout -k 2 " + std::to_string(timeoutSeconds) + " " : "";
    const std::string command = guard + std::string(MCUNET_CLI_PATH) + " " + arguments + " 2>&1 </dev/null";
    CliResult run{-1, {}};
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return run;
    std::array<char, 4096> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return run;
}

}  // namespace mcunet::testing
