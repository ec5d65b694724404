// Checks a MemoryPlan against its graph, for either runtime. An empty result means the plan is
// sound: every buffer lies inside the arena; no two buffers alive at the same step share a
// byte unless one is a legal alias of the other (a RESHAPE/SQUEEZE view of the same bytes, or
// an in-place output that starts where its source dies, at a step whose kernel may overwrite
// its input: a depthwise conv with one output channel per input channel, or an element-wise
// ADD without broadcast); every tensor a step reads or writes is in the arena and alive at
// that step; scratch lives only during its own op; the timeline agrees with the buffers; and
// the arena is not below the lower bound.
#pragma once

#include <string>
#include <vector>

#include "analysis/memory_plan.h"
#include "ir/graph.h"

namespace mcunet::analysis {

// One sentence per problem found ("step 3 (CONV_2D #5): buffers 'a' and 'b' overlap ...").
std::vector<std::string> validatePlan(const ir::Graph& graph, const MemoryPlan& plan);

}  // namespace mcunet::analysis
