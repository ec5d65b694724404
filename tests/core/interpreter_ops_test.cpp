// The reference interpreter op by op on small hand-built graphs, for the ops and cases the
// shared models do not exercise (they are checked against TFLM in interpreter_test.cpp).
// Expected values are worked out by hand from TFLM's documented semantics; the comments show
// the arithmetic.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <cmath>
#include <cstring>

#include "runtime/fixed_point.h"
#include "runtime/interpreter.h"
#include "util/error.h"

namespace mcunet::runtime {
namespace {

using ir::DType;
using ir::OpKind;

template <typename T>
std::vector<uint8_t> bytesOf(const std::vector<T>& values) {
    std::vector<uint8_t> bytes(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    return bytes;
}

// Builds small graphs: activations, constants and ops, inputs/outputs in order of declaration.
struct GraphBuilder {
    ir::Graph graph;

    int tensor(DType dtype, ir::Shape shape, float scale = 0.0f, int zeroPoint = 0) {
        ir::Tensor t;
        t.name = "t" + std::to_string(graph.tensors.size());
        t.dtype = dtype;
        t.shape = std::move(shape);
        if (scale != 0.0f) t.quant = ir::QuantParams{{scale}, {zeroPoint}, 0};
        graph.tensors.push_back(std::move(t));
        return static_cast<int>(graph.tensors.size()) - 1;
    }
    int input(DType dtype, ir::Shape shape, float scale = 0.0f, int zeroPoint = 0) {
        const int t = tensor(dtype, std::move(shape), scale, zeroPoint);
        graph.inputs.push_back(t);
        return t;
    }
    int output(DType dtype, ir::Shape shape, float scale = 0.0f, int zeroPoint = 0) {
        const int t = tensor(dtype, std::move(shape), scale, zeroPoint);
        graph.outputs.push_back(t);
        return t;
    }
    template <typename T>
    int constant(DType dtype, ir::Shape shape, const std::vector<T>& values, float scale = 0.0f, int zeroPoint = 0) {
        const int t = tensor(dtype, std::move(shape), scale, zeroPoint);
        graph.tensors[t].isConstant = true;
        graph.tensors[t].data = bytesOf(values);
        return t;
    }
    ir::Op& op(OpKind kind, std::vector<int> inputs, std::vector<int> outputs) {
        ir::Op o;
        o.kind = kind;
        o.inputs = std::move(inputs);
        o.outputs = std::move(outputs);
        graph.ops.push_back(std::move(o));
        return graph.ops.back();
    }
};

// Runs a one-input graph and returns output 0 as T.
template <typename Out, typename In>
std::vector<Out> run(const ir::Graph& graph, const std::vector<In>& input) {
    Interpreter interpreter(graph);
    interpreter.setInput(0, bytesOf(input));
    interpreter.invoke();
    return interpreter.outputAs<Out>(0);
}

template <typename Out, typename In>
std::vector<Out> run2(const ir::Graph& graph, const std::vector<In>& a, const std::vector<In>& b) {
    Interpreter interpreter(graph);
    interpreter.setInput(0, bytesOf(a));
    interpreter.setInput(1, bytesOf(b));
    interpreter.invoke();
    return interpreter.outputAs<Out>(0);
}

std::vector<int> ints(const std::vector<int8_t>& v) { return {v.begin(), v.end()}; }

// ---- fixed point ---------------------------------------------------------------------------

TEST(FixedPoint, QuantizeMultiplierSplitsIntoQ31AndShift) {
    EXPECT_EQ(fixed::quantizeMultiplier(0.5).value, 1 << 30);
    EXPECT_EQ(fixed::quantizeMultiplier(0.5).shift, 0);
    EXPECT_EQ(fixed::quantizeMultiplier(1.0).value, 1 << 30);
    EXPECT_EQ(fixed::quantizeMultiplier(1.0).shift, 1);
    EXPECT_EQ(fixed::quantizeMultiplier(0.75).value, 1610612736);  // 0.75 * 2^31
    EXPECT_EQ(fixed::quantizeMultiplier(0.75).shift, 0);
    // A significand that rounds up to 2^31 moves into the exponent.
    EXPECT_EQ(fixed::quantizeMultiplier(1.0 - 1e-12).value, 1 << 30);
    EXPECT_EQ(fixed::quantizeMultiplier(1.0 - 1e-12).shift, 1);
    // Below 2^-32 the multiplier flushes to zero.
    EXPECT_EQ(fixed::quantizeMultiplier(1e-12).value, 0);
    EXPECT_EQ(fixed::quantizeMultiplier(0.0).value, 0);
}

// Found by fuzzing reader -> codegen: a bit-flipped model made a NaN multiplier reach the
// double-to-int64 conversion (undefined behaviour). Such values now give the zero multiplier.
TEST(FixedPoint, QuantizeMultiplierOfNonFiniteOrNegativeIsZero) {
    for (double bad : {std::nan(""), -std::nan(""), std::numeric_limits<double>::infinity(), -0.25}) {
        const fixed::Multiplier m = fixed::quantizeMultiplier(bad);
        EXPECT_EQ(m.value, 0) << bad;
        EXPECT_EQ(m.shift, 0) << bad;
    }
}

TEST(FixedPoint, RoundingIsHalfAwayFromZero) {
    EXPECT_EQ(fixed::roundingDivideByPOT(5, 1), 3);
    EXPECT_EQ(fixed::roundingDivideByPOT(-5, 1), -3);
    EXPECT_EQ(fixed::roundingDivideByPOT(4, 1), 2);
    EXPECT_EQ(fixed::roundingDivideByPOT(-7, 2), -2);
    EXPECT_EQ(fixed::roundingDivideByPOT(-6, 2), -2);  // -1.5 -> -2
    EXPECT_EQ(fixed::roundingDivideByPOT(6, 2), 2);    // 1.5 -> 2
    EXPECT_EQ(fixed::saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN), INT32_MAX);
    EXPECT_EQ(fixed::saturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);  // 0.5 * 0.5
}

TEST(FixedPoint, MultiplyByQuantizedMultiplierRoundsTwice) {
    // x * 0.75 with x = 3: 2.25 -> 2; x = -3: -2.25 -> -2; x = 2: 1.5 -> 2 (tie away from zero).
    const auto m = fixed::quantizeMultiplier(0.75);
    EXPECT_EQ(fixed::multiplyByQuantizedMultiplier(3, m.value, m.shift), 2);
    EXPECT_EQ(fixed::multiplyByQuantizedMultiplier(-3, m.value, m.shift), -2);
    EXPECT_EQ(fixed::multiplyByQuantizedMultiplier(2, m.value, m.shift), 2);
    // Shift -2 with multiplier 0.75: 5 * 0.1875 = 0.9375. The high multiply rounds 3.75 to 4 and
    // the shift gives 1. (Double rounding; the shared models confirm TFLM uses this variant.)
    const auto small = fixed::quantizeMultiplier(0.1875);
    EXPECT_EQ(small.shift, -2);
    EXPECT_EQ(fixed::multiplyByQuantizedMultiplier(5, small.value, small.shift), 1);
    // 1.5 times: left shift first.
    const auto big = fixed::quantizeMultiplier(1.5);
    EXPECT_EQ(fixed::multiplyByQuantizedMultiplier(7, big.value, big.shift), 11);  // 10.5 -> 11
}

TEST(FixedPoint, ExpAndReciprocalApproximateTheRealFunctions) {
    for (double x : {0.0, -0.01, -0.25, -0.5, -1.0, -3.3, -10.0, -31.0}) {
        const auto raw = static_cast<int32_t>(std::llround(x * (1 << 26)));  // Q5.26
        const double e = fixed::expOnNegativeValues(fixed::Q<5>::fromRaw(raw)).raw / 2147483648.0;
        // 4th-order Taylor around -1/8: the truncation error at the interval ends is about
        // (1/8)^5 / 120 * e^-1/8 = 2.2e-7.
        EXPECT_NEAR(e, std::exp(x), 2.5e-7) << x;
    }
    for (double x : {0.0, 0.1, 0.5, 0.999}) {
        const auto raw = static_cast<int32_t>(std::llround(x * 2147483647.0));
        const double r = fixed::oneOverOnePlusXForXIn01(fixed::Q<0>::fromRaw(raw)).raw / 2147483648.0;
        EXPECT_NEAR(r, 1.0 / (1.0 + x), 2e-9) << x;
    }
    int bits = 0;
    const int32_t third = fixed::reciprocal(3 << 19, 12, &bits);  // 1/3 of Q12.19 3.0
    EXPECT_EQ(bits, 1);
    EXPECT_NEAR(third / 2147483648.0 / 2.0, 1.0 / 3.0, 1e-9);
}

// ---- elementwise --------------------------------------------------------------------------

TEST(InterpreterOps, MulInt8RequantizesTheProduct) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {1, 3}, 0.5f, 0);
    const int y = b.input(DType::Int8, {1, 3}, 0.25f, 1);
    const int z = b.output(DType::Int8, {1, 3}, 0.125f, -2);
    b.op(OpKind::Mul, {x, y}, {z});
    // reals: x = [2, -3, 50], y = [1, -1, 2]; products [2, 3, 100] / 0.125 - 2 = [14, 22, 798->127]
    EXPECT_EQ(ints(run2<int8_t>(b.graph, std::vector<int8_t>{4, -6, 100}, std::vector<int8_t>{5, -3, 9})),
              (std::vector<int>{14, 22, 127}));
}

