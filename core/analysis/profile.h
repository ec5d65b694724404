// Per-op and whole-model numbers about a graph: MACs, parameters, activation sizes, and the
// MCUNet paper's "theoretical peak activation".
//
// Conventions (the tests pin them to hand-computed values):
// - MACs: CONV_2D = outH*outW*outC * kH*kW*inC; DEPTHWISE = outH*outW*outC * kH*kW;
//   FULLY_CONNECTED = outputs * inputs; ADD/MUL, pooling and others count 0 MACs (they are
//   element-wise or comparison work, as TFLM's and the paper's counts do).
// - params: elements of constant inputs (weights + bias); paramBytes at the stored dtype.
// - activation bytes: sum of byteSize() of non-constant inputs / outputs.
// - theoretical peak: max over ops of (input + output activation bytes of that op, plus any
//   tensor produced earlier and consumed later that must stay alive across it, such as the
//   residual input of an inverted-residual block).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace mcunet::analysis {

struct OpProfile {
    int opIndex = 0;
    std::string opName;             // "CONV_2D", or the TFLite name of an unsupported op
    bool unsupported = false;
    std::vector<ir::Shape> inputShapes;   // activation inputs only
    std::vector<ir::Shape> outputShapes;
    int64_t macs = 0;
    int64_t params = 0;
    int64_t paramBytes = 0;
    int64_t inputActivationBytes = 0;
    int64_t outputActivationBytes = 0;
    int64_t residentBytes = 0;      // other activations alive across this op (residuals)
    int64_t peakBytes() const { return inputActivationBytes + outputActivationBytes + residentBytes; }
};

struct Profile {
    std::vector<OpProfile> ops;
    int64_t totalMacs = 0;
    int64_t totalParams = 0;
    int64_t totalParamBytes = 0;
    int64_t theoreticalPeakBytes = 0;
    int peakOpIndex = -1;
    std::vector<std::string> unsupportedOps;  // names, each once
};

Profile profileGraph(const ir::Graph& graph);

// The whole-model totals of profileGraph (same counting rules, same code) without the per-op
// rows and the theoretical peak: what NAS needs per candidate.
struct ProfileTotals {
    int64_t macs = 0;
    int64_t params = 0;
    int64_t paramBytes = 0;
};
ProfileTotals profileTotals(const ir::Graph& graph);

}  // namespace mcunet::analysis
