// Graph validation: every way a Graph can be inconsistent, listed at once.
//
// Checks, in one pass over the ops in execution order:
//   - graph inputs / outputs and op operands refer to existing tensors;
//   - each op input is defined before use (a graph input, a constant, a variable tensor, or the
//     output of an earlier op) and required inputs are present;
//   - no tensor is written twice (by two ops, or by an op over a graph input or constant);
//   - output shapes equal what shape inference gives (ops of unsupported kind are skipped);
//   - weights fit the op (filter channels, bias length = output channels);
//   - per-channel quantization has one scale and zero point per channel of its axis.
// Each problem is one line naming the op (index and name) and the tensor (index and name).
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"

namespace mcunet::ir {

// All problems found; empty when the graph is valid.
std::vector<std::string> validateGraph(const Graph& graph);

// Throws Error(InvalidGraph) "what: N problems: ..." listing every problem, if there are any.
void requireValid(const Graph& graph, const std::string& what);

}  // namespace mcunet::ir