TEST(InterpreterOps, AddAndMulFloatBroadcastWithFusedActivation) {
    GraphBuilder b;
    const int x = b.input(DType::Float32, {2, 1});
    const int y = b.input(DType::Float32, {1, 3});
    const int z = b.output(DType::Float32, {2, 3});
    b.op(OpKind::Add, {x, y}, {z}).attrs.activation = ir::Activation::Relu;
    EXPECT_EQ(run2<float>(b.graph, std::vector<float>{1.0f, -10.0f}, std::vector<float>{0.5f, 2.0f, 20.0f}),
              (std::vector<float>{1.5f, 3.0f, 21.0f, 0.0f, 0.0f, 10.0f}));
    b.graph.ops[0].kind = OpKind::Mul;
    b.graph.ops[0].attrs.activation = ir::Activation::Relu6;
    EXPECT_EQ(run2<float>(b.graph, std::vector<float>{1.0f, -10.0f}, std::vector<float>{0.5f, 2.0f, 20.0f}),
              (std::vector<float>{0.5f, 2.0f, 6.0f, 0.0f, 0.0f, 0.0f}));
}

TEST(InterpreterOps, AddInt8UsesTheCommonScale) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {4}, 0.5f, 0);
    const int y = b.input(DType::Int8, {4}, 0.5f, 0);
    const int z = b.output(DType::Int8, {4}, 1.0f, 3);
    b.op(OpKind::Add, {x, y}, {z});
    // (x + y) * 0.5 + 3: [1+2 -> 1.5 -> 2 (tie away) + 3, -1-2 -> -1.5 -> -2 + 3, 100+100 -> 103, -128-128 -> -125]
    EXPECT_EQ(ints(run2<int8_t>(b.graph, std::vector<int8_t>{1, -1, 100, -128}, std::vector<int8_t>{2, -2, 100, -128})),
              (std::vector<int>{5, 1, 103, -125}));
}

