// The CLI's shape: each command is a function taking parsed arguments and returning an exit
// code; commands register themselves in commands.cpp's table, which also drives `--help`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis/input_assumption.h"

namespace mcunet::cli {

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;  // --name value (or "" for a bare switch)

    bool has(const std::string& name) const { return options.count(name) > 0; }
    std::string value(const std::string& name, const std::string& fallback = {}) const;
};

struct OptionSpec {
    std::string name;      // without the dashes
    bool takesValue;
    std::string help;
    char shortName = 0;    // e.g. 'o' for -o; 0 for none
};

struct Command {
    std::string name;
    std::string synopsis;  // "profile FILE [--board NAME] [--json]"
    std::string summary;   // one line for `mcunet --help`
    std::vector<OptionSpec> options;
    int (*run)(const Args& args);
};

const std::vector<Command>& commands();

// --input-type declared|int8 (default declared); throws InvalidArgument naming the choices.
analysis::InputAssumption inputAssumptionOf(const Args& args);
// --board NAME, or the board the CLI and the studio both start from (device::defaultBoardName).
std::string boardNameOf(const Args& args);
// --reserve-kb N: SRAM kept for stack and other RAM, in bytes; -1 when absent (the board's own).
int64_t reserveBytesOf(const Args& args);

// Parses argv after the command name against the command's options; throws
// mcunet::Error(InvalidArgument) on an unknown option or a missing value.
Args parseArgs(const Command& command, int argc, char** argv, int first);

}  // namespace mcunet::cli
