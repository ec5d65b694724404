// Time to import a real model: file on disk → ir::Graph (read, verify, copy constants).
// mcunet_vww is the largest int8 model we ship figures for (613,840 bytes, 63 ops).
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "io/tflite_reader.h"

namespace {

const std::string kModel = std::string(MCUNET_SHARED_DIR) + "/models/mcunet_vww.tflite";

void BM_ReadTfliteFile(benchmark::State& state) {
    for (auto _ : state) {
        mcunet::ir::Graph graph = mcunet::io::readTflite(kModel);
        benchmark::DoNotOptimize(graph.tensors.data());
    }
    state.SetBytesProcessed(state.iterations() * 613840);
}
BENCHMARK(BM_ReadTfliteFile)->Unit(benchmark::kMicrosecond);

// The same without the file system: verification and import only.
void BM_ReadTfliteBuffer(benchmark::State& state) {
    std::ifstream in(kModel, std::ios::binary);
    const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (auto _ : state) {
        mcunet::ir::Graph graph = mcunet::io::readTfliteBuffer(bytes.data(), bytes.size(), kModel);
        benchmark::DoNotOptimize(graph.tensors.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_ReadTfliteBuffer)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