TEST(InterpreterOps, ReluAndRelu6Int8) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {4}, 0.5f, -10);
    const int y = b.output(DType::Int8, {4}, 0.25f, -128);
    b.op(OpKind::Relu, {x}, {y});
    // reals [-5, 5, 25, 68.5] -> relu -> /0.25 - 128 = [-128, -108, -28, 146 -> 127]
    EXPECT_EQ(ints(run<int8_t>(b.graph, std::vector<int8_t>{-20, 0, 40, 127})), (std::vector<int>{-128, -108, -28, 127}));

    GraphBuilder c;
    const int u = c.input(DType::Int8, {4}, 0.1f, 0);
    const int v = c.output(DType::Int8, {4}, 0.1f, 0);
    c.op(OpKind::Relu6, {u}, {v});
    // 6.0 is 60 in these units
    EXPECT_EQ(ints(run<int8_t>(c.graph, std::vector<int8_t>{-5, 30, 60, 100})), (std::vector<int>{0, 30, 60, 60}));
}

TEST(InterpreterOps, FloatActivations) {
    GraphBuilder b;
    const int x = b.input(DType::Float32, {5});
    const int y = b.output(DType::Float32, {5});
    auto& op = b.op(OpKind::Relu, {x}, {y});
    const std::vector<float> in{-4.0f, -1.0f, 1.0f, 4.0f, 20.0f};
    EXPECT_EQ(run<float>(b.graph, in), (std::vector<float>{0, 0, 1, 4, 20}));
    op.kind = OpKind::Relu6;
    EXPECT_EQ(run<float>(b.graph, in), (std::vector<float>{0, 0, 1, 4, 6}));
    op.kind = OpKind::HardSwish;  // x * relu6(x + 3) / 6
    EXPECT_EQ(run<float>(b.graph, in), (std::vector<float>{0.0f, -1.0f * 2.0f / 6.0f, 4.0f / 6.0f, 4.0f, 20.0f}));
    op.kind = OpKind::Logistic;  // beyond 16.619 the result is exactly 1
    const auto logistic = run<float>(b.graph, in);
    EXPECT_EQ(logistic[4], 1.0f);
    EXPECT_EQ(logistic[2], 1.0f / (1.0f + std::exp(-1.0f)));
}

