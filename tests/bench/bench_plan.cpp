// Planning time per shared model: TF-Lite Micro's estimate and our engine's plan (all step
// orders x all placement strategies, the default). Counters carry the resulting peaks so one
// run reports speed and the numbers: engine arena vs TFLM head and minimum arena.
#include <benchmark/benchmark.h>

#include "analysis/engine_planner.h"
#include "analysis/flash_estimate.h"
#include "analysis/tflm_planner.h"
#include "io/tflite_reader.h"

namespace {

using namespace mcunet;

ir::Graph load(const std::string& name) {
    return io::readTflite(std::string(MCUNET_SHARED_DIR) + "/models/" + name + ".tflite");
}

void BM_PlanEngine(benchmark::State& state, const std::string& name) {
    const ir::Graph graph = load(name);
    int64_t arena = 0, bound = 0;
    for (auto _ : state) {
        const auto plan = analysis::planEngine(graph);
        arena = plan.arenaBytes;
        bound = plan.lowerBoundBytes;
        benchmark::DoNotOptimize(arena);
    }
    state.counters["arena_B"] = static_cast<double>(arena);
    state.counters["lower_bound_B"] = static_cast<double>(bound);
}

void BM_PlanTflm(benchmark::State& state, const std::string& name) {
    const ir::Graph graph = load(name);
    int64_t head = 0, minimum = 0;
    for (auto _ : state) {
        const auto plan = analysis::planTflm(graph);
        head = plan.arenaBytes;
        minimum = plan.minimumArenaBytes;
        benchmark::DoNotOptimize(head);
    }
    state.counters["head_B"] = static_cast<double>(head);
    state.counters["min_arena_B"] = static_cast<double>(minimum);
}

void BM_FlashEngine(benchmark::State& state, const std::string& name) {
    const ir::Graph graph = load(name);
    int64_t total = 0;
    for (auto _ : state) {
        total = analysis::estimateFlash(graph, {"engine", "cortex-m7"}).totalBytes();
        benchmark::DoNotOptimize(total);
    }
    state.counters["flash_B"] = static_cast<double>(total);
}

#define MCUNET_PLAN_BENCH(model)                                                              \
    BENCHMARK_CAPTURE(BM_PlanEngine, model, std::string(#model))->Unit(benchmark::kMicrosecond); \
    BENCHMARK_CAPTURE(BM_PlanTflm, model, std::string(#model))->Unit(benchmark::kMicrosecond)

MCUNET_PLAN_BENCH(hello_world_int8);
MCUNET_PLAN_BENCH(micro_speech_quantized);
MCUNET_PLAN_BENCH(kws_ref_model);
MCUNET_PLAN_BENCH(person_detect);
MCUNET_PLAN_BENCH(resnet8_cifar10_int8);
MCUNET_PLAN_BENCH(mcunet_vww);
BENCHMARK_CAPTURE(BM_FlashEngine, mcunet_vww, std::string("mcunet_vww"))->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
