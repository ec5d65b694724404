#include <gtest/gtest.h>

#include <algorithm>

#include "io/tflite_reader.h"
#include "ir/graph_builder.h"
#include "ir/shape_inference.h"
#include "ir/validate.h"
#include "util/error.h"

using namespace mcunet;
using namespace mcunet::ir;

namespace {

// input 1x8x8x4 -> conv 3x3 s2 (8 ch) -> depthwise 3x3 -> pointwise 8 -> ADD -> MEAN -> FC 10
struct Small {
    Graph graph;
    int input, conv, depthwise, project, sum, pooled, logits;
};

Small smallGraph(DType dtype = DType::Int8) {
    GraphBuilder b("small", {dtype, true, 1});
    Small s;
    s.input = b.addInput("input", {1, 8, 8, 4});
    s.conv = b.conv2d("conv", s.input, 8, 3, 2, Activation::Relu6);
    s.depthwise = b.depthwiseConv2d("dw", s.conv, 3, 1, Activation::Relu6);
    s.project = b.pointwiseConv2d("project", s.depthwise, 8, Activation::None);
    s.sum = b.add("add", s.project, s.conv);
    s.pooled = b.mean("pool", s.sum);
    s.logits = b.fullyConnected("fc", s.pooled, 10);
    b.markOutput(s.logits);
    s.graph = b.finish();
    return s;
}

bool hasProblem(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p == text; });
}

std::string joined(const std::vector<std::string>& problems) {
    std::string text;
    for (const std::string& p : problems) text += p + "\n";
    return text;
}

}  // namespace

TEST(Validate, BuilderGraphIsValid) {
    Small s = smallGraph();
    EXPECT_EQ(validateGraph(s.graph), std::vector<std::string>{});
    EXPECT_NO_THROW(requireValid(s.graph, "small"));
    EXPECT_EQ(s.graph.tensors[s.conv].shape, (Shape{1, 4, 4, 8}));
    EXPECT_EQ(s.graph.tensors[s.logits].shape, (Shape{1, 10}));
    EXPECT_EQ(validateGraph(smallGraph(DType::Float32).graph), std::vector<std::string>{});
}

TEST(Validate, TensorIndexOutOfRange) {
    Small s = smallGraph();
    s.graph.ops[2].inputs[0] = 999;
    s.graph.outputs.push_back(-7);
    std::vector<std::string> problems = validateGraph(s.graph);
    const std::string count = std::to_string(s.graph.tensors.size());
    EXPECT_TRUE(hasProblem(problems, "op 2 (CONV_2D): input 0 refers to tensor index 999, out of range (" + count + " tensors)"))
        << joined(problems);
    EXPECT_TRUE(hasProblem(problems, "graph output 1: tensor index -7 is out of range (" + count + " tensors)"))
        << joined(problems);
}

TEST(Validate, InputUsedBeforeDefined) {
    Small s = smallGraph();
    std::swap(s.graph.ops[1], s.graph.ops[2]);  // pointwise now runs before the depthwise that feeds it
    std::vector<std::string> problems = validateGraph(s.graph);
    EXPECT_TRUE(hasProblem(problems, "op 1 (CONV_2D): input 0 tensor " + std::to_string(s.depthwise) +
                                         " 'dw' is used before it is defined (not a graph input, constant, or output of "
                                         "an earlier op)"))
        << joined(problems);
}

TEST(Validate, TensorWrittenTwice) {
    Small s = smallGraph();
    s.graph.ops[2].outputs[0] = s.conv;  // pointwise overwrites the first conv's output
    std::vector<std::string> problems = validateGraph(s.graph);
    EXPECT_TRUE(hasProblem(problems, "op 2 (CONV_2D): output 0 tensor " + std::to_string(s.conv) +
                                         " 'conv' is written twice (it is already a graph input, a constant, or an "
                                         "earlier op's output)"))
        << joined(problems);
}

TEST(Validate, OutputShapeDisagreesWithInference) {
    Small s = smallGraph();
    s.graph.tensors[s.conv].shape = {1, 8, 8, 8};  // as if stride 1
    std::vector<std::string> problems = validateGraph(s.graph);
    EXPECT_TRUE(hasProblem(problems, "op 0 (CONV_2D): output 0 tensor " + std::to_string(s.conv) +
                                         " 'conv' has shape 1x8x8x8, shape inference gives 1x4x4x8"))
        << joined(problems);
}