TEST(InterpreterOps, LogisticInt8) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {256}, 1.0f / 16, 0);
    const int y = b.output(DType::Int8, {256}, 1.0f / 256, -128);
    b.op(OpKind::Logistic, {x}, {y});
    std::vector<int8_t> in(256);
    for (int i = 0; i < 256; ++i) in[i] = static_cast<int8_t>(i - 128);
    const auto out = run<int8_t>(b.graph, in);
    EXPECT_EQ(out[128], 0);      // logistic(0) = 0.5 -> 128/256 - 128 = 0 exactly
    EXPECT_EQ(out[0], -128);     // -8: beyond the input radius of 7.5
    EXPECT_EQ(out[255], 127);    // 7.94: saturates
    for (int i = 0; i < 256; ++i) {
        const double real = 1.0 / (1.0 + std::exp(-(i - 128) / 16.0));
        const double quantized = std::clamp(std::round(real * 256.0) - 128.0, -128.0, 127.0);
        EXPECT_NEAR(out[i], quantized, 1.0) << "input " << i - 128;  // fixed-point exp vs libm
        if (i > 0) {
            EXPECT_GE(out[i], out[i - 1]);
        }
    }
}

TEST(InterpreterOps, HardSwishInt8) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {256}, 0.05f, 0);
    const int y = b.output(DType::Int8, {256}, 0.05f, -20);
    b.op(OpKind::HardSwish, {x}, {y});
    std::vector<int8_t> in(256);
    for (int i = 0; i < 256; ++i) in[i] = static_cast<int8_t>(i - 128);
    const auto out = run<int8_t>(b.graph, in);
    EXPECT_EQ(out[128], -20);  // 0 -> the output zero point
    EXPECT_EQ(out[0], -20);    // -6.4 -> 0
    for (int i = 0; i < 256; ++i) {
        const double v = (i - 128) * 0.05;
        const double real = v * std::min(6.0, std::max(0.0, v + 3.0)) / 6.0;
        EXPECT_NEAR(out[i], std::clamp(std::round(real / 0.05) - 20.0, -128.0, 127.0), 1.0) << "input " << i - 128;
    }
}

TEST(InterpreterOps, QuantizeAndDequantize) {
    GraphBuilder b;
    const int x = b.input(DType::Float32, {5});
    const int y = b.output(DType::Int8, {5}, 0.5f, -1);
    b.op(OpKind::Quantize, {x}, {y});
    // x / 0.5 rounded half away from zero, - 1, clamped
    EXPECT_EQ(ints(run<int8_t>(b.graph, std::vector<float>{0.25f, -0.25f, 1.0f, 1000.0f, -1000.0f})),
              (std::vector<int>{0, -2, 1, 127, -128}));

    GraphBuilder r;
    const int u = r.input(DType::Int8, {4}, 0.5f, 0);
    const int v = r.output(DType::Int8, {4}, 0.25f, 10);
    r.op(OpKind::Quantize, {u}, {v});  // requantize: 2x + 10
    EXPECT_EQ(ints(run<int8_t>(r.graph, std::vector<int8_t>{-3, 0, 50, 100})), (std::vector<int>{4, 10, 110, 127}));

    GraphBuilder d;
    const int p = d.input(DType::Int8, {3}, 0.5f, 1);
    const int q = d.output(DType::Float32, {3});
    d.op(OpKind::Dequantize, {p}, {q});
    EXPECT_EQ(run<float>(d.graph, std::vector<int8_t>{-128, 0, 127}), (std::vector<float>{-64.5f, -0.5f, 63.0f}));
}

