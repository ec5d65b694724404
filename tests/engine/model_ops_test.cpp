// The engine's kernels on the shared models, op by op, against TF-Lite Micro's recorded outputs.
//
// A small test-side driver walks each int8 model's ir::Graph in execution order, derives every
// kernel's parameters from the tensors' float scales the way TFLM's Prepare functions do (with the
// engine's host helpers; conv, pool and mean shapes and rescales through codegen/kernel_params.h,
// as generated code takes them), runs the portable kernels (and, for the ops with a SIMD path, the
// ACLE-emulated build too) on the `ramp` input, and compares the FNV-1a hash of every op output
// with expected/intermediate/<model>.json. It is also the worked example of how generated code
// maps TFLite ops onto engine calls.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "codegen/kernel_params.h"
#include "engine_test_util.h"
#include "io/tflite_reader.h"
#include "tflm_intermediate.h"

namespace {

using mcunet::codegen::convGeometry;
using mcunet::codegen::meanGeometry;
using mcunet::codegen::poolGeometry;
using mcunet::codegen::rescaleMultiplier;
using mcunet::ir::Activation;
using mcunet::ir::DType;
using mcunet::ir::Graph;
using mcunet::ir::Op;
using mcunet::ir::OpKind;
using mcunet::ir::Padding;
using mcunet::ir::Tensor;

mcu_activation toEngine(Activation a) {
  switch (a) {
    case Activation::Relu: return MCU_ACT_RELU;
    case Activation::Relu6: return MCU_ACT_RELU6;
    case Activation::ReluN1To1: return MCU_ACT_RELU_N1_TO_1;
    default: return MCU_ACT_NONE;
  }
}

float scaleOf(const Tensor& t) { return t.quant.scale.at(0); }
int32_t zpOf(const Tensor& t) { return static_cast<int32_t>(t.quant.zeroPoint.at(0)); }

std::vector<int32_t> int32Data(const Tensor& t) {
  std::vector<int32_t> v(t.data.size() / 4);
  std::memcpy(v.data(), t.data.data(), v.size() * 4);
  return v;
}

// Shape right-aligned to 4-D.
void to4d(const mcunet::ir::Shape& s, int32_t out[4]) {
  const int lead = 4 - static_cast<int>(s.size());
  for (int i = 0; i < 4; ++i) out[i] = i < lead ? 1 : s[i - lead];
}

class ModelRunner {
 public:
  explicit ModelRunner(const Graph& g) : g_(g) {}

  std::vector<uint8_t>& buffer(int tensor) {
    auto& b = buffers_[tensor];
    if (b.empty()) b.resize(static_cast<size_t>(g_.tensors[tensor].byteSize()));
    return b;
  }
  const int8_t* in8(int tensor) { return reinterpret_cast<const int8_t*>(buffer(tensor).data()); }
  int8_t* out8(int tensor) { return reinterpret_cast<int8_t*>(buffer(tensor).data()); }

