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

inline CliResult runMcunet(const std::string& arguments) {
    const std::string command = std::string(MCUNET_CLI_PATH) + " " + arguments + " 2>&1 </dev/null";
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
