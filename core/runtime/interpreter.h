// The reference interpreter: runs an ir::Graph in float32 and int8 with TF-Lite Micro's
// reference-kernel semantics (commit 90b983c), bit for bit. It is the oracle every optimized
// path (engine/, generated code) is compared against, so it favours obvious loops in TFLM's own
// order over speed: float sums are accumulated in the same order as TFLM so even float models
// agree to the last bit (the float kernels switch FMA contraction off, see float_exact.h).
//
// Like TFLM it works in two phases. Construction is "Prepare": it checks every op (kind, dtypes,
// shapes, operand counts) and precomputes the fixed-point multipliers and activation clamps;
// anything it cannot execute throws mcunet::Error naming the op index and name. invoke() is
// "Eval". Unlike TFLM no buffer is reused, so every intermediate tensor stays readable after
// invoke() (what tests and the "first diverging op" tooling need).
//
//   runtime::Interpreter interpreter(io::readTflite("person_detect.tflite"));
//   interpreter.setInput(0, runtime::makeRampInput(interpreter.inputTensor(0)));
//   interpreter.invoke();
//   auto scores = interpreter.outputAs<int8_t>(0);
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/progress.h"

namespace mcunet::runtime {

struct PreparedOp;  // per-op data computed at construction (multipliers, clamps, ...)

class Interpreter {
public:
    // Takes the graph by value (it owns its copy, so temporaries are fine). Throws mcunet::Error
    // (UnsupportedModel) listing every op it cannot execute, or (InvalidGraph) for an op whose
    // operands are inconsistent.
    explicit Interpreter(ir::Graph graph);
    ~Interpreter();
    Interpreter(Interpreter&&) noexcept;
    Interpreter& operator=(Interpreter&&) noexcept;

    const ir::Graph& graph() const { return graph_; }
    size_t inputCount() const { return graph_.inputs.size(); }
    size_t outputCount() const { return graph_.outputs.size(); }
    const ir::Tensor& inputTensor(size_t index) const;
    const ir::Tensor& outputTensor(size_t index) const;

    // Raw little-endian bytes of graph input `index`; the size must equal the tensor's byte size.
    void setInput(size_t index, std::span<const uint8_t> bytes);

    // Runs every op in graph order. Inputs not set are zeros. Throws mcunet::Error only where
    // TFLM itself would fail at run time (an int8 SOFTMAX row whose exponentials sum past 512).
    void invoke();
    // The same, reporting "op i of n" to `progress` and stopping between ops when it is
    // cancelled (Error(Cancelled)); the outputs are then not valid.
    void invoke(Progress& progress);

    std::span<const uint8_t> output(size_t index) const;
    // Bytes of any tensor after invoke(): activations (every intermediate is kept), constants
    // and inputs.
    std::span<const uint8_t> tensorBytes(int tensor) const;

    template <typename T>
    std::vector<T> outputAs(size_t index) const {
        return bytesAs<T>(output(index));
    }
    template <typename T>
    std::vector<T> tensorAs(int tensor) const {
        return bytesAs<T>(tensorBytes(tensor));
    }

private:
    friend void checkExecutable(const ir::Graph& graph);
    // Prepare without the activation buffers (checkExecutable: a huge model costs no memory).
    struct PrepareOnly {};
    Interpreter(const ir::Graph& graph, PrepareOnly);
    void prepare(bool allocateActivations);

    template <typename T>
    static std::vector<T> bytesAs(std::span<const uint8_t> bytes) {
        std::vector<T> values(bytes.size() / sizeof(T));
        if (!values.empty()) std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
        return values;
    }

    ir::Graph graph_;
    std::vector<std::vector<uint8_t>> buffers_;  // one per tensor; constants point at graph data
    std::vector<std::unique_ptr<PreparedOp>> prepared_;
};

// Throws exactly what Interpreter's constructor (Prepare) throws for `graph`, and nothing when it
// would construct. Code generation calls it first, so generated code is only ever emitted for a
// model the reference can run and check: one validation for both, by construction.
void checkExecutable(const ir::Graph& graph);

// ---- Inputs -------------------------------------------------------------------------------

// The `ramp` input of ../shared/models/expected: flat element i = ((i*37 + 11) mod 256) - 128
// for int8, (i*37 + 11) mod 256 for uint8, ((i*37+11) mod 65536) - 32768 for int16, and the
// int8 value / 128.0f for float32.
std::vector<uint8_t> makeRampInput(const ir::Tensor& tensor);
std::vector<uint8_t> makeZerosInput(const ir::Tensor& tensor);

// Reads a .npy file (format 1.0/2.0/3.0, little-endian, C order; dtypes int8 '|i1', uint8 '|u1',
// float32 '<f4') as the bytes of `tensor`: the dtype must equal the tensor's and the element
// count must match (the shape may differ, e.g. 96x96 for 1x96x96x1). Throws mcunet::Error with
// the path otherwise.
std::vector<uint8_t> readNpyInput(const std::string& path, const ir::Tensor& tensor);
// The same for the bytes of a .npy file already in memory (`path` names it in errors).
std::vector<uint8_t> npyInputFromBytes(const std::vector<uint8_t>& file, const std::string& path, const ir::Tensor& tensor);
// A raw file of exactly the tensor's byte size (checked before reading).
std::vector<uint8_t> readRawInput(const std::string& path, const ir::Tensor& tensor);
// An input file for `tensor`: .npy when it starts with the .npy magic or is named *.npy, raw
// bytes otherwise. Only regular files are read, and never more than the tensor needs.
std::vector<uint8_t> readInputFile(const std::string& path, const ir::Tensor& tensor);

// An 8-bit grayscale image, rows top first.
struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;  // width * height, row-major, top row first
};

// Reads an uncompressed 8-bit palettized BMP (BITMAPINFOHEADER or later) whose palette is
// grayscale, flipping bottom-up files so row 0 is the top row. Throws mcunet::Error otherwise.
GrayImage readBmpGray8(const std::string& path);

// How image bytes become int8 input values.
enum class PixelMapping {
    Offset128,        // p -> p - 128 (the usual uint8 -> int8 shift)
    ReinterpretBytes  // byte reinterpreted as int8, as TFLM's person_detection_test does
};
std::vector<uint8_t> imageToInt8Input(const GrayImage& image, PixelMapping mapping);

// 32-bit FNV-1a (basis 0x811c9dc5, prime 0x01000193), the hash in expected/intermediate.
uint32_t fnv1a(std::span<const uint8_t> bytes);

}  // namespace mcunet::runtime