TEST(Validate, WeightShapesDisagreeWithOp) {
    Small s = smallGraph();
    int weights = s.graph.ops[0].inputs[1];
    s.graph.tensors[weights].shape = {8, 3, 3, 3};  // input has 4 channels
    s.graph.tensors[weights].data.resize(8 * 3 * 3 * 3);
    int bias = s.graph.ops[2].inputs[2];
    s.graph.tensors[bias].shape = {7};
    std::vector<std::string> problems = validateGraph(s.graph);
    EXPECT_TRUE(hasProblem(problems, "op 0 (CONV_2D): filter 8x3x3x3 has 3 input channels, which does not divide the "
                                     "input's 4"))
        << joined(problems);
    EXPECT_TRUE(hasProblem(problems, "op 2 (CONV_2D): input 2 (bias) tensor " + std::to_string(bias) +
                                         " 'project/bias' has shape 7, expected 8 values, one per output channel"))
        << joined(problems);
}

TEST(Validate, PerChannelQuantCountMismatch) {
    Small s = smallGraph();
    int weights = s.graph.ops[1].inputs[1];  // depthwise 1x3x3x8, axis 3
    s.graph.tensors[weights].quant.scale.pop_back();
    s.graph.tensors[weights].quant.zeroPoint.pop_back();
    std::vector<std::string> problems = validateGraph(s.graph);
    EXPECT_EQ(problems, (std::vector<std::string>{"op 1 (DEPTHWISE_CONV_2D): tensor " + std::to_string(weights) +
                                                  " 'dw/weights': per-channel quantization has 7 scales, expected 8 "
                                                  "(dimension 3 of 1x3x3x8)"}));
}

TEST(Validate, RequireValidThrowsAllProblems) {
    Small s = smallGraph();
    s.graph.tensors[s.conv].shape = {1, 8, 8, 8};
    s.graph.ops[3].inputs[1] = 500;
    try {
        requireValid(s.graph, "model.tflite");
        FAIL() << "accepted an invalid graph";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InvalidGraph);
        // The wrong shape also makes the depthwise conv that reads it disagree: both are listed.
        EXPECT_EQ(std::string(error.what()),
                  "model.tflite: 3 problems\n"
                  "  op 0 (CONV_2D): output 0 tensor 3 'conv' has shape 1x8x8x8, shape inference gives 1x4x4x8\n"
                  "  op 1 (DEPTHWISE_CONV_2D): output 0 tensor 6 'dw' has shape 1x4x4x8, shape inference gives 1x8x8x8\n"
                  "  op 3 (ADD): input 1 refers to tensor index 500, out of range (16 tensors)");
    }
}

TEST(Validate, UnsupportedOpsSkipShapeChecksButNotOrder) {
    Small s = smallGraph();
    s.graph.ops[1].kind = OpKind::Unsupported;
    s.graph.ops[1].unsupportedName = "GELU";
    s.graph.tensors[s.depthwise].shape = {2, 2};  // no shape rule for GELU: not itself a problem
    EXPECT_EQ(validateGraph(s.graph), (std::vector<std::string>{"op 2 (CONV_2D): input must be 4-D, got 2x2"}));
    std::swap(s.graph.ops[1], s.graph.ops[2]);
    s.graph.tensors[s.depthwise].shape = {1, 4, 4, 8};
    EXPECT_EQ(validateGraph(s.graph),
              (std::vector<std::string>{"op 1 (CONV_2D): input 0 tensor " + std::to_string(s.depthwise) +
                                        " 'dw' is used before it is defined (not a graph input, constant, or output "
                                        "of an earlier op)"}));
}

// Every real model in ../shared/models, as the TFLite reader gives it, validates.
TEST(Validate, AllSharedModelsValidate) {
    for (const char* name : {"person_detect", "mcunet_vww", "kws_ref_model", "resnet8_cifar10_int8",
                             "micro_speech_quantized", "hello_world_int8", "hello_world_float", "vww_96_float",
                             "mnist_lstm_int8"}) {
        SCOPED_TRACE(name);
        Graph graph = io::readTflite(std::string(MCUNET_SHARED_DIR) + "/models/" + name + ".tflite");
        EXPECT_EQ(validateGraph(graph), std::vector<std::string>{});
        // The check is not vacuous: most ops of each model have their shapes re-derived.
        size_t checked = std::count_if(graph.ops.begin(), graph.ops.end(),
                                       [](const Op& op) { return hasShapeInference(op.kind); });
        EXPECT_GT(checked, graph.ops.size() / 2);
    }
}
