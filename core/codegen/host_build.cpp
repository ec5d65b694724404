#include "codegen/host_build.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "device/toolchain.h"
#include "util/error.h"

#ifndef MCUNET_ENGINE_DIR
#error "MCUNET_ENGINE_DIR must name the engine source folder (set by core/CMakeLists.txt)"
#endif

namespace mcunet::codegen {
namespace {

namespace fs = std::filesystem;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw fileError(ErrorCode::FileNotFound, path, "cannot read");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const void* data, size_t bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
    out.close();
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot write");
}

// 64-bit FNV-1a over several strings (names the cache folder; not a security boundary).
uint64_t hashStrings(const std::vector<std::string>& parts) {
    uint64_t hash = 0xcbf29ce484222325ull;
    for (const std::string& part : parts) {
        for (unsigned char c : part) hash = (hash ^ c) * 0x100000001b3ull;
        hash = (hash ^ 0xff) * 0x100000001b3ull;  // separator
    }
    return hash;
}

// A fresh folder for one run's input/output files.
std::string makeTempDir(const std::string& stem) {
    static std::atomic<int> counter{0};
    const fs::path dir = fs::temp_directory_path() /
                         (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir);
    return dir.string();
}

}  // namespace

std::string engineDirectory() {
    const char* env = std::getenv("MCUNET_ENGINE_DIR");
    const std::string dir = env && *env ? env : MCUNET_ENGINE_DIR;
    std::error_code ec;
    if (!fs::is_directory(fs::path(dir) / "src", ec) || !fs::is_directory(fs::path(dir) / "include", ec))
        throw fileError(ErrorCode::FileNotFound, dir,
                        "no engine sources here (src/, include/); set MCUNET_ENGINE_DIR to the engine folder");
    return dir;
}

std::vector<std::string> engineSources() {
    const std::string dir = engineDirectory();
    std::vector<std::string> sources;
    for (const auto& entry : fs::directory_iterator(fs::path(dir) / "src"))
        if (entry.path().extension() == ".c") sources.push_back(entry.path().string());
    std::sort(sources.begin(), sources.end());
    if (sources.empty()) throw fileError(ErrorCode::FileNotFound, dir + "/src", "no engine .c files");
    return sources;
}

std::vector<std::string> compileEngineForHost(const std::string& objectDir, const std::vector<std::string>& flags) {
    return device::compileObjects(device::Toolchain::host(), engineSources(), {engineDirectory() + "/include"}, flags,
                                  objectDir);
}

HostProgram buildHostProgram(const GeneratedModel& model, const std::string& directory, const HostBuildOptions& options) {
    const device::Toolchain toolchain = device::Toolchain::host();  // fail early, before writing
    writeGeneratedModel(model, directory);
    const std::string harness = (fs::path(directory) / "main.c").string();
    const std::string source = hostHarnessSource(model.prefix);
    writeFile(harness, source.data(), source.size());
    HostProgram program{directory, (fs::path(directory) / "model").string()};
    std::vector<std::string> sources = {(fs::path(directory) / "model.c").string(), harness};
    if (options.engineObjects.empty()) {
        const auto engine = engineSources();
        sources.insert(sources.end(), engine.begin(), engine.end());
    } else {
        sources.insert(sources.end(), options.engineObjects.begin(), options.engineObjects.end());
    }
    device::compile(toolchain, {.sources = sources,
                                .includeDirs = {directory, engineDirectory() + "/include"},
                                .flags = options.flags,
                                .output = program.executable,
                                .objectOnly = false,
                                .libraries = {"m"}});
    return program;
}

