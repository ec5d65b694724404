#include <gtest/gtest.h>


#include "ir/shape_inference.h"
#include "util/error.h"

using namespace mcunet;
using namespace mcunet::ir;

namespace {

// A hand-made graph: tensors added one by one, one op under test.
struct Fixture {
    Graph graph;

    int tensor(const Shape& shape, DType dtype = DType::Int8) {
        Tensor t;
        t.name = "t" + std::to_string(graph.tensors.size());
        t.shape = shape;
        t.dtype = dtype;
        graph.tensors.push_back(t);
        return static_cast<int>(graph.tensors.size()) - 1;
    }
    int int32s(const std::vector<int32_t>& values, const Shape& shape) {
        int index = tensor(shape, DType::Int32);
        Tensor& t = graph.tensors[index];
        t.isConstant = true;
        const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
        t.data.assign(bytes, bytes + values.size() * sizeof(int32_t));
        return index;
    }
    int int64s(const std::vector<int64_t>& values, const Shape& shape) {
        int index = tensor(shape, DType::Int64);
        Tensor& t = graph.tensors[index];
        t.isConstant = true;
        const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
        t.data.assign(bytes, bytes + values.size() * sizeof(int64_t));
        return index;
    }
    Shape infer(OpKind kind, std::vector<int> inputs, OpAttributes attrs = {}) {
        Op op;
        op.kind = kind;
        op.inputs = std::move(inputs);
        op.outputs = {tensor({})};
        op.attrs = attrs;
        return inferOutputShapes(graph, op).at(0);
    }
    std::string error(OpKind kind, std::vector<int> inputs, OpAttributes attrs = {}) {
        try {
            infer(kind, std::move(inputs), attrs);
        } catch (const Error& e) {
            return e.what();
        }
        return "(no error)";
    }
};

OpAttributes strided(int stride, Padding padding) {
    OpAttributes a;
    a.strideH = a.strideW = stride;
    a.padding = padding;
    return a;
}

}  // namespace

TEST(ShapeInference, ConvOutputSizeFollowsTfliteRules) {
    EXPECT_EQ(convOutputSize(160, 3, 2, 1, Padding::Same), 80);
    EXPECT_EQ(convOutputSize(7, 3, 2, 1, Padding::Same), 4);   // ceil(7 / 2)
    EXPECT_EQ(convOutputSize(96, 3, 2, 1, Padding::Valid), 47);  // ceil((96 - 2) / 2)
    EXPECT_EQ(convOutputSize(97, 3, 2, 1, Padding::Valid), 48);  // ceil(95 / 2)
    EXPECT_EQ(convOutputSize(10, 3, 1, 2, Padding::Valid), 6);   // dilated window 5
    EXPECT_EQ(convOutputSize(49, 10, 2, 1, Padding::Same), 25);
    EXPECT_THROW(convOutputSize(4, 5, 1, 1, Padding::Valid), Error);
    EXPECT_THROW(convOutputSize(4, 3, 0, 1, Padding::Same), Error);
}

TEST(ShapeInference, Broadcasting) {
    EXPECT_EQ(broadcastShapes({1, 4, 4, 8}, {8}), (Shape{1, 4, 4, 8}));
    EXPECT_EQ(broadcastShapes({1, 1, 4}, {3, 1}), (Shape{1, 3, 4}));
    EXPECT_EQ(broadcastShapes({}, {2, 2}), (Shape{2, 2}));
    try {
        broadcastShapes({2, 3}, {4, 3});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "shapes 2x3 and 4x3 cannot be broadcast");
    }
}