  // Runs one op; returns false (with a message) for ops this driver does not map.
  bool run(const Op& op, std::string& why) {
    const Tensor& out = g_.tensors[op.outputs[0]];
    switch (op.kind) {
      case OpKind::Conv2D:
      case OpKind::DepthwiseConv2D: return conv(op, op.kind == OpKind::DepthwiseConv2D);
      case OpKind::FullyConnected: return fullyConnected(op);
      case OpKind::Add: {
        const Tensor& a = g_.tensors[op.inputs[0]];
        const Tensor& b = g_.tensors[op.inputs[1]];
        mcu_elementwise_params p{};
        to4d(a.shape, p.input1_dims);
        to4d(b.shape, p.input2_dims);
        to4d(out.shape, p.output_dims);
        mcu_add_prepare(scaleOf(a), zpOf(a), scaleOf(b), zpOf(b), scaleOf(out), zpOf(out), &p);
        mcu_activation_range_s8(toEngine(op.attrs.activation), scaleOf(out), zpOf(out),
                                &p.activation_min, &p.activation_max);
        mcu_add_s8(&p, in8(op.inputs[0]), in8(op.inputs[1]), out8(op.outputs[0]));
        return true;
      }
      case OpKind::AveragePool2D: {
        const Tensor& in = g_.tensors[op.inputs[0]];
        mcu_pool_params p = poolGeometry(in, out, op.attrs);
        const int same = op.attrs.padding == Padding::Same;
        mcu_compute_padding(same, p.input_h, p.filter_h, p.stride_h, 1, &p.output_h, &p.pad_top);
        mcu_compute_padding(same, p.input_w, p.filter_w, p.stride_w, 1, &p.output_w, &p.pad_left);
        mcu_activation_range_s8(toEngine(op.attrs.activation), scaleOf(out), zpOf(out),
                                &p.activation_min, &p.activation_max);
        mcu_avg_pool_s8(&p, in8(op.inputs[0]), out8(op.outputs[0]));
        return true;
      }
      case OpKind::Reshape:
      case OpKind::Squeeze:
        std::memcpy(buffer(op.outputs[0]).data(), buffer(op.inputs[0]).data(),
                    buffer(op.outputs[0]).size());
        return true;
      case OpKind::Softmax: {
        const Tensor& in = g_.tensors[op.inputs[0]];
        mcu_softmax_params p{};
        mcu_softmax_prepare(op.attrs.beta, scaleOf(in), &p);
        p.depth = in.shape.back();
        p.outer = static_cast<int32_t>(in.elementCount() / p.depth);
        mcu_softmax_s8(&p, in8(op.inputs[0]), out8(op.outputs[0]));
        return true;
      }
      case OpKind::Pad: {
        const Tensor& in = g_.tensors[op.inputs[0]];
        const auto pads = int32Data(g_.tensors[op.inputs[1]]);
        mcu_pad_params p{};
        to4d(in.shape, p.input_dims);
        const int lead = 4 - static_cast<int>(in.shape.size());
        for (size_t d = 0; d < in.shape.size(); ++d) {
          p.pad_before[lead + d] = pads[2 * d];
          p.pad_after[lead + d] = pads[2 * d + 1];
        }
        p.pad_value = static_cast<int8_t>(zpOf(out));
        mcu_pad_s8(&p, in8(op.inputs[0]), out8(op.outputs[0]));
        return true;
      }
      case OpKind::Transpose: {
        const Tensor& in = g_.tensors[op.inputs[0]];
        const auto perm = int32Data(g_.tensors[op.inputs[1]]);
        mcu_transpose_params p{};
        p.rank = static_cast<int32_t>(in.shape.size());
        for (int d = 0; d < p.rank; ++d) {
          p.input_dims[d] = in.shape[d];
          p.perm[d] = perm[d];
        }
        mcu_transpose_s8(&p, in8(op.inputs[0]), out8(op.outputs[0]));
        return true;
      }
      case OpKind::Mean: {
        const Tensor& in = g_.tensors[op.inputs[0]];
        auto axes = int32Data(g_.tensors[op.inputs[1]]);
        const int rank = static_cast<int>(in.shape.size());
        for (auto& a : axes) a = a < 0 ? a + rank : a;
        std::sort(axes.begin(), axes.end());
        for (size_t i = 1; i < axes.size(); ++i) {
          if (axes[i] != axes[i - 1] + 1) {
            why = "MEAN over non-adjacent axes";
            return false;
          }
        }
        mcu_mean_params p = meanGeometry(in.shape, axes.front(), axes.back());
        p.input_zero_point = zpOf(in);
        p.output_zero_point = zpOf(out);
        rescaleMultiplier(scaleOf(in), scaleOf(out), &p.multiplier, &p.shift);
        mcu_mean_s8(&p, in8(op.inputs[0]), out8(op.outputs[0]));
        return true;
      }
      case OpKind::Quantize: {
        const Tensor& in = g_.tensors[op.inputs[0]];
        if (in.dtype == DType::Float32) {
          mcu_quantize_f32_s8(static_cast<int32_t>(in.elementCount()), scaleOf(out), zpOf(out),
                              reinterpret_cast<const float*>(buffer(op.inputs[0]).data()),
                              out8(op.outputs[0]));
        } else {
          mcu_requantize_params p{};
          p.size = static_cast<int32_t>(in.elementCount());
          p.input_zero_point = zpOf(in);
          p.output_zero_point = zpOf(out);
          rescaleMultiplier(scaleOf(in), scaleOf(out), &p.multiplier, &p.shift);
          mcu_requantize_s8(&p, in8(op.inputs[0]), out8(op.outputs[0]));
        }
        return true;
      }
      case OpKind::Dequantize: {
        const Tensor& in = g_.tensors[op.inputs[0]];
        mcu_dequantize_s8_f32(static_cast<int32_t>(in.elementCount()), scaleOf(in), zpOf(in),
                              in8(op.inputs[0]),
                              reinterpret_cast<float*>(buffer(op.outputs[0]).data()));
        return true;
      }
      default:
        why = "op " + op.name() + " not mapped by this driver";
        return false;
    }
  }

