#include "analysis/memory_plan.h"

#include <algorithm>

namespace mcunet::analysis {

void buildTimeline(const ir::Graph& graph, const std::vector<int>& stepOps, MemoryPlan& plan) {
    plan.timeline.assign(stepOps.size(), {});
    for (size_t step = 0; step < stepOps.size(); ++step) {
        TimelineStep& entry = plan.timeline[step];
        entry.opIndex = stepOps[step];
        entry.opName = graph.ops[static_cast<size_t>(stepOps[step])].name();
    }
    for (size_t index = 0; index < plan.buffers.size(); ++index) {
        const PlannedBuffer& buffer = plan.buffers[index];
        for (int step = std::max(buffer.firstStep, 0);
             step <= buffer.lastStep && step < static_cast<int>(stepOps.size()); ++step)
            plan.timeline[static_cast<size_t>(step)].liveBuffers.push_back(static_cast<int>(index));
    }
    plan.lowerBoundBytes = 0;
    for (TimelineStep& entry : plan.timeline) {
        entry.liveBytes = 0;
        for (int index : entry.liveBuffers) {
            const PlannedBuffer& buffer = plan.buffers[static_cast<size_t>(index)];
            // An alias whose source is alive now occupies the source's bytes: count it once.
            const bool sourceAlive =
                buffer.aliasOfTensor >= 0 &&
                std::any_of(entry.liveBuffers.begin(), entry.liveBuffers.end(), [&](int other) {
                    return plan.buffers[static_cast<size_t>(other)].tensor == buffer.aliasOfTensor;
                });
            if (!sourceAlive) entry.liveBytes += buffer.sizeBytes;
        }
        plan.lowerBoundBytes = std::max(plan.lowerBoundBytes, entry.liveBytes);
    }
}

}  // namespace mcunet::analysis