TEST(ShapeInference, ConvAndDepthwise) {
    Fixture f;
    int in = f.tensor({1, 96, 96, 3});
    int filter = f.tensor({16, 3, 3, 3});
    EXPECT_EQ(f.infer(OpKind::Conv2D, {in, filter, kNoTensor}, strided(2, Padding::Same)), (Shape{1, 48, 48, 16}));
    EXPECT_EQ(f.infer(OpKind::Conv2D, {in, filter}, strided(2, Padding::Valid)), (Shape{1, 47, 47, 16}));
    int dwFilter = f.tensor({1, 3, 3, 6});
    OpAttributes dw = strided(1, Padding::Same);
    dw.depthMultiplier = 2;
    EXPECT_EQ(f.infer(OpKind::DepthwiseConv2D, {in, dwFilter}, dw), (Shape{1, 96, 96, 6}));
    dw.depthMultiplier = 1;
    EXPECT_EQ(f.error(OpKind::DepthwiseConv2D, {in, dwFilter}, dw),
              "depthwise filter 1x3x3x6 has 6 channels, expected input channels 3 x depth multiplier 1");
    int badFilter = f.tensor({16, 3, 3, 2});
    EXPECT_EQ(f.error(OpKind::Conv2D, {in, badFilter}),
              "filter 16x3x3x2 has 2 input channels, which does not divide the input's 3");
    int flat = f.tensor({1, 27});
    EXPECT_EQ(f.error(OpKind::Conv2D, {flat, filter}), "input must be 4-D, got 1x27");
}

TEST(ShapeInference, FullyConnected) {
    Fixture f;
    int in = f.tensor({1, 1, 1, 256});
    int weights = f.tensor({10, 256});
    EXPECT_EQ(f.infer(OpKind::FullyConnected, {in, weights, kNoTensor}), (Shape{1, 10}));
    OpAttributes keep;
    keep.keepNumDims = true;
    EXPECT_EQ(f.infer(OpKind::FullyConnected, {in, weights}, keep), (Shape{1, 1, 1, 10}));
    int batch = f.tensor({4, 512});  // 2048 elements -> 8 rows of 256
    EXPECT_EQ(f.infer(OpKind::FullyConnected, {batch, weights}), (Shape{8, 10}));
    int odd = f.tensor({1, 100});
    EXPECT_EQ(f.error(OpKind::FullyConnected, {odd, weights}),
              "input 1x100 has 100 elements, not a multiple of the weights' depth 256 (weights 10x256)");
}

TEST(ShapeInference, MeanWithAndWithoutKeepDims) {
    Fixture f;
    int in = f.tensor({1, 5, 5, 160});
    int axes = f.int32s({1, 2}, {2});
    EXPECT_EQ(f.infer(OpKind::Mean, {in, axes}), (Shape{1, 160}));
    OpAttributes keep;
    keep.keepDims = true;
    EXPECT_EQ(f.infer(OpKind::Mean, {in, axes}, keep), (Shape{1, 1, 1, 160}));
    int negative = f.int64s({-1}, {1});
    EXPECT_EQ(f.infer(OpKind::Mean, {in, negative}), (Shape{1, 5, 5}));
    int activation = f.tensor({2}, DType::Int32);  // not constant
    EXPECT_EQ(f.error(OpKind::Mean, {in, activation}), "operand 't" + std::to_string(activation) +
                                                           "' must be a constant with data");
}

TEST(ShapeInference, PadConcatTransposeSqueeze) {
    Fixture f;
    int in = f.tensor({1, 10, 12, 3});
    int paddings = f.int32s({0, 0, 1, 2, 3, 4, 0, 0}, {4, 2});
    EXPECT_EQ(f.infer(OpKind::Pad, {in, paddings}), (Shape{1, 13, 19, 3}));
    int paddings64 = f.int64s({0, 0, 1, 1, 1, 1, 0, 5}, {4, 2});
    EXPECT_EQ(f.infer(OpKind::Pad, {in, paddings64}), (Shape{1, 12, 14, 8}));

    int other = f.tensor({1, 10, 12, 5});
    OpAttributes last;
    last.axis = -1;
    EXPECT_EQ(f.infer(OpKind::Concatenation, {in, other, in}, last), (Shape{1, 10, 12, 11}));
    int mismatched = f.tensor({1, 9, 12, 5});
    EXPECT_EQ(f.error(OpKind::Concatenation, {in, mismatched}, last),
              "input 1 1x9x12x5 does not match 1x10x12x3 outside axis 3");

    int perm = f.int32s({0, 3, 1, 2}, {4});
    EXPECT_EQ(f.infer(OpKind::Transpose, {in, perm}), (Shape{1, 3, 10, 12}));

    int squeezable = f.tensor({1, 1, 1, 7});
    EXPECT_EQ(f.infer(OpKind::Squeeze, {squeezable}), (Shape{7}));
    OpAttributes dims;
    dims.squeezeDims = {1, 2};
    EXPECT_EQ(f.infer(OpKind::Squeeze, {squeezable}, dims), (Shape{1, 7}));
}