HostProgram buildHostProgramCached(const GeneratedModel& model, const HostBuildOptions& options) {
    std::vector<std::string> parts;
    for (const GeneratedFile& file : model.files) parts.insert(parts.end(), {file.name, file.content});
    parts.push_back(hostHarnessSource(model.prefix));
    parts.insert(parts.end(), options.flags.begin(), options.flags.end());
    parts.push_back(device::Toolchain::host().compiler);
    if (options.engineObjects.empty()) {
        for (const std::string& source : engineSources()) parts.insert(parts.end(), {source, readFile(source)});
        for (const auto& entry : fs::directory_iterator(fs::path(engineDirectory()) / "include" / "mcunet_engine"))
            parts.insert(parts.end(), {entry.path().string(), readFile(entry.path().string())});
    } else {
        parts.insert(parts.end(), options.engineObjects.begin(), options.engineObjects.end());
    }
    char name[32];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hashStrings(parts)));
    const fs::path cache = fs::temp_directory_path() / "mcunet-generated" / name;
    std::error_code ec;
    if (fs::is_regular_file(cache / "model", ec)) return HostProgram{cache.string(), (cache / "model").string()};
    // Build beside the cache entry, then rename: a concurrent run never sees half a build.
    const std::string staging = makeTempDir((fs::temp_directory_path() / "mcunet-generated" / name).string() + ".build");
    buildHostProgram(model, staging, options);
    fs::rename(staging, cache, ec);
    if (ec) {  // another process won the race: use its build
        fs::remove_all(staging, ec);
        if (!fs::is_regular_file(cache / "model", ec))
            throw fileError(ErrorCode::FileNotFound, cache.string(), "cannot place the built program in the cache");
    }
    return HostProgram{cache.string(), (cache / "model").string()};
}

std::vector<std::vector<uint8_t>> runHostProgram(const HostProgram& program, const GeneratedModel& model,
                                                 const std::vector<std::vector<uint8_t>>& inputs) {
    if (inputs.size() != model.inputBytes.size())
        throw Error(ErrorCode::InvalidArgument, "generated model takes " + std::to_string(model.inputBytes.size()) +
                                                    " inputs, " + std::to_string(inputs.size()) + " given");
    for (size_t i = 0; i < inputs.size(); ++i)
        if (static_cast<int64_t>(inputs[i].size()) != model.inputBytes[i])
            throw Error(ErrorCode::InvalidArgument, "input " + std::to_string(i) + " has " + std::to_string(inputs[i].size()) +
                                                        " bytes, the generated model takes " +
                                                        std::to_string(model.inputBytes[i]));
    const std::string dir = makeTempDir("mcunet-run");
    std::vector<std::string> argv{program.executable};
    for (size_t i = 0; i < inputs.size(); ++i) {
        const std::string path = (fs::path(dir) / ("input" + std::to_string(i) + ".bin")).string();
        writeFile(path, inputs[i].data(), inputs[i].size());
        argv.push_back(path);
    }
    const std::string outPath = (fs::path(dir) / "output.bin").string();
    argv.push_back(outPath);
    const device::CommandResult result = device::runCommand(argv);
    if (result.exitCode != 0) {
        std::error_code ec;
        fs::remove_all(dir, ec);
        throw Error(ErrorCode::Internal, program.executable + ": exit " + std::to_string(result.exitCode) + ": " + result.output);
    }
    const std::string bytes = readFile(outPath);
    std::error_code ec;
    fs::remove_all(dir, ec);
    int64_t total = 0;
    for (int64_t size : model.outputBytes) total += size;
    if (static_cast<int64_t>(bytes.size()) != total)
        throw Error(ErrorCode::Internal, program.executable + ": wrote " + std::to_string(bytes.size()) +
                                             " output bytes, expected " + std::to_string(total));
    std::vector<std::vector<uint8_t>> outputs;
    size_t at = 0;
    for (int64_t size : model.outputBytes) {
        outputs.emplace_back(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                             bytes.begin() + static_cast<std::ptrdiff_t>(at + static_cast<size_t>(size)));
        at += static_cast<size_t>(size);
    }
    return outputs;
}

}  // namespace mcunet::codegen
