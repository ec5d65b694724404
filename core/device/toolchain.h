// C compilers we drive: the host's (to run generated code next to the reference interpreter)
// and arm-none-eabi-gcc (firmware). One place that finds a compiler, builds a command line,
// runs it and turns a failure into an mcunet::Error carrying the compiler's own messages.
//
//   const device::Toolchain cc = device::Toolchain::host();
//   device::compile(cc, {.sources = {"model.c", "main.c"}, .includeDirs = {"engine/include"},
//                        .flags = {"-O2"}, .output = "/tmp/m/model", .libraries = {"m"}});
//   const device::CommandResult run = device::runCommand({"/tmp/m/model", "in.bin", "out.bin"});
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mcunet::device {

struct Toolchain {
    std::string name;                // "host cc", "arm-none-eabi-gcc (cortex-m7)"
    std::string compiler;            // absolute path of the C compiler
    std::vector<std::string> flags;  // target flags every compile gets (-mcpu=... -mthumb)

    // $CC if set, else cc, gcc or clang on PATH. Throws mcunet::Error(ToolMissing) naming the
    // Debian package to install (gcc).
    static Toolchain host();
    // arm-none-eabi-gcc for `cpu` ("cortex-m4", "cortex-m7"; Thumb, hard float where the core
    // has an FPU is left to the caller). Throws mcunet::Error(ToolMissing) naming
    // gcc-arm-none-eabi and libnewlib-arm-none-eabi.
    static Toolchain armNoneEabi(const std::string& cpu);
};

struct CompileRequest {
    std::vector<std::string> sources;      // .c files (or objects, when linking)
    std::vector<std::string> includeDirs;
    std::vector<std::string> flags;        // -O2, -Wall, -D..., after the toolchain's own flags
    std::string output;                    // executable, or object file with objectOnly
    bool objectOnly = false;               // -c: one source to one object
    std::vector<std::string> libraries;    // "m" -> -lm (links only)
};

struct CommandResult {
    int exitCode = 0;
    std::string output;  // stdout and stderr, interleaved
};

// Full path of `program` found on PATH (or `program` itself if it contains a '/' and exists).
std::optional<std::string> findProgram(const std::string& program);

// Runs argv[0] with arguments (no shell interpretation: every argument is quoted).
CommandResult runCommand(const std::vector<std::string>& argv);

// Compiles (and links unless objectOnly). Throws mcunet::Error(Internal) with the command and
// the compiler's output when it fails.
void compile(const Toolchain& toolchain, const CompileRequest& request);

// Compiles each source to an object in `objectDir` (created if missing) and returns the object
// paths in source order.
std::vector<std::string> compileObjects(const Toolchain& toolchain, const std::vector<std::string>& sources,
                                        const std::vector<std::string>& includeDirs,
                                        const std::vector<std::string>& flags, const std::string& objectDir);

}  // namespace mcunet::device
