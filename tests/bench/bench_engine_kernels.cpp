// Host speed of the engine's portable kernels at mcunet_vww shapes (ops 2, 3, 5, 7 of the model).
// Counters: MACs per second. The Cortex-M SIMD path is measured on the target (QEMU instruction
// counts), not here.
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#include <vector>

#include "mcunet_engine/mcunet_engine.h"

namespace {

struct ConvSetup {
  mcu_conv_params p;
  std::vector<int8_t> input, filter, output, scratch;
  std::vector<int32_t> bias, mult, shift;
};

ConvSetup makeConv(int in_hw, int in_c, int out_c, int k, int stride, bool depthwise) {
  ConvSetup s;
  std::memset(&s.p, 0, sizeof s.p);
  mcu_conv_params& p = s.p;
  p.batches = 1;
  p.input_h = p.input_w = in_hw;
  p.input_c = in_c;
  p.output_c = out_c;
  p.kernel_h = p.kernel_w = k;
  p.stride_h = p.stride_w = stride;
  p.dilation_h = p.dilation_w = 1;
  p.depth_multiplier = 1;
  mcu_compute_padding(1, in_hw, k, stride, 1, &p.output_h, &p.pad_top);
  mcu_compute_padding(1, in_hw, k, stride, 1, &p.output_w, &p.pad_left);
  p.input_zero_point = -3;
  p.output_zero_point = 5;
  p.activation_min = -128;
  p.activation_max = 127;
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> d(-128, 127);
  s.input.resize(static_cast<size_t>(in_hw) * in_hw * in_c);
  for (auto& v : s.input) v = static_cast<int8_t>(d(rng));
  s.filter.resize(static_cast<size_t>(depthwise ? 1 : out_c) * k * k * (depthwise ? out_c : in_c));
  for (auto& v : s.filter) v = static_cast<int8_t>(d(rng));
  s.bias.assign(out_c, 100);
  s.mult.assign(out_c, 1518500250);
  s.shift.assign(out_c, -8);
  p.output_multiplier = s.mult.data();
  p.output_shift = s.shift.data();
  s.output.resize(static_cast<size_t>(p.output_h) * p.output_w * out_c);
  return s;
}

void setMacs(benchmark::State& state, const mcu_conv_params& p, bool depthwise) {
  const double macs = static_cast<double>(p.output_h) * p.output_w * p.output_c * p.kernel_h *
                      p.kernel_w * (depthwise ? 1 : p.input_c);
  state.counters["MACs/s"] =
      benchmark::Counter(macs * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Conv1x1_40x40x16_to_48(benchmark::State& state) {
  ConvSetup s = makeConv(40, 16, 48, 1, 1, false);
  s.scratch.resize(mcu_conv_1x1_s8_scratch_bytes(&s.p));
  for (auto _ : state) {
    mcu_conv_1x1_s8(&s.p, s.input.data(), s.filter.data(), s.bias.data(), s.output.data(),
                    s.scratch.data());
    benchmark::DoNotOptimize(s.output.data());
  }
  setMacs(state, s.p, false);
}
BENCHMARK(BM_Conv1x1_40x40x16_to_48);

void BM_Conv3x3s2_FirstLayer_80x80x3_to_16(benchmark::State& state) {
  ConvSetup s = makeConv(80, 3, 16, 3, 2, false);
  s.scratch.resize(mcu_conv_s8_scratch_bytes(&s.p));
  for (auto _ : state) {
    mcu_conv_s8(&s.p, s.input.data(), s.filter.data(), s.bias.data(), s.output.data(),
                s.scratch.data());
    benchmark::DoNotOptimize(s.output.data());
  }
  setMacs(state, s.p, false);
}
BENCHMARK(BM_Conv3x3s2_FirstLayer_80x80x3_to_16);

void BM_Depthwise3x3_40x40x16(benchmark::State& state) {
  ConvSetup s = makeConv(40, 16, 16, 3, 1, true);
  for (auto _ : state) {
    mcu_depthwise_conv_s8(&s.p, s.input.data(), s.filter.data(), s.bias.data(), s.output.data(),
                          nullptr);
    benchmark::DoNotOptimize(s.output.data());
  }
  setMacs(state, s.p, true);
}
BENCHMARK(BM_Depthwise3x3_40x40x16);

void BM_Depthwise3x3s2_40x40x48(benchmark::State& state) {
  ConvSetup s = makeConv(40, 48, 48, 3, 2, true);
  for (auto _ : state) {
    mcu_depthwise_conv_s8(&s.p, s.input.data(), s.filter.data(), s.bias.data(), s.output.data(),
                          nullptr);
    benchmark::DoNotOptimize(s.output.data());
  }
  setMacs(state, s.p, true);
}
BENCHMARK(BM_Depthwise3x3s2_40x40x48);

void BM_Depthwise3x3_InPlace_40x40x16(benchmark::State& state) {
  ConvSetup s = makeConv(40, 16, 16, 3, 1, true);
  std::vector<int8_t> data = s.input;
  s.scratch.resize(mcu_depthwise_conv_s8_inplace_scratch_bytes(&s.p));
  for (auto _ : state) {
    state.PauseTiming();
    data = s.input;
    state.ResumeTiming();
    mcu_depthwise_conv_s8_inplace(&s.p, data.data(), s.filter.data(), s.bias.data(),
                                  s.scratch.data());
    benchmark::DoNotOptimize(data.data());
  }
  setMacs(state, s.p, true);
}
BENCHMARK(BM_Depthwise3x3_InPlace_40x40x16);

}  // namespace

BENCHMARK_MAIN();
