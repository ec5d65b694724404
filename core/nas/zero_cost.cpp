#include "nas/zero_cost.h"

#include <cmath>
#include <cstring>

#include "arch/lower.h"
#include "runtime/interpreter.h"
#include "util/error.h"

namespace mcunet::nas {

namespace {

// log|det K| of a symmetric positive semi-definite matrix by Cholesky; a tiny ridge keeps a
// singular K (two inputs with the same code) finite instead of -inf.
double logDeterminant(std::vector<double> k, size_t n) {
    for (size_t i = 0; i < n; ++i) k[i * n + i] += 1e-6;
    double logDet = 0;
    for (size_t j = 0; j < n; ++j) {
        double d = k[j * n + j];
        for (size_t p = 0; p < j; ++p) d -= k[j * n + p] * k[j * n + p];
        if (d <= 0) d = 1e-12;
        const double l = std::sqrt(d);
        k[j * n + j] = l;
        logDet += 2 * std::log(l);
        for (size_t i = j + 1; i < n; ++i) {
            double s = k[i * n + j];
            for (size_t p = 0; p < j; ++p) s -= k[i * n + p] * k[j * n + p];
            k[i * n + j] = s / l;
        }
    }
    return logDet;
}

}  // namespace

double naswotScore(const arch::ArchConfig& config, const ZeroCostOptions& options) {
    if (options.batch < 2 || options.batch > 64)
        throw Error(ErrorCode::InvalidArgument, "zero-cost score: batch must be 2..64, got " + std::to_string(options.batch));
    arch::LowerOptions lowering;
    lowering.dtype = ir::DType::Float32;
    lowering.withWeights = true;
    lowering.seed = options.seed;
    runtime::Interpreter interpreter(arch::lowerArch(config, lowering));
    const ir::Graph& graph = interpreter.graph();
    std::vector<int> coded;  // outputs of ops with a fused ReLU / ReLU6
    for (const ir::Op& op : graph.ops)
        if (op.attrs.activation == ir::Activation::Relu || op.attrs.activation == ir::Activation::Relu6)
            coded.push_back(op.outputs[0]);
    const size_t n = static_cast<size_t>(options.batch);
    std::vector<std::vector<uint64_t>> codes(n);
    const ir::Tensor& input = interpreter.inputTensor(0);
    const size_t inputValues = static_cast<size_t>(input.elementCount());
    uint64_t state = 0x9E3779B97F4A7C15ull ^ options.seed;
    for (size_t b = 0; b < n; ++b) {
        std::vector<float> image(inputValues);
        for (float& v : image) {  // splitmix64 noise in [-1, 1)
            uint64_t z = (state += 0x9E3779B97F4A7C15ull);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            z ^= z >> 31;
            v = static_cast<float>(static_cast<double>(z >> 11) * 0x1.0p-53 * 2 - 1);
        }
        interpreter.setInput(0, {reinterpret_cast<const uint8_t*>(image.data()), image.size() * sizeof(float)});
        interpreter.invoke();
        std::vector<uint64_t>& code = codes[b];
        size_t bit = 0;
        for (int tensor : coded) {
            const std::span<const uint8_t> bytes = interpreter.tensorBytes(tensor);
            const size_t count = bytes.size() / sizeof(float);
            code.resize((bit + count + 63) / 64, 0);
            for (size_t i = 0; i < count; ++i, ++bit) {
                float value;
                std::memcpy(&value, bytes.data() + i * sizeof(float), sizeof(float));
                if (value > 0) code[bit / 64] |= uint64_t{1} << (bit % 64);
            }
        }
    }
    const size_t units = [&] {
        size_t total = 0;
        for (int tensor : coded) total += static_cast<size_t>(graph.tensors[static_cast<size_t>(tensor)].elementCount());
        return total;
    }();
    std::vector<double> k(n * n);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j) {
            size_t differ = 0;
            for (size_t w = 0; w < codes[i].size(); ++w) differ += static_cast<size_t>(__builtin_popcountll(codes[i][w] ^ codes[j][w]));
            k[i * n + j] = static_cast<double>(units - differ);
        }
    return logDeterminant(std::move(k), n);
}

std::vector<SignalResult> ZeroCostSignal::score(const std::vector<const arch::ArchConfig*>& configs,
                                                const std::vector<const Metrics*>&, Progress& progress) {
    std::vector<SignalResult> results(configs.size());
    for (size_t i = 0; i < configs.size(); ++i) {
        progress.check();
        try {
            results[i].value = naswotScore(*configs[i], options_);
        } catch (const Error& e) {
            if (e.code() == ErrorCode::Cancelled) throw;
            results[i].error = e.what();
        }
    }
    return results;
}

}  // namespace mcunet::nas
