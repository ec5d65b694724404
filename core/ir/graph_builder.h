// GraphBuilder: builds CNN graphs op by op, as lowering, the zoo and tests need them.
//
// Each call appends one op, creates its weight tensors and its output tensor (shape from
// shape_inference), and returns the output tensor index. Graphs come out either float32 or
// int8 in TF-Lite's quantization scheme, so the int8 engine, the runtime and the planners can
// take them as they are:
//   - activations: per-tensor asymmetric int8; scale and zero point follow the range the
//     producing op can reach (RELU6 -> [0, 6], linear -> [-4, 4], residual ADD -> [-8, 8],
//     SOFTMAX -> 1/256 with -128); weight ranges follow He initialisation (sqrt(6 / fan_in));
//   - conv / depthwise weights: per-channel symmetric int8 (zero point 0) along the output
//     channel axis (0 for CONV_2D [O,H,W,I], 3 for DEPTHWISE_CONV_2D [1,H,W,C]);
//   - biases: int32 with scale input_scale * weight_scale[c], zero point 0;
//   - FULLY_CONNECTED weights: per-tensor symmetric int8.
// Weight bytes are absent (shapes only, the fast path for profiling and NAS) or filled with
// deterministic pseudo-random values from a seed: the same seed gives the same bytes.
#pragma once

#include <cstdint>
#include <string>

#include "ir/graph.h"

namespace mcunet::ir {

struct BuilderOptions {
    DType dtype = DType::Int8;  // Int8 or Float32
    bool withWeights = false;   // fill constant weights/biases with seeded values
    uint32_t seed = 0;
    // false (only without weights): weights and biases carry no scales. For shapes-only graphs
    // nobody reads them (NAS candidates: profile, plan and Flash need shapes and dtypes), and
    // drawing a scale per channel is a tenth of a candidate's evaluation.
    bool weightQuantization = true;
};

class GraphBuilder {
public:
    explicit GraphBuilder(std::string graphName, BuilderOptions options = {});

    // A graph input of the builder's dtype (int8 inputs use scale 1/128, zero point 0).
    int addInput(const std::string& name, const Shape& shape);

    int conv2d(const std::string& name, int input, int outChannels, int kernel, int stride,
               Activation activation, Padding padding = Padding::Same, int dilation = 1);
    int depthwiseConv2d(const std::string& name, int input, int kernel, int stride, Activation activation,
                        int depthMultiplier = 1, Padding padding = Padding::Same, int dilation = 1);
    int pointwiseConv2d(const std::string& name, int input, int outChannels, Activation activation) {
        return conv2d(name, input, outChannels, 1, 1, activation);
    }
    int add(const std::string& name, int a, int b, Activation activation = Activation::None);
    // MEAN over H and W (axes [1, 2]); keepDims gives [N,1,1,C], else [N,C].
    int mean(const std::string& name, int input, bool keepDims = false);
    int averagePool2d(const std::string& name, int input, int filter, int stride, Padding padding = Padding::Valid);
    int fullyConnected(const std::string& name, int input, int units, Activation activation = Activation::None);
    int softmax(const std::string& name, int input, float beta = 1.0f);
    int hardSwish(const std::string& name, int input);
    int reshape(const std::string& name, int input, const Shape& newShape);

    void markOutput(int tensor) { graph_.outputs.push_back(tensor); }

    const Graph& graph() const { return graph_; }
    Graph finish() { return std::move(graph_); }

private:
    int addTensor(Tensor tensor);
    int addOp(Op op, const std::string& outputName, QuantParams outputQuant);
    int weightTensor(const std::string& name, Shape shape, int quantAxis, bool perChannel);
    int biasTensor(const std::string& name, int channels, int input, int weights);
    int int32Constant(const std::string& name, const std::vector<int32_t>& values);
    QuantParams activationQuant(Activation activation) const;
    static uint64_t nextRandom(uint64_t& state);

    Graph graph_;
    BuilderOptions options_;
    // Two streams so quantization parameters are the same with and without weight bytes.
    uint64_t quantRng_;
    uint64_t dataRng_;
};

}  // namespace mcunet::ir
