// Generated C for one model, TinyEngine style: no interpreter, no heap. Every activation and
// kernel scratch buffer sits at the offset the engine memory plan (analysis::planEngine) gave
// it inside one static arena of exactly plan.arenaBytes; weights, biases and requantization
// tables are const arrays (Flash); <prefix>_invoke() is a straight list of engine kernel calls
// in the plan's step order, each with its parameters precomputed on the host (the same
// mcu_*_prepare / QuantizeMultiplier arithmetic TF-Lite Micro does in Prepare).
//
//   const ir::Graph graph = io::readTflite("person_detect.tflite");
//   const analysis::MemoryPlan plan = analysis::planEngine(graph);
//   const codegen::GeneratedModel model = codegen::generateModel(graph, plan, {.prefix = "person"});
//   codegen::writeGeneratedModel(model, "out/");   // out/model.h, out/model.c
//
// The generated API (prefix "model"): model_input(i) / model_output(i) point into the arena
// (write the input there, read the output after model_invoke()); model_input_bytes(i),
// model_output_bytes(i); MODEL_ARENA_BYTES. A float input whose QUANTIZE the plan dropped is
// taken as int8: the header states the dropped op's scale and zero point.
//
// Each step is wrapped in <PREFIX>_STEP_BEGIN(step) / <PREFIX>_STEP_END(step), empty macros
// unless defined at compile time (per-layer profiling on the board without editing the file).
//
// Output is deterministic (same graph and plan, same bytes) and readable: one comment per step
// with the op, its shapes and what was fused into it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/memory_plan.h"
#include "ir/graph.h"

namespace mcunet::codegen {

struct CodegenOptions {
    std::string prefix = "model";  // C identifier prefix of the API: <prefix>_invoke(), ...
    std::string sourceName;        // shown in the header comment (e.g. the .tflite file name)
};

struct GeneratedFile {
    std::string name;     // "model.h", "model.c"
    std::string content;
};

struct GeneratedModel {
    std::vector<GeneratedFile> files;
    std::string prefix;
    int64_t arenaBytes = 0;        // == plan.arenaBytes
    int64_t constBytes = 0;        // weights, biases and tables emitted as const data
    std::vector<int> inputTensors;   // graph tensors the caller writes (the plan's inputs)
    std::vector<int> outputTensors;  // graph tensors the caller reads
    std::vector<int64_t> inputBytes;   // per input, what <prefix>_input_bytes(i) returns
    std::vector<int64_t> outputBytes;  // per output

    const GeneratedFile* file(const std::string& name) const;
};

// Throws mcunet::Error: InvalidArgument for a plan that is not an engine plan of this graph or a
// prefix that is not a C identifier; UnsupportedModel naming the op for anything the engine's
// kernels cannot run exactly (e.g. a non-adjacent MEAN axis set); Internal when a kernel would
// need more scratch than the plan reserved.
GeneratedModel generateModel(const ir::Graph& graph, const analysis::MemoryPlan& plan,
                             const CodegenOptions& options = {});

// Writes every file into `directory` (created if missing). Throws mcunet::Error(FileNotFound)
// naming the path it cannot write.
void writeGeneratedModel(const GeneratedModel& model, const std::string& directory);

// A host main() for the generated model: `prog IN_0 [IN_1 ...] OUT [REPEAT]` reads each input's
// raw bytes from its file, runs <prefix>_invoke() (REPEAT times, default 1) and writes every
// output's raw bytes, concatenated in output order, to OUT. Exit 1 with a message on a bad file.
std::string hostHarnessSource(const std::string& prefix = "model", const std::string& header = "model.h");

}  // namespace mcunet::codegen
