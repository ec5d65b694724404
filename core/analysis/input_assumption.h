// What the caller writes into the model's input: the one assumption both runtimes' plans, both
// Flash estimates and the verdict are computed on, so they always compare like with like.
//
// - Declared (the default): the input tensor has the type the model declares. A float32 input
//   followed by QUANTIZE keeps both: the float buffer is in the arena and QUANTIZE runs.
// - Int8 ("int8, quantized by the caller"): a float32 graph input whose only reader is a
//   QUANTIZE is dropped together with that QUANTIZE; the caller writes the quantized tensor
//   directly (as a model converted with int8 input would take it). Inputs not shaped like that
//   keep their declared type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace mcunet::analysis {

enum class InputAssumption { Declared, Int8 };

// "declared" / "int8": the CLI's --input-type values.
std::string_view inputAssumptionName(InputAssumption assumption);
std::optional<InputAssumption> parseInputAssumption(std::string_view name);

// The QUANTIZE ops the int8 assumption drops: each is the only reader of a float32 graph input
// and has one output. Empty when the assumption changes nothing for this graph.
std::vector<int> callerQuantizedInputOps(const ir::Graph& graph);

// The graph inputs the caller writes under `assumption` (QUANTIZE outputs replace dropped inputs).
std::vector<int> effectiveInputs(const ir::Graph& graph, InputAssumption assumption);

// One line for users, e.g. "input as declared: float32 1x80x80x3 (76,800 B)" or
// "input int8, quantized by the caller: int8 1x80x80x3 (19,200 B; QUANTIZE #0 dropped)".
std::string describeInputAssumption(const ir::Graph& graph, InputAssumption assumption);

}  // namespace mcunet::analysis