  int simdChecked = 0;     // conv / depthwise / FC ops also run through the emulated SIMD build
  int simdMismatches = 0;  // ... whose output differed from the portable build's

 private:
  bool conv(const Op& op, bool depthwise) {
    const Tensor& in = g_.tensors[op.inputs[0]];
    const Tensor& filter = g_.tensors[op.inputs[1]];
    const Tensor& out = g_.tensors[op.outputs[0]];
    mcu_conv_params p = convGeometry(in, filter, out, op.attrs, depthwise);
    const int same = op.attrs.padding == Padding::Same;
    mcu_compute_padding(same, p.input_h, p.kernel_h, p.stride_h, p.dilation_h, &p.output_h, &p.pad_top);
    mcu_compute_padding(same, p.input_w, p.kernel_w, p.stride_w, p.dilation_w, &p.output_w, &p.pad_left);
    p.input_zero_point = zpOf(in);
    p.output_zero_point = zpOf(out);
    mcu_activation_range_s8(toEngine(op.attrs.activation), scaleOf(out), zpOf(out),
                            &p.activation_min, &p.activation_max);
    std::vector<int32_t> mult(p.output_c), shift(p.output_c);
    mcu_conv_quantize_multipliers(scaleOf(in), filter.quant.scale.data(),
                                  static_cast<int>(filter.quant.scale.size()), scaleOf(out),
                                  p.output_c, mult.data(), shift.data());
    p.output_multiplier = mult.data();
    p.output_shift = shift.data();
    std::vector<int32_t> bias;
    if (op.inputs.size() > 2 && op.inputs[2] >= 0) bias = int32Data(g_.tensors[op.inputs[2]]);
    const int32_t* b = bias.empty() ? nullptr : bias.data();
    const auto* w = reinterpret_cast<const int8_t*>(filter.data.data());
    int8_t* o = out8(op.outputs[0]);
    std::vector<int8_t> simd(buffer(op.outputs[0]).size());
    if (depthwise) {
      mcu_depthwise_conv_s8(&p, in8(op.inputs[0]), w, b, o, nullptr);
      emu_mcu_depthwise_conv_s8(&p, in8(op.inputs[0]), w, b, simd.data(), nullptr);
    } else if (p.kernel_h == 1 && p.kernel_w == 1 && p.pad_top == 0 && p.pad_left == 0) {
      std::vector<uint8_t> scratch(mcu_conv_1x1_s8_scratch_bytes(&p));
      mcu_conv_1x1_s8(&p, in8(op.inputs[0]), w, b, o, scratch.data());
      emu_mcu_conv_1x1_s8(&p, in8(op.inputs[0]), w, b, simd.data(), scratch.data());
    } else {
      std::vector<uint8_t> scratch(mcu_conv_s8_scratch_bytes(&p));
      mcu_conv_s8(&p, in8(op.inputs[0]), w, b, o, scratch.data());
      emu_mcu_conv_s8(&p, in8(op.inputs[0]), w, b, simd.data(), scratch.data());
    }
    ++simdChecked;
    if (std::memcmp(simd.data(), o, simd.size()) != 0) ++simdMismatches;
    return true;
  }

