#include "analysis/plan_validator.h"

#include <algorithm>
#include <map>

namespace mcunet::analysis {
namespace {

std::string describe(const PlannedBuffer& buffer) {
    return "'" + buffer.owner + "' [" + std::to_string(buffer.offset) + ", " +
           std::to_string(buffer.offset + buffer.sizeBytes) + ") steps " + std::to_string(buffer.firstStep) +
           ".." + std::to_string(buffer.lastStep);
}

class Checker {
public:
    Checker(const ir::Graph& graph, const MemoryPlan& plan) : graph_(graph), plan_(plan) {
        for (size_t i = 0; i < plan.buffers.size(); ++i)
            if (plan.buffers[i].tensor >= 0) byTensor_.emplace(plan.buffers[i].tensor, static_cast<int>(i));
    }

    std::vector<std::string> run() {
        checkBuffers();
        checkOverlaps();
        if (plan_.runtime == "engine") checkEngineSteps(); else checkOpUses();
        checkTimeline();
        return errors_;
    }

private:
    const PlannedBuffer* bufferOf(int tensor) const {
        const auto it = byTensor_.find(tensor);
        return it == byTensor_.end() ? nullptr : &plan_.buffers[static_cast<size_t>(it->second)];
    }

    // The tensor whose bytes a buffer is, following views (not in-place links).
    int storageOf(const PlannedBuffer& buffer) const {
        int tensor = buffer.tensor;
        const PlannedBuffer* current = &buffer;
        for (int hops = 0; current && current->isView && hops < 64; ++hops) {
            tensor = current->aliasOfTensor;
            current = bufferOf(tensor);
        }
        return tensor;
    }

    bool alive(const PlannedBuffer& buffer, int step) const {
        return buffer.firstStep <= step && step <= buffer.lastStep;
    }

    void checkBuffers() {
        for (const PlannedBuffer& buffer : plan_.buffers) {
            if (buffer.offset < 0 || buffer.sizeBytes < 0 || buffer.offset + buffer.sizeBytes > plan_.arenaBytes)
                errors_.push_back("buffer " + describe(buffer) + " lies outside the arena of " +
                                  std::to_string(plan_.arenaBytes) + " bytes");
            if (buffer.tensor >= static_cast<int>(graph_.tensors.size()))
                errors_.push_back("buffer " + describe(buffer) + " names tensor " + std::to_string(buffer.tensor) +
                                  ", but the graph has " + std::to_string(graph_.tensors.size()));
            else if (buffer.tensor >= 0 && buffer.sizeBytes < graph_.tensors[static_cast<size_t>(buffer.tensor)].byteSize())
                errors_.push_back("buffer " + describe(buffer) + " is smaller than its tensor (" +
                                  std::to_string(graph_.tensors[static_cast<size_t>(buffer.tensor)].byteSize()) + " bytes)");
            if (buffer.isScratch && buffer.firstStep != buffer.lastStep)
                errors_.push_back("scratch " + describe(buffer) + " outlives its step");
            if (buffer.isScratch && buffer.tensor >= 0)
                errors_.push_back("scratch " + describe(buffer) + " claims a tensor");
        }
    }