TEST(InterpreterOps, SoftmaxFloatAndInt8SumToOne) {
    GraphBuilder b;
    const int x = b.input(DType::Float32, {1, 3});
    const int y = b.output(DType::Float32, {1, 3});
    b.op(OpKind::Softmax, {x}, {y});
    const auto p = run<float>(b.graph, std::vector<float>{1.0f, 1.0f, 1.0f});
    EXPECT_EQ(p, (std::vector<float>{1.0f / 3.0f, 1.0f / 3.0f, 1.0f / 3.0f}));

    GraphBuilder q;
    const int u = q.input(DType::Int8, {1, 4}, 0.1f, 0);
    const int v = q.output(DType::Int8, {1, 4}, 1.0f / 256, -128);
    q.op(OpKind::Softmax, {u}, {v});
    // Equal inputs: each 1/4 = 64/256 -> -64 exactly.
    EXPECT_EQ(ints(run<int8_t>(q.graph, std::vector<int8_t>{7, 7, 7, 7})), (std::vector<int>{-64, -64, -64, -64}));
}

TEST(InterpreterOps, Int8SoftmaxRejectsRowsTflmCannotNormalize) {
    // 512 equal logits: the exponentials add up to 512 and TFLM's shift check (0..31) fails;
    // with 511 each output is 256/511 = 0.501 quanta -> 1 - 128 = -127.
    for (int depth : {511, 512}) {
        GraphBuilder b;
        const int x = b.input(DType::Int8, {1, depth}, 0.1f, 0);
        const int y = b.output(DType::Int8, {1, depth}, 1.0f / 256, -128);
        b.op(OpKind::Softmax, {x}, {y});
        Interpreter interpreter(b.graph);
        interpreter.setInput(0, std::vector<uint8_t>(static_cast<size_t>(depth), 0));
        if (depth == 511) {
            interpreter.invoke();
            EXPECT_EQ(interpreter.outputAs<int8_t>(0), std::vector<int8_t>(511, -127));
        } else {
            EXPECT_THROW(interpreter.invoke(), Error);
        }
    }
}

// ---- pooling / reduction ------------------------------------------------------------------

TEST(InterpreterOps, AveragePoolInt8RoundsHalfAwayFromZero) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {1, 2, 6, 1}, 1.0f, 0);
    const int y = b.output(DType::Int8, {1, 1, 3, 1}, 1.0f, 0);
    auto& op = b.op(OpKind::AveragePool2D, {x}, {y});
    op.attrs.filterH = op.attrs.filterW = op.attrs.strideH = op.attrs.strideW = 2;
    // windows: {1,2,1,2} = 6/4 -> 2; {-1,-2,-1,-2} = -6/4 -> -2; {1,1,1,2} = 5/4 -> 1
    EXPECT_EQ(ints(run<int8_t>(b.graph, std::vector<int8_t>{1, 2, -1, -2, 1, 1, 1, 2, -1, -2, 1, 2})),
              (std::vector<int>{2, -2, 1}));
}

TEST(InterpreterOps, MaxPoolSamePaddingIgnoresPaddedCells) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {1, 3, 3, 1}, 1.0f, 0);
    const int y = b.output(DType::Int8, {1, 2, 2, 1}, 1.0f, 0);
    auto& op = b.op(OpKind::MaxPool2D, {x}, {y});
    op.attrs.padding = ir::Padding::Same;
    op.attrs.filterH = op.attrs.filterW = 2;
    op.attrs.strideH = op.attrs.strideW = 2;
    // SAME, 3 -> 2 outputs, total padding 1 goes after: windows rows {0,1},{2}, cols {0,1},{2}
    EXPECT_EQ(ints(run<int8_t>(b.graph, std::vector<int8_t>{-9, -8, -7, -6, -5, -4, -3, -2, -1})),
              (std::vector<int>{-5, -4, -2, -1}));
}

