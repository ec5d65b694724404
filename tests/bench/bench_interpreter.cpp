// One inference of the reference interpreter on the shared models (ramp input). The interpreter
// is the oracle, not the fast path; these figures say how long a bit-exact check costs.
#include <benchmark/benchmark.h>

#include "io/tflite_reader.h"
#include "runtime/interpreter.h"

namespace {

void runModel(benchmark::State& state, const char* file) {
    using namespace mcunet;
    runtime::Interpreter interpreter(io::readTflite(std::string(MCUNET_SHARED_DIR) + "/models/" + file));
    interpreter.setInput(0, runtime::makeRampInput(interpreter.inputTensor(0)));
    for (auto _ : state) {
        interpreter.invoke();
        benchmark::DoNotOptimize(interpreter.output(0).data());
    }
}

// mcunet_vww: float32 input, QUANTIZE, then int8 throughout (11.6 M MACs).
void BM_Interpreter_McunetVww(benchmark::State& state) { runModel(state, "mcunet_vww.tflite"); }
// person_detect: int8 MobileNetV1-0.25 (7.2 M MACs).
void BM_Interpreter_PersonDetect(benchmark::State& state) { runModel(state, "person_detect.tflite"); }

BENCHMARK(BM_Interpreter_McunetVww)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Interpreter_PersonDetect)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
