// libFuzzer target for the TFLite reader: any byte string must either import or throw
// mcunet::Error. Anything else (a crash, a sanitizer report, another exception type escaping)
// is a bug. Seed it with the real models in ../shared/models.
#include <cstddef>
#include <cstdint>

#include "io/tflite_reader.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const mcunet::ir::Graph graph = mcunet::io::readTfliteBuffer(data, size, "fuzz.tflite");
        // Touch what later stages rely on: indices in range, byte sizes consistent.
        size_t checksum = 0;
        for (const auto& op : graph.ops) {
            for (int t : op.inputs)
                if (t != mcunet::ir::kNoTensor) checksum += graph.tensors.at(t).shape.size();
            for (int t : op.outputs) checksum += graph.tensors.at(t).shape.size();
        }
        for (const auto& tensor : graph.tensors) checksum += static_cast<size_t>(tensor.byteSize());
        for (int t : graph.inputs) checksum += graph.tensors.at(t).data.size();
        for (int t : graph.outputs) checksum += graph.tensors.at(t).data.size();
        volatile size_t sink = checksum;
        (void)sink;
    } catch (const mcunet::Error&) {
        // Expected for malformed input.
    }
    return 0;
}
