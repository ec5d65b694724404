// libFuzzer target: arbitrary bytes as a .npy input file for three kinds of model input (int8
// image, float32 vector, uint8 scalar). Reading may refuse (mcunet::Error), never crash; what it
// accepts has exactly the tensor's byte size. Seed with ../shared/bad-inputs/*.npy.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "runtime/interpreter.h"
#include "util/error.h"

namespace {

mcunet::ir::Tensor tensorOf(mcunet::ir::DType dtype, mcunet::ir::Shape shape) {
    mcunet::ir::Tensor tensor;
    tensor.name = "input";
    tensor.dtype = dtype;
    tensor.shape = std::move(shape);
    return tensor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const mcunet::ir::Tensor tensors[] = {
        tensorOf(mcunet::ir::DType::Int8, {1, 96, 96, 1}),
        tensorOf(mcunet::ir::DType::Float32, {1, 2}),
        tensorOf(mcunet::ir::DType::UInt8, {1}),
    };
    const std::vector<uint8_t> file(data, data + size);
    for (const mcunet::ir::Tensor& tensor : tensors) {
        try {
            const std::vector<uint8_t> bytes = mcunet::runtime::npyInputFromBytes(file, "fuzz.npy", tensor);
            if (static_cast<int64_t>(bytes.size()) != tensor.byteSize()) std::abort();
        } catch (const mcunet::Error&) {
        }
    }
    return 0;
}
