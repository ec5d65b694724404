// Read + profile of a real model: the foundation's speed goal (mcunet_vww under 20 ms).
#include <benchmark/benchmark.h>

#include "analysis/profile.h"
#include "io/model_loader.h"

static void BM_ReadAndProfile(benchmark::State& state, const std::string& file) {
    for (auto _ : state) {
        const auto profile = mcunet::analysis::profileGraph(mcunet::io::loadModel(file));
        benchmark::DoNotOptimize(profile.totalMacs);
    }
}
BENCHMARK_CAPTURE(BM_ReadAndProfile, mcunet_vww, std::string(MCUNET_SHARED_DIR) + "/models/mcunet_vww.tflite")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadAndProfile, person_detect, std::string(MCUNET_SHARED_DIR) + "/models/person_detect.tflite")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadAndProfile, mcunet_config_zoo, std::string("zoo:mcunet-256kb-1mb"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
