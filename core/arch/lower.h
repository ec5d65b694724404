// An architecture as an inference graph: what analysis measures, the runtime runs and codegen emits.
#pragma once

#include <cstdint>

#include "arch/arch_config.h"
#include "ir/graph.h"

namespace mcunet::arch {

struct LowerOptions {
    ir::DType dtype = ir::DType::Int8;  // Int8 or Float32
    bool withWeights = false;           // false: shapes only (constants keep their shapes, no data)
    uint32_t seed = 0;
    int resolution = 0;  // 0: the config's resolution
    // false: shapes-only weights carry no quantization scales (ir::BuilderOptions) — the NAS
    // fast path; everything analysis measures is unchanged.
    bool weightQuantization = true;
};

// BN folded into conv biases, SAME padding, activations fused; ends with MEAN over H,W and
// FULLY_CONNECTED logits [1, classes]. The graph validates. Throws Error(InvalidArgument) for a
// config checkArchConfig refuses.
ir::Graph lowerArch(const ArchConfig& config, const LowerOptions& options = {});

}  // namespace mcunet::arch
