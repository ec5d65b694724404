// Evaluations per second of TinyNAS candidates: random architectures of MCUNet's space at
// resolution 160, each lowered (shapes only), profiled, planned by the engine planner's fast
// search and Flash-estimated — what the search does per candidate. Threads: 1 and 2 (the
// candidates of a generation are evaluated on a ThreadPool, as the search does).
#include <benchmark/benchmark.h>

#include <vector>

#include "nas/evaluator.h"
#include "nas/search_space.h"
#include "util/thread_pool.h"

using namespace mcunet;

namespace {

std::vector<arch::ArchConfig> candidates(size_t count) {
    const nas::SearchSpace space = nas::mcunetSpace();
    nas::Rng rng(2024);
    std::vector<arch::ArchConfig> configs;
    for (size_t i = 0; i < count; ++i) configs.push_back(nas::buildArch(space, nas::sampleGenes(space, rng, 0, 160)));
    return configs;
}

void BM_NasEval(benchmark::State& state) {
    const int threads = static_cast<int>(state.range(0));
    const std::vector<arch::ArchConfig> configs = candidates(256);
    ThreadPool pool(threads);
    int64_t evaluations = 0, checksum = 0;
    for (auto _ : state) {
        std::vector<int64_t> peaks(configs.size());
        pool.parallelFor(configs.size(), [&](size_t i, int) { peaks[i] = nas::measureArch(configs[i]).peakSramBytes; });
        for (int64_t peak : peaks) checksum += peak;
        evaluations += static_cast<int64_t>(configs.size());
    }
    benchmark::DoNotOptimize(checksum);
    state.counters["evals/s"] = benchmark::Counter(static_cast<double>(evaluations), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NasEval)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