    // May the step at `step` write `outTensor` over `sourceTensor`?
    bool inPlaceAllowed(int step, int sourceTensor, int outTensor) const {
        if (plan_.runtime != "engine" || step < 0 || step >= static_cast<int>(plan_.schedule.steps.size())) return false;
        const EngineStep& es = plan_.schedule.steps[static_cast<size_t>(step)];
        if (!es.inPlace || es.inPlaceInput < 0 || es.inPlaceInput >= static_cast<int>(es.inputs.size())) return false;
        const PlannedBuffer* in = bufferOf(es.inputs[static_cast<size_t>(es.inPlaceInput)]);
        const PlannedBuffer* out = bufferOf(es.output);
        if (!in || !out || storageOf(*in) != sourceTensor || storageOf(*out) != outTensor) return false;
        const ir::Tensor& inT = graph_.tensors[static_cast<size_t>(es.inputs[static_cast<size_t>(es.inPlaceInput)])];
        const ir::Tensor& outT = graph_.tensors[static_cast<size_t>(es.output)];
        if (es.kind == ir::OpKind::DepthwiseConv2D)
            return inT.shape.size() == 4 && outT.shape.size() == 4 && inT.shape[0] == 1 && inT.shape[3] == outT.shape[3] &&
                   outT.byteSize() <= inT.byteSize() && ir::dtypeSize(inT.dtype) == ir::dtypeSize(outT.dtype);
        if (es.kind == ir::OpKind::Add) {
            for (int input : es.inputs)
                if (graph_.tensors[static_cast<size_t>(input)].shape != outT.shape) return false;
            return inT.dtype == outT.dtype;
        }
        return false;
    }

    bool legalOverlap(const PlannedBuffer& a, const PlannedBuffer& b, int from, int to) const {
        if (a.isScratch || b.isScratch) return false;
        const int storageA = storageOf(a), storageB = storageOf(b);
        if (storageA == storageB) return a.offset == b.offset;  // views of the same bytes
        // An in-place link between the two storages, overlapping only at the in-place step.
        for (const auto& [source, target] : {std::pair{storageA, storageB}, std::pair{storageB, storageA}}) {
            const PlannedBuffer* targetBuffer = bufferOf(target);
            const PlannedBuffer* sourceBuffer = bufferOf(source);
            if (!targetBuffer || !sourceBuffer || targetBuffer->isView || targetBuffer->aliasOfTensor != source) continue;
            const int step = targetBuffer->firstStep;
            if (from == step && to == step && sourceBuffer->lastStep == step &&
                targetBuffer->offset == sourceBuffer->offset && targetBuffer->sizeBytes <= sourceBuffer->sizeBytes &&
                inPlaceAllowed(step, source, target))
                return true;
        }
        return false;
    }

    void checkOverlaps() {
        const auto& buffers = plan_.buffers;
        for (size_t i = 0; i < buffers.size(); ++i) {
            for (size_t j = i + 1; j < buffers.size(); ++j) {
                const PlannedBuffer &a = buffers[i], &b = buffers[j];
                const int from = std::max(a.firstStep, b.firstStep), to = std::min(a.lastStep, b.lastStep);
                if (from > to || a.sizeBytes == 0 || b.sizeBytes == 0) continue;
                if (a.offset >= b.offset + b.sizeBytes || b.offset >= a.offset + a.sizeBytes) continue;
                if (legalOverlap(a, b, from, to)) continue;
                errors_.push_back("step " + std::to_string(from) + ": buffers " + describe(a) + " and " + describe(b) +
                                  " are alive at once and share bytes");
            }
        }
    }

    void expectAlive(int tensor, int step, int64_t offset, const std::string& where) {
        const PlannedBuffer* buffer = bufferOf(tensor);
        if (!buffer) {
            errors_.push_back(where + ": tensor " + std::to_string(tensor) + " has no buffer in the arena");
            return;
        }
        if (!alive(*buffer, step)) errors_.push_back(where + ": buffer " + describe(*buffer) + " is not alive when used");
        if (offset >= 0 && offset != buffer->offset)
            errors_.push_back(where + ": schedule offset " + std::to_string(offset) + " disagrees with buffer " + describe(*buffer));
    }