TEST(ShapeInference, ReshapeAndResize) {
    Fixture f;
    int in = f.tensor({1, 7, 7, 32});
    int shape = f.int32s({1, -1}, {2});
    EXPECT_EQ(f.infer(OpKind::Reshape, {in, shape}), (Shape{1, 1568}));
    OpAttributes attrs;
    attrs.newShape = {49, 32};
    EXPECT_EQ(f.infer(OpKind::Reshape, {in}, attrs), (Shape{49, 32}));
    int wrong = f.int32s({5, -1}, {2});
    EXPECT_EQ(f.error(OpKind::Reshape, {in, wrong}), "cannot reshape 1x7x7x32: 1568 elements do not divide by 5");
    // Found by fuzzing: a new shape whose product overflows int64.
    int huge = f.int32s({2147483647, 2147483647, 2147483647}, {3});
    EXPECT_EQ(f.error(OpKind::Reshape, {in, huge}), "new shape has more elements than any tensor can have");
    int size = f.int32s({14, 21}, {2});
    EXPECT_EQ(f.infer(OpKind::ResizeNearestNeighbor, {in, size}), (Shape{1, 14, 21, 32}));
}

TEST(ShapeInference, ElementwiseAndPooling) {
    Fixture f;
    int a = f.tensor({1, 10, 10, 8});
    int b = f.tensor({1, 1, 1, 8});
    EXPECT_EQ(f.infer(OpKind::Add, {a, b}), (Shape{1, 10, 10, 8}));
    EXPECT_EQ(f.infer(OpKind::Mul, {b, a}), (Shape{1, 10, 10, 8}));
    OpAttributes pool = strided(2, Padding::Valid);
    pool.filterH = pool.filterW = 3;
    EXPECT_EQ(f.infer(OpKind::AveragePool2D, {a}, pool), (Shape{1, 4, 4, 8}));
    pool.padding = Padding::Same;
    EXPECT_EQ(f.infer(OpKind::MaxPool2D, {a}, pool), (Shape{1, 5, 5, 8}));
    EXPECT_EQ(f.infer(OpKind::Softmax, {a}), (Shape{1, 10, 10, 8}));
    EXPECT_EQ(f.infer(OpKind::Quantize, {a}), (Shape{1, 10, 10, 8}));
    Op unsupported;
    unsupported.kind = OpKind::Unsupported;
    unsupported.unsupportedName = "UNIDIRECTIONAL_SEQUENCE_LSTM";
    EXPECT_FALSE(hasShapeInference(OpKind::Unsupported));
    EXPECT_THROW(inferOutputShapes(f.graph, unsupported), Error);
}

TEST(ShapeInference, MissingInputsAreErrorsNotCrashes) {
    Fixture f;
    int in = f.tensor({1, 8, 8, 3});
    EXPECT_EQ(f.error(OpKind::Conv2D, {in}), "needs input 1, has 1 inputs");
    EXPECT_EQ(f.error(OpKind::Conv2D, {in, kNoTensor}), "input 1 is absent but required");
    std::string message = f.error(OpKind::Add, {in, 42});
    EXPECT_EQ(message, "input 1 refers to tensor 42, out of range (" + std::to_string(f.graph.tensors.size()) + " tensors)");
}