TEST(InterpreterOps, MeanFloatAndInt8) {
    GraphBuilder b;
    const int x = b.input(DType::Float32, {1, 2, 2, 2});
    const int axes = b.constant<int32_t>(DType::Int32, {2}, {1, 2});
    const int y = b.output(DType::Float32, {1, 1, 1, 2});
    b.op(OpKind::Mean, {x, axes}, {y}).attrs.keepDims = true;
    EXPECT_EQ(run<float>(b.graph, std::vector<float>{1, 10, 2, 20, 3, 30, 4, 40}), (std::vector<float>{2.5f, 25.0f}));

    GraphBuilder q;
    const int u = q.input(DType::Int8, {1, 2, 3}, 1.0f, 2);
    const int last = q.constant<int32_t>(DType::Int32, {1}, {-1});
    const int v = q.output(DType::Int8, {1, 2}, 0.5f, -1);
    q.op(OpKind::Mean, {u, last}, {v});
    // row 0: (1+2+4)/3 - 2 = 1/3 real -> 0.667 -> 1 - 1 = 0; row 1: (10+10+11)/3 - 2 = 8.33 -> 16.67 -> 17 - 1
    EXPECT_EQ(ints(run<int8_t>(q.graph, std::vector<int8_t>{1, 2, 4, 10, 10, 11})), (std::vector<int>{0, 16}));
}

// ---- convolution corner cases ---------------------------------------------------------------

TEST(InterpreterOps, DilatedAndGroupedFloatConv) {
    GraphBuilder b;
    const int x = b.input(DType::Float32, {1, 3, 3, 1});
    const int w = b.constant<float>(DType::Float32, {1, 2, 2, 1}, {1, 1, 1, 1});
    const int y = b.output(DType::Float32, {1, 1, 1, 1});
    auto& op = b.op(OpKind::Conv2D, {x, w, ir::kNoTensor}, {y});
    op.attrs.dilationH = op.attrs.dilationW = 2;
    EXPECT_EQ(run<float>(b.graph, std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9}), (std::vector<float>{1 + 3 + 7 + 9}));

    GraphBuilder g;  // 4 input channels, 2 groups of 2
    const int gx = g.input(DType::Float32, {1, 1, 1, 4});
    const int gw = g.constant<float>(DType::Float32, {2, 1, 1, 2}, {1, 10, 100, 1000});
    const int gb = g.constant<float>(DType::Float32, {2}, {0.5f, -0.5f});
    const int gy = g.output(DType::Float32, {1, 1, 1, 2});
    g.op(OpKind::Conv2D, {gx, gw, gb}, {gy});
    EXPECT_EQ(run<float>(g.graph, std::vector<float>{1, 2, 3, 4}), (std::vector<float>{21.5f, 4299.5f}));
}

TEST(InterpreterOps, FullyConnectedInt8PerTensorAndPerChannel) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {1, 2}, 1.0f, -1);
    const int w = b.constant<int8_t>(DType::Int8, {2, 2}, {2, 4, -6, 8}, 0.5f, 0);
    const int bias = b.constant<int32_t>(DType::Int32, {2}, {1, -1});
    const int y = b.output(DType::Int8, {1, 2}, 1.0f, 5);
    b.op(OpKind::FullyConnected, {x, w, bias}, {y});
    // x - zp = [4, 6]; acc = [2*4 + 4*6 + 1, -6*4 + 8*6 - 1] = [33, 23]; * 0.5 = [16.5 -> 17, 11.5 -> 12]; + 5
    EXPECT_EQ(ints(run<int8_t>(b.graph, std::vector<int8_t>{3, 5})), (std::vector<int>{22, 17}));
    // Per-channel scales [0.5, 0.25]: second row 23 * 0.25 = 5.75 -> 6, + 5
    b.graph.tensors[w].quant = ir::QuantParams{{0.5f, 0.25f}, {0, 0}, 0};
    EXPECT_EQ(ints(run<int8_t>(b.graph, std::vector<int8_t>{3, 5})), (std::vector<int>{22, 11}));
}

// ---- data movement ------------------------------------------------------------------------