    void checkEngineSteps() {
        const auto& steps = plan_.schedule.steps;
        if (steps.size() != plan_.timeline.size())
            errors_.push_back("schedule has " + std::to_string(steps.size()) + " steps, timeline " +
                              std::to_string(plan_.timeline.size()));
        for (size_t p = 0; p < steps.size(); ++p) {
            const EngineStep& es = steps[p];
            const std::string where = "step " + std::to_string(p) + " (" +
                                      std::string(ir::opKindName(es.kind)) + " #" + std::to_string(es.opIndex) + ")";
            for (size_t k = 0; k < es.inputs.size(); ++k)
                expectAlive(es.inputs[k], static_cast<int>(p), k < es.inputOffsets.size() ? es.inputOffsets[k] : -1, where);
            expectAlive(es.output, static_cast<int>(p), es.outputOffset, where);
            if (es.inPlace) {
                const PlannedBuffer* out = bufferOf(es.output);
                const PlannedBuffer* in = es.inPlaceInput >= 0 && es.inPlaceInput < static_cast<int>(es.inputs.size())
                                              ? bufferOf(es.inputs[static_cast<size_t>(es.inPlaceInput)]) : nullptr;
                if (!in || !out || !inPlaceAllowed(static_cast<int>(p), storageOf(*in), storageOf(*out)))
                    errors_.push_back(where + ": marked in place where that is not legal");
                else if (in->lastStep != static_cast<int>(p))
                    errors_.push_back(where + ": in place over " + describe(*in) + ", which is still needed later");
            }
            const int scratchCount = static_cast<int>(std::count_if(plan_.buffers.begin(), plan_.buffers.end(), [&](const PlannedBuffer& b) {
                return b.isScratch && b.firstStep == static_cast<int>(p) && b.stepOp == es.opIndex &&
                       b.offset == es.scratchOffset && b.sizeBytes == es.scratchBytes;
            }));
            if (es.scratchBytes > 0 && scratchCount != 1)
                errors_.push_back(where + ": its " + std::to_string(es.scratchBytes) + "-byte scratch is not planned at offset " +
                                  std::to_string(es.scratchOffset));
        }
    }

    void checkOpUses() {
        for (size_t op = 0; op < graph_.ops.size() && op < plan_.timeline.size(); ++op) {
            const std::string where = "step " + std::to_string(op) + " (" + graph_.ops[op].name() + ")";
            auto check = [&](int tensor) {
                if (!graph_.isActivation(tensor) || graph_.tensors[static_cast<size_t>(tensor)].isVariable ||
                    graph_.tensors[static_cast<size_t>(tensor)].byteSize() == 0) return;
                expectAlive(tensor, static_cast<int>(op), -1, where);
            };
            for (int tensor : graph_.ops[op].inputs) check(tensor);
            for (int tensor : graph_.ops[op].outputs) check(tensor);
        }
    }

    void checkTimeline() {
        MemoryPlan recomputed = plan_;
        std::vector<int> stepOps;
        for (const TimelineStep& step : plan_.timeline) stepOps.push_back(step.opIndex);
        buildTimeline(graph_, stepOps, recomputed);
        for (size_t p = 0; p < plan_.timeline.size(); ++p) {
            if (recomputed.timeline[p].liveBuffers != plan_.timeline[p].liveBuffers ||
                recomputed.timeline[p].liveBytes != plan_.timeline[p].liveBytes)
                errors_.push_back("timeline step " + std::to_string(p) + " disagrees with the buffers' lifetimes (" +
                                  std::to_string(plan_.timeline[p].liveBytes) + " live bytes recorded, " +
                                  std::to_string(recomputed.timeline[p].liveBytes) + " computed)");
        }
        if (recomputed.lowerBoundBytes != plan_.lowerBoundBytes)
            errors_.push_back("lower bound " + std::to_string(plan_.lowerBoundBytes) + " should be " +
                              std::to_string(recomputed.lowerBoundBytes));
        if (plan_.arenaBytes < recomputed.lowerBoundBytes)
            errors_.push_back("arena of " + std::to_string(plan_.arenaBytes) + " bytes is below the bytes alive at once (" +
                              std::to_string(recomputed.lowerBoundBytes) + ")");
    }

    const ir::Graph& graph_;
    const MemoryPlan& plan_;
    std::multimap<int, int> byTensor_;
    std::vector<std::string> errors_;
};

}  // namespace

std::vector<std::string> validatePlan(const ir::Graph& graph, const MemoryPlan& plan) {
    return Checker(graph, plan).run();
}

}  // namespace mcunet::analysis
