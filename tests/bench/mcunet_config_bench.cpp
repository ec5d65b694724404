// Lowering speed: the GUI re-lowers and re-profiles an MCUNet config on every edit (budget 50 ms
// for the whole round trip); lowering without weights should stay well under 1 ms.
#include <benchmark/benchmark.h>

#include <fstream>

#include "io/mcunet_config.h"
#include "ir/validate.h"
#include "zoo/zoo.h"

namespace {

using namespace mcunet;

void BM_LowerMcunet256kbShapesOnly(benchmark::State& state) {
    io::McunetConfig config = zoo::zooConfig("mcunet-256kb-1mb");
    for (auto _ : state) benchmark::DoNotOptimize(io::lowerMcunetConfig(config));
}
BENCHMARK(BM_LowerMcunet256kbShapesOnly)->Unit(benchmark::kMicrosecond);

void BM_LowerMbv2FullShapesOnly(benchmark::State& state) {
    io::McunetConfig config = zoo::zooConfig("mbv2-w1.0-r224");
    for (auto _ : state) benchmark::DoNotOptimize(io::lowerMcunetConfig(config));
}
BENCHMARK(BM_LowerMbv2FullShapesOnly)->Unit(benchmark::kMicrosecond);

void BM_LowerMcunet256kbWithWeights(benchmark::State& state) {
    io::McunetConfig config = zoo::zooConfig("mcunet-256kb-1mb");
    io::LowerOptions options;
    options.withWeights = true;
    options.seed = 1;
    for (auto _ : state) benchmark::DoNotOptimize(io::lowerMcunetConfig(config, options));
}
BENCHMARK(BM_LowerMcunet256kbWithWeights)->Unit(benchmark::kMicrosecond);

void BM_ValidateLoweredMcunet256kb(benchmark::State& state) {
    ir::Graph graph = io::lowerMcunetConfig(zoo::zooConfig("mcunet-256kb-1mb"));
    for (auto _ : state) benchmark::DoNotOptimize(ir::validateGraph(graph));
}
BENCHMARK(BM_ValidateLoweredMcunet256kb)->Unit(benchmark::kMicrosecond);

void BM_ParseSharedConfig(benchmark::State& state) {
    std::ifstream in(std::string(MCUNET_SHARED_DIR) + "/zoo/mcunet-256kb-1mb_imagenet.json");
    nlohmann::json document = nlohmann::json::parse(in);
    for (auto _ : state) benchmark::DoNotOptimize(io::parseMcunetConfig(document, "shared"));
}
BENCHMARK(BM_ParseSharedConfig)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