  bool fullyConnected(const Op& op) {
    const Tensor& in = g_.tensors[op.inputs[0]];
    const Tensor& filter = g_.tensors[op.inputs[1]];
    const Tensor& out = g_.tensors[op.outputs[0]];
    mcu_fully_connected_params p{};
    p.input_depth = filter.shape[1];
    p.output_depth = filter.shape[0];
    p.batches = static_cast<int32_t>(in.elementCount() / p.input_depth);
    p.input_zero_point = zpOf(in);
    p.output_zero_point = zpOf(out);
    mcu_activation_range_s8(toEngine(op.attrs.activation), scaleOf(out), zpOf(out),
                            &p.activation_min, &p.activation_max);
    std::vector<int32_t> mult(p.output_depth), shift(p.output_depth);
    if (filter.quant.perChannel()) {
      p.per_channel = 1;
      mcu_conv_quantize_multipliers(scaleOf(in), filter.quant.scale.data(),
                                    static_cast<int>(filter.quant.scale.size()), scaleOf(out),
                                    p.output_depth, mult.data(), shift.data());
    } else {
      mcu_fully_connected_quantize_multiplier(scaleOf(in), scaleOf(filter), scaleOf(out), &mult[0],
                                              &shift[0]);
    }
    p.output_multiplier = mult.data();
    p.output_shift = shift.data();
    std::vector<int32_t> bias;
    if (op.inputs.size() > 2 && op.inputs[2] >= 0) bias = int32Data(g_.tensors[op.inputs[2]]);
    const int32_t* b = bias.empty() ? nullptr : bias.data();
    const auto* w = reinterpret_cast<const int8_t*>(filter.data.data());
    std::vector<uint8_t> scratch(mcu_fully_connected_s8_scratch_bytes(&p));
    mcu_fully_connected_s8(&p, in8(op.inputs[0]), w, b, out8(op.outputs[0]), scratch.data());
    std::vector<int8_t> simd(buffer(op.outputs[0]).size());
    emu_mcu_fully_connected_s8(&p, in8(op.inputs[0]), w, b, simd.data(), scratch.data());
    ++simdChecked;
    if (std::memcmp(simd.data(), out8(op.outputs[0]), simd.size()) != 0) ++simdMismatches;
    return true;
  }

  const Graph& g_;
  std::map<int, std::vector<uint8_t>> buffers_;
};

void fillRamp(const Tensor& t, std::vector<uint8_t>& buf) {
  const int64_t n = t.elementCount();
  if (t.dtype == DType::Float32) {
    auto* f = reinterpret_cast<float*>(buf.data());
    for (int64_t i = 0; i < n; ++i) f[i] = static_cast<float>(((i * 37 + 11) % 256) - 128) / 128.0f;
  } else {
    auto* q = reinterpret_cast<int8_t*>(buf.data());
    for (int64_t i = 0; i < n; ++i) q[i] = static_cast<int8_t>(((i * 37 + 11) % 256) - 128);
  }
}

class EngineOnModel : public testing::TestWithParam<const char*> {};

TEST_P(EngineOnModel, EveryOpOutputMatchesTflm) {
  const std::string model = GetParam();
  const Graph g = mcunet::io::readTflite(std::string(MCUNET_SHARED_DIR) + "/models/" + model + ".tflite");
  const auto doc = engine_test::loadIntermediate(model);
  ASSERT_FALSE(doc.is_null()) << model;
  const auto& ops = doc["ops"];
  ASSERT_EQ(ops.size(), g.ops.size()) << model;
  ModelRunner runner(g);
  ASSERT_EQ(g.inputs.size(), 1u);
  fillRamp(g.tensors[g.inputs[0]], runner.buffer(g.inputs[0]));
  for (size_t i = 0; i < g.ops.size(); ++i) {
    const Op& op = g.ops[i];
    ASSERT_EQ(ops[i]["op"].get<std::string>(), op.name()) << model << " op " << i;
    std::string why;
    ASSERT_TRUE(runner.run(op, why)) << model << " op " << i << ": " << why;
    const auto& rec = ops[i]["outputs"][0];
    ASSERT_EQ(rec["tensor"].get<int>(), op.outputs[0]);
    const auto& buf = runner.buffer(op.outputs[0]);
    ASSERT_EQ(engine_test::hex8(engine_test::fnv1a(buf.data(), buf.size())),
              rec["fnv1a"].get<std::string>())
        << model << ": first divergence from TF-Lite Micro at op " << i << " (" << op.name() << ")";
  }
  EXPECT_GT(runner.simdChecked, 0);
  EXPECT_EQ(runner.simdMismatches, 0) << model << ": SIMD-emulated build differed from portable";
}

INSTANTIATE_TEST_SUITE_P(SharedInt8Models, EngineOnModel,
                         testing::Values("hello_world_int8", "micro_speech_quantized",
                                         "kws_ref_model", "person_detect", "resnet8_cifar10_int8",
                                         "mcunet_vww"));

}  // namespace
