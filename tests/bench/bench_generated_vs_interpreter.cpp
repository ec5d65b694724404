// One inference of generated C vs the reference interpreter, on the host, for mcunet_vww and
// person_detect (ramp input).
//
// How the generated code gets here: tests/CMakeLists.txt runs `mcunet codegen` at build time
// (one custom command per model, prefixes mcunet_vww / person_detect) and compiles the two
// model.c files into this program with the same compiler and flags as everything else, linked
// against the same mcunet_engine library. So the measurement is in-process, with no process
// start or file I/O, and both sides are built alike.
//
// Each generated benchmark first checks that its output equals the interpreter's bit for bit
// (and stops with an error otherwise): a fast wrong answer is not a result. The generated code
// re-writes its input every iteration (in-place steps may overwrite it); that 9-19 kB copy is
// inside the timing. The interpreter's mcunet_vww run includes the float QUANTIZE (19,200
// elements), which the generated code's int8 input skips; it is a negligible share.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "io/tflite_reader.h"
#include "mcunet_vww/model.h"
#include "person_detect/model.h"
#include "runtime/interpreter.h"

namespace {

using namespace mcunet;

struct Reference {
    runtime::Interpreter interpreter;
    std::vector<uint8_t> generatedInput;  // the int8 tensor the generated code takes
    std::vector<uint8_t> output;
};

Reference reference(const char* file, int generatedInputTensor) {
    Reference r{runtime::Interpreter(io::readTflite(std::string(MCUNET_SHARED_DIR) + "/models/" + file)), {}, {}};
    r.interpreter.setInput(0, runtime::makeRampInput(r.interpreter.inputTensor(0)));
    r.interpreter.invoke();
    const auto input = r.interpreter.tensorBytes(generatedInputTensor < 0 ? r.interpreter.graph().inputs[0] : generatedInputTensor);
    r.generatedInput.assign(input.begin(), input.end());
    const auto output = r.interpreter.output(0);
    r.output.assign(output.begin(), output.end());
    return r;
}

void runInterpreter(benchmark::State& state, const char* file) {
    Reference r = reference(file, -1);
    for (auto _ : state) {
        r.interpreter.invoke();
        benchmark::DoNotOptimize(r.interpreter.output(0).data());
    }
}

template <typename Input, typename Invoke, typename Output>
void runGenerated(benchmark::State& state, const Reference& r, Input input, Invoke invoke, Output output) {
    std::memcpy(input(0), r.generatedInput.data(), r.generatedInput.size());
    invoke();
    if (std::memcmp(output(0), r.output.data(), r.output.size()) != 0) {
        state.SkipWithError("generated output differs from the reference interpreter");
        return;
    }
    for (auto _ : state) {
        std::memcpy(input(0), r.generatedInput.data(), r.generatedInput.size());
        invoke();
        benchmark::DoNotOptimize(output(0));
        benchmark::ClobberMemory();
    }
}

// mcunet_vww (11.6 M MACs): the generated code starts from the int8 tensor after QUANTIZE (tensor
// op 0 writes), as the engine plan does.
void BM_Interpreter_McunetVww(benchmark::State& state) { runInterpreter(state, "mcunet_vww.tflite"); }
void BM_Generated_McunetVww(benchmark::State& state) {
    const auto graph = io::readTflite(std::string(MCUNET_SHARED_DIR) + "/models/mcunet_vww.tflite");
    const Reference r = reference("mcunet_vww.tflite", graph.ops[0].outputs[0]);
    if (r.generatedInput.size() != static_cast<size_t>(mcunet_vww_input_bytes(0))) {
        state.SkipWithError("input size mismatch");
        return;
    }
    runGenerated(state, r, mcunet_vww_input, mcunet_vww_invoke, mcunet_vww_output);
}

// person_detect (7.2 M MACs), int8 in and out.
void BM_Interpreter_PersonDetect(benchmark::State& state) { runInterpreter(state, "person_detect.tflite"); }
void BM_Generated_PersonDetect(benchmark::State& state) {
    const Reference r = reference("person_detect.tflite", -1);
    runGenerated(state, r, person_detect_input, person_detect_invoke, person_detect_output);
}

BENCHMARK(BM_Interpreter_McunetVww)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Generated_McunetVww)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Interpreter_PersonDetect)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Generated_PersonDetect)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
