// Per-op and whole-model numbers about a graph: MACs, parameters, activation sizes, and the
// MCUNet paper's "theoretical peak activation".
//
// Conventions (the tests pin them to hand-computed values):
// - MACs: the multiply-accumulates of the weighted ops, the figure papers, TFLM's examples and
//   TinyNAS constraints quote: CONV_2D = outH*outW*outC * kH*kW*inC; DEPTHWISE = outH*outW*outC
//   * kH*kW; FULLY_CONNECTED = outputs * inputs; SVDF and UNIDIRECTIONAL_SEQUENCE_LSTM by their
//   arithmetic (see README.md); element-wise, pooling and data movement ops count 0 here.
// - MACC: every op's work in STM32Cube.AI's MACC style (README.md states the rule): the MACs
//   above plus one per output element of ADD/MUL, activations, QUANTIZE/DEQUANTIZE; kH*kW per
//   output of pooling; one per input element of MEAN; two per element of SOFTMAX; data
//   movement (RESHAPE, PAD, ...) 0.
// - An op we have no rule for (an unsupported op other than SVDF/LSTM) is marked
//   macsKnown = false: its MACs and MACC are unknown, never a silent 0, and the totals are
//   then lower bounds (Profile::macsComplete() is false, incompleteMacOps lists the ops).
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
    bool unsupported = false;       // outside our IR: our engine has no kernel (= !engineSupported)
    bool engineSupported = true;    // our engine has a kernel for this op kind
    bool tflmSupported = true;      // TF-Lite Micro has a kernel (SVDF, LSTM, ... too)
    std::vector<ir::Shape> inputShapes;   // activation inputs only
    std::vector<ir::Shape> outputShapes;
    int64_t macs = 0;               // weighted ops' multiply-accumulates (0 when !macsKnown)
    int64_t maccs = 0;              // STM32Cube.AI-style MACC of this op (0 when !macsKnown)
    bool macsKnown = true;          // false: no rule for this op, macs/maccs are not computed
    int64_t params = 0;
    int64_t paramBytes = 0;
    int64_t inputActivationBytes = 0;
    int64_t outputActivationBytes = 0;
    int64_t residentBytes = 0;      // other activations alive across this op (residuals)
    int64_t peakBytes() const { return inputActivationBytes + outputActivationBytes + residentBytes; }
};

struct Profile {
    std::vector<OpProfile> ops;
    int64_t totalMacs = 0;          // sum of the known ops' MACs (a lower bound when incomplete)
    int64_t totalMaccs = 0;         // sum of the known ops' MACC
    std::vector<int> incompleteMacOps;  // ops whose MACs are unknown
    bool macsComplete() const { return incompleteMacOps.empty(); }
    int64_t totalParams = 0;
    int64_t totalParamBytes = 0;
    int64_t theoreticalPeakBytes = 0;
    int peakOpIndex = -1;
    std::vector<std::string> unsupportedOps;  // names our engine lacks, each once
    std::vector<std::string> tflmUnsupportedOps;  // names TF-Lite Micro lacks too, each once
};

Profile profileGraph(const ir::Graph& graph);

// The whole-model totals of profileGraph (same counting rules, same code) without the per-op
// rows and the theoretical peak: what NAS needs per candidate.
struct ProfileTotals {
    int64_t macs = 0;            // of the ops whose MACs are known
    bool macsComplete = true;    // false when some op's MACs are unknown (Profile::incompleteMacOps)
    int64_t params = 0;
    int64_t paramBytes = 0;
};
ProfileTotals profileTotals(const ir::Graph& graph);

}  // namespace mcunet::analysis
