// mcunet: the command-line face of MCUNet Studio. A thin shell: every number comes from core.
#include <cstdio>
#include <cstring>
#include <string>

#include "command.h"
#include "util/error.h"

using mcunet::cli::Command;
using mcunet::cli::commands;

namespace {

void printUsage() {
    std::printf("usage: mcunet COMMAND [ARGS]\n\n"
                "MCUNet Studio's command line: does a neural network fit a microcontroller?\n"
                "FILE is a .tflite model, an MCUNet (ProxylessNASNets) .json config, or zoo:NAME.\n\n"
                "commands:\n");
    for (const Command& command : commands())
        std::printf("  mcunet %s\n      %s\n", command.synopsis.c_str(), command.summary.c_str());
    std::printf("\n  mcunet help COMMAND    options of one command\n");
}

void printCommandHelp(const Command& command) {
    std::printf("usage: mcunet %s\n\n%s\n", command.synopsis.c_str(), command.summary.c_str());
    if (!command.options.empty()) std::printf("\noptions:\n");
    for (const auto& option : command.options) {
        const std::string shortName = option.shortName ? std::string(", -") + option.shortName : std::string();
        std::printf("  --%-16s %s\n", (option.name + shortName + (option.takesValue ? " VALUE" : "")).c_str(),
                    option.help.c_str());
    }
}

const Command* findCommand(const std::string& name) {
    for (const Command& command : commands())
        if (command.name == name) return &command;
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        printUsage();
        return argc < 2 ? 2 : 0;
    }
    const std::string name = argv[1];
    if (name == "help") {
        const Command* command = argc > 2 ? findCommand(argv[2]) : nullptr;
        if (command) printCommandHelp(*command); else printUsage();
        return 0;
    }
    const Command* command = findCommand(name);
    if (!command) {
        std::fprintf(stderr, "mcunet: unknown command '%s'; run 'mcunet --help' for the list\n", name.c_str());
        return 2;
    }
    for (int i = 2; i < argc; ++i)
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            printCommandHelp(*command);
            return 0;
        }
    try {
        return command->run(mcunet::cli::parseArgs(*command, argc, argv, 2));
    } catch (const mcunet::Error& error) {
        if (error.code() == mcunet::ErrorCode::Cancelled) {
            std::fprintf(stderr, "mcunet: cancelled; nothing was written\n");
            return 130;  // the shell's code for "ended by Ctrl+C"
        }
        std::fprintf(stderr, "mcunet: %s\n", error.what());
        return error.code() == mcunet::ErrorCode::InvalidArgument ? 2 : 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "mcunet: internal error: %s\n", error.what());
        return 3;
    }
}