TEST(InterpreterOps, ConcatenationTransposePadSqueeze) {
    GraphBuilder c;
    const int a = c.input(DType::Float32, {2, 1});
    const int bb = c.input(DType::Float32, {2, 2});
    const int out = c.output(DType::Float32, {2, 3});
    c.op(OpKind::Concatenation, {a, bb}, {out}).attrs.axis = -1;
    EXPECT_EQ(run2<float>(c.graph, std::vector<float>{1, 2}, std::vector<float>{3, 4, 5, 6}),
              (std::vector<float>{1, 3, 4, 2, 5, 6}));

    c.graph.ops[0].attrs.activation = ir::Activation::Relu;  // TFLM refuses fused activations here
    EXPECT_THROW(Interpreter{c.graph}, Error);

    GraphBuilder t;
    const int tx = t.input(DType::Int8, {2, 3}, 1.0f, 0);
    const int perm = t.constant<int32_t>(DType::Int32, {2}, {1, 0});
    const int ty = t.output(DType::Int8, {3, 2}, 1.0f, 0);
    t.op(OpKind::Transpose, {tx, perm}, {ty});
    EXPECT_EQ(ints(run<int8_t>(t.graph, std::vector<int8_t>{1, 2, 3, 4, 5, 6})), (std::vector<int>{1, 4, 2, 5, 3, 6}));

    GraphBuilder p;  // int8 PAD fills with the output zero point
    const int px = p.input(DType::Int8, {1, 2}, 0.5f, -7);
    const int pads = p.constant<int32_t>(DType::Int32, {2, 2}, {0, 0, 1, 2});
    const int py = p.output(DType::Int8, {1, 5}, 0.5f, -7);
    p.op(OpKind::Pad, {px, pads}, {py});
    EXPECT_EQ(ints(run<int8_t>(p.graph, std::vector<int8_t>{3, 4})), (std::vector<int>{-7, 3, 4, -7, -7}));

    GraphBuilder s;
    const int sx = s.input(DType::Float32, {1, 3, 1});
    const int sy = s.output(DType::Float32, {3});
    s.op(OpKind::Squeeze, {sx}, {sy});
    EXPECT_EQ(run<float>(s.graph, std::vector<float>{7, 8, 9}), (std::vector<float>{7, 8, 9}));
}

