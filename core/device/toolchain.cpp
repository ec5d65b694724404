#include "device/toolchain.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "util/error.h"

namespace mcunet::device {
namespace {

std::string shellQuote(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string commandLine(const std::vector<std::string>& argv) {
    std::string line;
    for (const std::string& word : argv) line += (line.empty() ? "" : " ") + shellQuote(word);
    return line;
}

}  // namespace

std::optional<std::string> findProgram(const std::string& program) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (program.find('/') != std::string::npos)
        return fs::exists(program, ec) ? std::optional<std::string>(program) : std::nullopt;
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / program;
        if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return std::nullopt;
}

Toolchain Toolchain::host() {
    std::vector<std::string> candidates;
    if (const char* cc = std::getenv("CC"); cc && *cc) candidates.push_back(cc);
    candidates.insert(candidates.end(), {"cc", "gcc", "clang"});
    for (const std::string& candidate : candidates)
        if (auto path = findProgram(candidate)) return Toolchain{"host cc", *path, {}};
    throw Error(ErrorCode::ToolMissing,
                "no host C compiler found (looked for $CC, cc, gcc, clang on PATH): install gcc (apt-get install gcc)");
}

Toolchain Toolchain::armNoneEabi(const std::string& cpu) {
    const auto path = findProgram("arm-none-eabi-gcc");
    if (!path)
        throw Error(ErrorCode::ToolMissing,
                    "arm-none-eabi-gcc not found on PATH: install gcc-arm-none-eabi and libnewlib-arm-none-eabi "
                    "(apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi)");
    return Toolchain{"arm-none-eabi-gcc (" + cpu + ")", *path, {"-mcpu=" + cpu, "-mthumb"}};
}

CommandResult runCommand(const std::vector<std::string>& argv) {
    if (argv.empty()) throw Error(ErrorCode::InvalidArgument, "runCommand: no program given");
    const std::string line = commandLine(argv) + " 2>&1";
    FILE* pipe = ::popen(line.c_str(), "r");
    if (!pipe) throw Error(ErrorCode::Internal, argv[0] + ": cannot start the process");
    CommandResult result;
    std::array<char, 4096> buffer{};
    size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), got);
    const int status = ::pclose(pipe);
    result.exitCode = status == -1 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

void compile(const Toolchain& toolchain, const CompileRequest& request) {
    if (request.sources.empty()) throw Error(ErrorCode::InvalidArgument, "compile: no sources given");
    std::vector<std::string> argv{toolchain.compiler};
    argv.insert(argv.end(), toolchain.flags.begin(), toolchain.flags.end());
    argv.insert(argv.end(), request.flags.begin(), request.flags.end());
    for (const std::string& dir : request.includeDirs) argv.push_back("-I" + dir);
    if (request.objectOnly) argv.push_back("-c");
    argv.insert(argv.end(), request.sources.begin(), request.sources.end());
    argv.insert(argv.end(), {"-o", request.output});
    if (!request.objectOnly)
        for (const std::string& library : request.libraries) argv.push_back("-l" + library);
    const CommandResult result = runCommand(argv);
    if (result.exitCode != 0)
        throw Error(ErrorCode::Internal, toolchain.name + " failed (exit " + std::to_string(result.exitCode) +
                                             "): " + commandLine(argv) + "\n" + result.output);
}

std::vector<std::string> compileObjects(const Toolchain& toolchain, const std::vector<std::string>& sources,
                                        const std::vector<std::string>& includeDirs,
                                        const std::vector<std::string>& flags, const std::string& objectDir) {
    std::error_code ec;
    std::filesystem::create_directories(objectDir, ec);
    if (ec) throw fileError(ErrorCode::FileNotFound, objectDir, "cannot create the directory (" + ec.message() + ")");
    std::vector<std::string> objects;
    for (const std::string& source : sources) {
        const std::string object = (std::filesystem::path(objectDir) / std::filesystem::path(source).stem()).string() + ".o";
        compile(toolchain, {.sources = {source}, .includeDirs = includeDirs, .flags = flags, .output = object, .objectOnly = true, .libraries = {}});
        objects.push_back(object);
    }
    return objects;
}

}  // namespace mcunet::device
