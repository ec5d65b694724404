// Generated code, built and run on the host: what `mcunet run --with generated`, the codegen
// tests and the benchmark use to check the generated C against the reference interpreter.
// The model's model.h/model.c, the harness of hostHarnessSource() (main.c) and engine/src/*.c
// are compiled with the host toolchain (device::Toolchain::host()) into one executable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codegen/codegen.h"

namespace mcunet::codegen {

// The engine's source tree (include/ and src/): $MCUNET_ENGINE_DIR if set, else the engine/
// folder of the source tree this build came from. Throws mcunet::Error(FileNotFound) naming
// the folder when it has no src/*.c.
std::string engineDirectory();
std::vector<std::string> engineSources();  // engineDirectory()/src/*.c, sorted

struct HostBuildOptions {
    std::vector<std::string> flags = {"-O2", "-Wall", "-Wextra"};
    // Engine objects compiled before (compileEngineForHost) to link instead of compiling
    // engine/src/*.c again; empty: compile them as part of this build.
    std::vector<std::string> engineObjects;
};

struct HostProgram {
    std::string directory;   // model.h, model.c, main.c and the executable
    std::string executable;
};

// engine/src/*.c compiled once into objects in `objectDir`, to link into several models.
std::vector<std::string> compileEngineForHost(const std::string& objectDir,
                                              const std::vector<std::string>& flags = {"-O2", "-Wall", "-Wextra"});

// Writes the model and the harness into `directory` and builds the executable there.
// Throws mcunet::Error(ToolMissing) without a compiler, (Internal) with its messages on failure.
HostProgram buildHostProgram(const GeneratedModel& model, const std::string& directory,
                             const HostBuildOptions& options = {});

// As buildHostProgram, in a cache folder under the system temp directory named by a hash of
// the generated files, the engine sources and the flags: an unchanged model is not rebuilt.
HostProgram buildHostProgramCached(const GeneratedModel& model, const HostBuildOptions& options = {});

// One inference: writes each input's bytes (sizes must equal model.inputBytes) to files, runs
// the program, returns each output's bytes. Throws mcunet::Error on a size mismatch or when the
// program fails.
std::vector<std::vector<uint8_t>> runHostProgram(const HostProgram& program, const GeneratedModel& model,
                                                 const std::vector<std::vector<uint8_t>>& inputs);

}  // namespace mcunet::codegen