TEST(InterpreterOps, ResizeNearestNeighbor) {
    GraphBuilder b;
    const int x = b.input(DType::Int8, {1, 2, 2, 1}, 1.0f, 0);
    const int size = b.constant<int32_t>(DType::Int32, {2}, {4, 4});
    const int y = b.output(DType::Int8, {1, 4, 4, 1}, 1.0f, 0);
    auto& op = b.op(OpKind::ResizeNearestNeighbor, {x, size}, {y});
    const std::vector<int8_t> in{1, 2, 3, 4};
    EXPECT_EQ(ints(run<int8_t>(b.graph, in)), (std::vector<int>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
    // half-pixel centres: (i + 0.5) * 0.5 = 0.25, 0.75, 1.25, 1.75 -> 0, 0, 1, 1 (same here)
    op.attrs.halfPixelCenters = true;
    EXPECT_EQ(ints(run<int8_t>(b.graph, in)), (std::vector<int>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
    // align corners 2 -> 3: scale 1/2, round(0, 0.5, 1) = 0, 1, 1
    op.attrs.halfPixelCenters = false;
    op.attrs.alignCorners = true;
    b.graph.tensors[size].data = bytesOf(std::vector<int32_t>{3, 3});
    b.graph.tensors[y].shape = {1, 3, 3, 1};
    EXPECT_EQ(ints(run<int8_t>(b.graph, in)), (std::vector<int>{1, 2, 2, 3, 4, 4, 3, 4, 4}));
}

// ---- errors -------------------------------------------------------------------------------

// Returns the message of the mcunet::Error `f` throws, checking its code.
template <typename F>
std::string errorOf(F f, ErrorCode code) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(static_cast<int>(e.code()), static_cast<int>(code)) << e.what();
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not an mcunet::Error: " << e.what();
        return {};
    }
    ADD_FAILURE() << "no error thrown";
    return {};
}

TEST(InterpreterErrors, UnsupportedOpsAreListedWithIndexAndName) {
    GraphBuilder b;
    b.graph.name = "m";
    const int x = b.input(DType::Float32, {2});
    const int y = b.tensor(DType::Float32, {2});
    const int z = b.output(DType::Float32, {2});
    b.op(OpKind::Unsupported, {x}, {y}).unsupportedName = "TANH";
    b.op(OpKind::Relu, {y}, {z});
    b.op(OpKind::Unsupported, {z}, {z}).unsupportedName = "CUSTOM_OP";
    EXPECT_EQ(errorOf([&] { Interpreter interpreter(b.graph); }, ErrorCode::UnsupportedModel),
              "m: the reference interpreter cannot execute op 0 TANH, op 2 CUSTOM_OP");
}

TEST(InterpreterErrors, UnsupportedDtypeNamesOpAndTensor) {
    GraphBuilder b;
    const int x = b.input(DType::Int16, {1, 2, 2, 1}, 1.0f, 0);
    const int w = b.constant<int8_t>(DType::Int8, {1, 1, 1, 1}, {1}, 1.0f, 0);
    const int y = b.output(DType::Int16, {1, 2, 2, 1}, 1.0f, 0);
    b.op(OpKind::Conv2D, {x, w}, {y});
    const std::string message = errorOf([&] { Interpreter interpreter(b.graph); }, ErrorCode::UnsupportedModel);
    EXPECT_NE(message.find("op 0 CONV_2D"), std::string::npos) << message;
    EXPECT_NE(message.find("int16"), std::string::npos) << message;
}

TEST(InterpreterErrors, InconsistentShapesAndOperandsAreRejected) {
    GraphBuilder b;
    const int x = b.input(DType::Float32, {1, 4, 4, 1});
    const int w = b.constant<float>(DType::Float32, {1, 3, 3, 1}, std::vector<float>(9, 1.0f));
    const int y = b.output(DType::Float32, {1, 4, 4, 1});  // VALID 3x3 gives 2x2
    b.op(OpKind::Conv2D, {x, w}, {y});
    EXPECT_NE(errorOf([&] { Interpreter interpreter(b.graph); }, ErrorCode::InvalidGraph)
                  .find("op 0 CONV_2D: output tensor 't2' has shape 1x4x4x1, expected 1x2x2x1"),
              std::string::npos);

    b.graph.ops[0].attrs.activation = ir::Activation::Tanh;
    b.graph.tensors[y].shape = {1, 2, 2, 1};
    EXPECT_NE(errorOf([&] { Interpreter interpreter(b.graph); }, ErrorCode::UnsupportedModel).find("TANH"),
              std::string::npos);

    b.graph.ops[0].inputs = {x, 99};
    EXPECT_NE(errorOf([&] { Interpreter interpreter(b.graph); }, ErrorCode::InvalidGraph).find("tensor 99"),
              std::string::npos);

    GraphBuilder t;  // a TRANSPOSE whose permutation is not a constant
    const int tx = t.input(DType::Float32, {2, 2});
    const int tp = t.input(DType::Int32, {2});
    const int ty = t.output(DType::Float32, {2, 2});
    t.op(OpKind::Transpose, {tx, tp}, {ty});
    EXPECT_NE(errorOf([&] { Interpreter interpreter(t.graph); }, ErrorCode::InvalidGraph).find("must be a constant"),
              std::string::npos);
}

TEST(InterpreterErrors, BadInputSizeAndIndices) {
    GraphBuilder b;
    const int x = b.input(DType::Float32, {1, 3});
    const int y = b.output(DType::Float32, {1, 3});
    b.op(OpKind::Relu, {x}, {y});
    Interpreter interpreter(b.graph);
    EXPECT_EQ(errorOf([&] { interpreter.setInput(0, std::vector<uint8_t>(5)); }, ErrorCode::InvalidArgument),
              "input 0 't0' (float32 1x3) needs 12 bytes, got 5");
    errorOf([&] { interpreter.setInput(1, std::vector<uint8_t>(12)); }, ErrorCode::InvalidArgument);
    errorOf([&] { interpreter.output(3); }, ErrorCode::InvalidArgument);
    errorOf([&] { interpreter.tensorBytes(-1); }, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace mcunet::runtime
