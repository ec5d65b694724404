#include "analysis/engine_planner.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>
#include <optional>
#include <set>
#include <utility>

#include "analysis/engine_kernels.h"
#include "analysis/input_assumption.h"
#include "util/error.h"

namespace mcunet::analysis {
namespace {

using ir::OpKind;

int64_t alignUp(int64_t value, int64_t alignment) {
    return (value + alignment - 1) / alignment * alignment;
}

// A step before ordering: one kernel call with what was folded into it.
struct StepDraft {
    int op = -1;
    int padOp = -1;
    int activationOp = -1;
    std::vector<int> inputs;  // activation tensors read
    int output = -1;
};

// The rewritten graph: steps, views and the graph's effective inputs/outputs.
struct Rewrite {
    std::vector<StepDraft> steps;        // in graph order
    std::vector<int> viewSource;         // per tensor: the tensor it is a view of, or -1
    std::vector<int> droppedOps;
    std::vector<int> inputs;             // after dropping QUANTIZE
    std::vector<std::string> notes;
};

bool isActivationOp(OpKind kind) { return kind == OpKind::Relu || kind == OpKind::Relu6; }

bool canAbsorbActivation(OpKind kind) {
    switch (kind) {
        case OpKind::Conv2D: case OpKind::DepthwiseConv2D: case OpKind::FullyConnected:
        case OpKind::Add: case OpKind::Mul: case OpKind::AveragePool2D: case OpKind::MaxPool2D:
            return true;
        default:
            return false;
    }
}

bool isGraphOutput(const ir::Graph& graph, int tensor) {
    return std::find(graph.outputs.begin(), graph.outputs.end(), tensor) != graph.outputs.end();
}

// Padding amounts of a PAD op as [dim][before, after], from its constant operand.
std::optional<std::vector<std::array<int64_t, 2>>> padAmounts(const ir::Graph& graph, const ir::Op& pad) {
    if (pad.inputs.size() < 2 || pad.inputs[1] < 0) return std::nullopt;
    const ir::Tensor& paddings = graph.tensors[static_cast<size_t>(pad.inputs[1])];
    const int64_t count = paddings.elementCount();
    const int width = paddings.dtype == ir::DType::Int64 ? 8 : 4;
    if (paddings.data.size() < static_cast<size_t>(count * width) || count % 2) return std::nullopt;
    std::vector<std::array<int64_t, 2>> amounts(static_cast<size_t>(count / 2));
    for (int64_t i = 0; i < count; ++i) {
        int64_t value = 0;
        if (width == 8) {
            std::memcpy(&value, paddings.data.data() + i * 8, 8);
        } else {
            int32_t narrow = 0;
            std::memcpy(&narrow, paddings.data.data() + i * 4, 4);
            value = narrow;
        }
        amounts[static_cast<size_t>(i / 2)][static_cast<size_t>(i % 2)] = value;
    }
    return amounts;
}

// A PAD can fold into its consumer conv when it pads only height and width.
bool padIsSpatialOnly(const ir::Graph& graph, const ir::Op& pad) {
    const ir::Shape& in = graph.tensors[static_cast<size_t>(pad.inputs[0])].shape;
    const ir::Shape& out = graph.tensors[static_cast<size_t>(pad.outputs[0])].shape;
    if (in.size() != 4 || out.size() != 4 || in[0] != out[0] || in[3] != out[3]) return false;
    const auto amounts = padAmounts(graph, pad);
    if (!amounts) return true;  // shape-only graph: the shapes already show a spatial pad
    return amounts->size() == 4 && (*amounts)[0][0] == 0 && (*amounts)[0][1] == 0 &&
           (*amounts)[3][0] == 0 && (*amounts)[3][1] == 0;
}

Rewrite rewriteGraph(const ir::Graph& graph, const EnginePlanOptions& options) {
    Rewrite rw;
    const size_t opCount = graph.ops.size();
    rw.viewSource.assign(graph.tensors.size(), -1);
    std::vector<bool> consumed(opCount, false);  // dropped, fused or a view
    std::vector<int> padFor(opCount, -1), activationFor(opCount, -1);

    rw.inputs = effectiveInputs(graph, options.int8Input ? InputAssumption::Int8 : InputAssumption::Declared);
    if (options.int8Input) {
        for (int dropped : callerQuantizedInputOps(graph)) {
            const ir::Tensor& quantized = graph.tensors[static_cast<size_t>(graph.ops[static_cast<size_t>(dropped)].outputs[0])];
            consumed[static_cast<size_t>(dropped)] = true;
            rw.droppedOps.push_back(dropped);
            rw.notes.push_back("int8 input: QUANTIZE #" + std::to_string(dropped) + " dropped, the caller writes '" +
                               quantized.name + "' (" + std::string(ir::dtypeName(quantized.dtype)) + ") directly");
        }
    }

    for (size_t i = 0; i < opCount; ++i) {
        const ir::Op& op = graph.ops[i];
        if (consumed[i]) continue;
        if ((op.kind == OpKind::Reshape || op.kind == OpKind::Squeeze) && !op.inputs.empty() &&
            op.outputs.size() == 1 &&
            graph.tensors[static_cast<size_t>(op.inputs[0])].byteSize() ==
                graph.tensors[static_cast<size_t>(op.outputs[0])].byteSize()) {
            rw.viewSource[static_cast<size_t>(op.outputs[0])] = op.inputs[0];
            consumed[i] = true;
            rw.droppedOps.push_back(static_cast<int>(i));
            continue;
        }
        if (op.kind == OpKind::Pad && op.outputs.size() == 1 && !isGraphOutput(graph, op.outputs[0])) {
            const auto readers = graph.consumersOf(op.outputs[0]);
            if (readers.size() == 1) {
                const ir::Op& conv = graph.ops[static_cast<size_t>(readers[0])];
                if ((conv.kind == OpKind::Conv2D || conv.kind == OpKind::DepthwiseConv2D) &&
                    conv.inputs[0] == op.outputs[0] && padIsSpatialOnly(graph, op) &&
                    padFor[static_cast<size_t>(readers[0])] < 0) {
                    padFor[static_cast<size_t>(readers[0])] = static_cast<int>(i);
                    consumed[i] = true;
                    rw.droppedOps.push_back(static_cast<int>(i));
                    continue;
                }
            }
        }
        if (isActivationOp(op.kind) && !op.inputs.empty()) {
            const auto producer = graph.producerOf(op.inputs[0]);
            if (producer && !consumed[static_cast<size_t>(*producer)] &&
                canAbsorbActivation(graph.ops[static_cast<size_t>(*producer)].kind) &&
                activationFor[static_cast<size_t>(*producer)] < 0 &&
                graph.consumersOf(op.inputs[0]).size() == 1 && !isGraphOutput(graph, op.inputs[0]) &&
                graph.ops[static_cast<size_t>(*producer)].attrs.activation == ir::Activation::None) {
                activationFor[static_cast<size_t>(*producer)] = static_cast<int>(i);
                consumed[i] = true;
                rw.droppedOps.push_back(static_cast<int>(i));
                continue;
            }
        }
    }

    for (size_t i = 0; i < opCount; ++i) {
        if (consumed[i]) continue;
        const ir::Op& op = graph.ops[i];
        StepDraft step;
        step.op = static_cast<int>(i);
        step.padOp = padFor[i];
        step.activationOp = activationFor[i];
        for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
            int tensor = op.inputs[slot];
            if (!graph.isActivation(tensor)) continue;
            if (slot == 0 && step.padOp >= 0) tensor = graph.ops[static_cast<size_t>(step.padOp)].inputs[0];
            step.inputs.push_back(tensor);
        }
        if (op.outputs.size() != 1)
            throw Error(ErrorCode::UnsupportedModel,
                        graph.name + ": op #" + std::to_string(i) + " " + op.name() +
                            " has " + std::to_string(op.outputs.size()) + " outputs; the engine expects one");
        step.output = step.activationOp >= 0 ? graph.ops[static_cast<size_t>(step.activationOp)].outputs[0]
                                             : op.outputs[0];
        rw.steps.push_back(std::move(step));
    }
    std::sort(rw.droppedOps.begin(), rw.droppedOps.end());
    return rw;
}

int rootOf(const std::vector<int>& viewSource, int tensor) {
    while (tensor >= 0 && viewSource[static_cast<size_t>(tensor)] >= 0) tensor = viewSource[static_cast<size_t>(tensor)];
    return tensor;
}

KernelScratchQuery scratchQuery(const ir::Graph& graph, const StepDraft& step, bool inPlace, bool depthwiseAsConv) {
    const ir::Op& op = graph.ops[static_cast<size_t>(step.op)];
    KernelScratchQuery query;
    query.kind = op.kind;
    query.depthwiseAsConv = depthwiseAsConv;
    if (!step.inputs.empty()) query.input = graph.tensors[static_cast<size_t>(step.inputs[0])].shape;
    query.output = graph.tensors[static_cast<size_t>(step.output)].shape;
    query.strideH = op.attrs.strideH;
    query.strideW = op.attrs.strideW;
    query.inPlace = inPlace;
    if (op.kind == OpKind::FullyConnected && op.inputs.size() > 1 && op.inputs[1] >= 0) {
        const ir::Shape& filter = graph.tensors[static_cast<size_t>(op.inputs[1])].shape;
        if (filter.size() == 2) query.inputDepth = filter[1];
    }
    if (op.kind == OpKind::Conv2D || op.kind == OpKind::DepthwiseConv2D) {
        const ir::Shape& filter = graph.tensors[static_cast<size_t>(op.inputs[1])].shape;
        if (filter.size() == 4) {
            query.filterH = filter[1];
            query.filterW = filter[2];
        }
        if (step.padOp >= 0) {
            if (const auto amounts = padAmounts(graph, graph.ops[static_cast<size_t>(step.padOp)])) {
                query.padTop = static_cast<int32_t>((*amounts)[1][0]);
                query.padBottom = static_cast<int32_t>((*amounts)[1][1]);
                query.padLeft = static_cast<int32_t>((*amounts)[2][0]);
                query.padRight = static_cast<int32_t>((*amounts)[2][1]);
            } else {
                const ir::Shape& padded = graph.tensors[static_cast<size_t>(op.inputs[0])].shape;
                query.padTop = (padded[1] - query.input[1]) / 2;
                query.padBottom = padded[1] - query.input[1] - query.padTop;
                query.padLeft = (padded[2] - query.input[2]) / 2;
                query.padRight = padded[2] - query.input[2] - query.padLeft;
            }
        } else if (op.attrs.padding == ir::Padding::Same && query.input.size() == 4 && query.output.size() == 4) {
            auto total = [](int64_t in, int64_t out, int64_t stride, int64_t k, int64_t dilation) {
                return std::max<int64_t>((out - 1) * stride + (k - 1) * dilation + 1 - in, 0);
            };
            const int64_t padH = total(query.input[1], query.output[1], op.attrs.strideH, query.filterH, op.attrs.dilationH);
            const int64_t padW = total(query.input[2], query.output[2], op.attrs.strideW, query.filterW, op.attrs.dilationW);
            query.padTop = static_cast<int32_t>(padH / 2);
            query.padBottom = static_cast<int32_t>(padH - padH / 2);
            query.padLeft = static_cast<int32_t>(padW / 2);
            query.padRight = static_cast<int32_t>(padW - padW / 2);
        }
    }
    return query;
}

// Storage (a root tensor and its views) lifetimes and in-place links for one step order.
struct Schedule {
    std::vector<int> order;               // indices into Rewrite::steps
    std::vector<int> first, last;         // per tensor (roots only meaningful), step positions
    std::vector<int> inPlaceSlot;         // per position: input slot overwritten, or -1
    std::vector<int64_t> scratch;         // per position
    std::vector<bool> depthwiseAsConv;    // per position: a depthwise step planned as a conv
};

Schedule scheduleFor(const ir::Graph& graph, const Rewrite& rw, const std::vector<int>& order,
                     const EnginePlanOptions& options, bool depthwiseAsConv) {
    Schedule s;
    s.order = order;
    const size_t tensorCount = graph.tensors.size();
    s.first.assign(tensorCount, -1);
    s.last.assign(tensorCount, -1);
    const int stepCount = static_cast<int>(order.size());
    for (int input : rw.inputs) {
        const int root = rootOf(rw.viewSource, input);
        s.first[static_cast<size_t>(root)] = 0;
        s.last[static_cast<size_t>(root)] = std::max(s.last[static_cast<size_t>(root)], 0);
    }
    for (int pos = 0; pos < stepCount; ++pos) {
        const StepDraft& step = rw.steps[static_cast<size_t>(order[static_cast<size_t>(pos)])];
        for (int tensor : step.inputs) {
            const int root = rootOf(rw.viewSource, tensor);
            s.last[static_cast<size_t>(root)] = std::max(s.last[static_cast<size_t>(root)], pos);
        }
        const int out = rootOf(rw.viewSource, step.output);
        if (s.first[static_cast<size_t>(out)] < 0) s.first[static_cast<size_t>(out)] = pos;
        s.last[static_cast<size_t>(out)] = std::max(s.last[static_cast<size_t>(out)], pos);
    }
    for (int output : graph.outputs) {
        const int root = rootOf(rw.viewSource, output);
        if (s.first[static_cast<size_t>(root)] >= 0) s.last[static_cast<size_t>(root)] = std::max(stepCount - 1, 0);
    }

    s.inPlaceSlot.assign(static_cast<size_t>(stepCount), -1);
    s.scratch.assign(static_cast<size_t>(stepCount), 0);
    s.depthwiseAsConv.assign(static_cast<size_t>(stepCount), false);
    std::vector<bool> isOutputRoot(tensorCount, false);
    for (int output : graph.outputs) isOutputRoot[static_cast<size_t>(rootOf(rw.viewSource, output))] = true;
    for (int pos = 0; pos < stepCount; ++pos) {
        const StepDraft& step = rw.steps[static_cast<size_t>(order[static_cast<size_t>(pos)])];
        const ir::Op& op = graph.ops[static_cast<size_t>(step.op)];
        const ir::Tensor& out = graph.tensors[static_cast<size_t>(step.output)];
        auto diesHere = [&](int tensor) {
            const int root = rootOf(rw.viewSource, tensor);
            return s.last[static_cast<size_t>(root)] == pos && !isOutputRoot[static_cast<size_t>(root)];
        };
        if (options.inPlace && op.kind == OpKind::DepthwiseConv2D && step.inputs.size() == 1) {
            const ir::Tensor& in = graph.tensors[static_cast<size_t>(step.inputs[0])];
            if (diesHere(step.inputs[0]) && in.shape.size() == 4 && out.shape.size() == 4 &&
                in.shape[0] == 1 && in.shape[3] == out.shape[3] && dtypeSize(in.dtype) == dtypeSize(out.dtype) &&
                out.byteSize() <= in.byteSize())
                s.inPlaceSlot[static_cast<size_t>(pos)] = 0;
        }
        if (options.inPlace && op.kind == OpKind::Add && step.inputs.size() == 2 &&
            rootOf(rw.viewSource, step.inputs[0]) != rootOf(rw.viewSource, step.inputs[1])) {
            for (int slot = 0; slot < 2; ++slot) {
                const ir::Tensor& in = graph.tensors[static_cast<size_t>(step.inputs[static_cast<size_t>(slot)])];
                const ir::Tensor& other = graph.tensors[static_cast<size_t>(step.inputs[static_cast<size_t>(1 - slot)])];
                if (diesHere(step.inputs[static_cast<size_t>(slot)]) && in.shape == out.shape &&
                    other.shape == out.shape && in.dtype == out.dtype) {
                    s.inPlaceSlot[static_cast<size_t>(pos)] = slot;
                    break;
                }
            }
        }
        const KernelScratchQuery query =
            scratchQuery(graph, step, s.inPlaceSlot[static_cast<size_t>(pos)] >= 0, depthwiseAsConv);
        s.scratch[static_cast<size_t>(pos)] = engineKernelScratchBytes(query);
        if (op.kind == OpKind::DepthwiseConv2D && depthwiseAsConv && query.input.size() == 4 && query.output.size() == 4 &&
            query.input[3] > 0)
            s.depthwiseAsConv[static_cast<size_t>(pos)] =
                depthwiseRunsAsConv(query.input[3], query.output[3] / query.input[3], query.inPlace);
    }
    return s;
}

// A rectangle in (time, address): one storage or one scratch buffer.
struct Rect {
    int64_t size = 0;
    int first = 0, last = 0;
};

struct Group {
    std::vector<Rect> rects;
    int64_t maxSize = 0;
    int first = 0;
    int64_t area = 0;
};

// Places the groups in `order`; base offsets go to `base`, the arena size is returned. The
// buffers are per-thread and reused: NAS calls this hundreds of thousands of times.
int64_t placeGroups(const std::vector<Group>& groups, const std::vector<int>& order, int64_t alignment,
                    std::vector<int64_t>& base) {
    struct Placed { int64_t offset, end; int first, last; };
    thread_local std::vector<Placed> placed;
    thread_local std::vector<std::pair<int, int>> conflicts;  // (rect of the group, placed index)
    thread_local std::vector<int64_t> candidates;
    // Placed rects per step they are alive at, so a rect meets only the few rects of its own
    // steps instead of all placed ones; `seenBy` keeps a rect from being met twice.
    thread_local std::vector<std::vector<int>> aliveAt;
    thread_local std::vector<int> seenBy;
    int lastStep = 0;
    for (const Group& group : groups)
        for (const Rect& rect : group.rects) lastStep = std::max(lastStep, rect.last);
    if (aliveAt.size() < static_cast<size_t>(lastStep) + 1) aliveAt.resize(static_cast<size_t>(lastStep) + 1);
    for (int step = 0; step <= lastStep; ++step) aliveAt[static_cast<size_t>(step)].clear();
    placed.clear();
    seenBy.clear();
    base.assign(groups.size(), 0);
    int64_t arenaBytes = 0;
    int visit = 0;
    for (int g : order) {
        const Group& group = groups[static_cast<size_t>(g)];
        // Placed rects that meet this group in time, per rect of the group.
        conflicts.clear();
        candidates.assign(1, 0);
        for (size_t r = 0; r < group.rects.size(); ++r) {
            ++visit;
            for (int step = std::max(group.rects[r].first, 0); step <= group.rects[r].last; ++step) {
                for (int p : aliveAt[static_cast<size_t>(step)]) {
                    if (seenBy[static_cast<size_t>(p)] == visit) continue;
                    seenBy[static_cast<size_t>(p)] = visit;
                    conflicts.emplace_back(static_cast<int>(r), p);
                    candidates.push_back(alignUp(placed[static_cast<size_t>(p)].end, alignment));
                }
            }
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        int64_t chosen = candidates.back();
        for (int64_t offset : candidates) {
            bool fits = true;
            for (const auto& [r, p] : conflicts) {
                const Placed& other = placed[static_cast<size_t>(p)];
                if (offset < other.end && other.offset < offset + group.rects[static_cast<size_t>(r)].size) {
                    fits = false;
                    break;
                }
            }
            if (fits) { chosen = offset; break; }
        }
        base[static_cast<size_t>(g)] = chosen;
        for (const Rect& rect : group.rects) {
            const int index = static_cast<int>(placed.size());
            placed.push_back({chosen, chosen + rect.size, rect.first, rect.last});
            seenBy.push_back(0);
            for (int step = std::max(rect.first, 0); step <= rect.last; ++step) aliveAt[static_cast<size_t>(step)].push_back(index);
            arenaBytes = std::max(arenaBytes, chosen + rect.size);
        }
    }
    return arenaBytes;
}

// Topological list schedule over steps; `score` ranks the ready steps (lower first).
template <typename Score>
std::vector<int> listSchedule(const ir::Graph& graph, const Rewrite& rw, Score score) {
    const size_t count = rw.steps.size();
    std::vector<int> producerStep(graph.tensors.size(), -1);
    for (size_t i = 0; i < count; ++i) producerStep[static_cast<size_t>(rootOf(rw.viewSource, rw.steps[i].output))] = static_cast<int>(i);
    std::vector<std::set<int>> deps(count);
    for (size_t i = 0; i < count; ++i)
        for (int tensor : rw.steps[i].inputs) {
            const int producer = producerStep[static_cast<size_t>(rootOf(rw.viewSource, tensor))];
            if (producer >= 0 && producer != static_cast<int>(i)) deps[i].insert(producer);
        }
    std::vector<bool> done(count, false);
    std::vector<int> order;
    while (order.size() < count) {
        int best = -1;
        std::pair<int64_t, int64_t> bestScore{};
        for (size_t i = 0; i < count; ++i) {
            if (done[i]) continue;
            if (!std::all_of(deps[i].begin(), deps[i].end(), [&](int d) { return done[static_cast<size_t>(d)]; })) continue;
            const auto value = score(static_cast<int>(i), done);
            if (best < 0 || value < bestScore) { best = static_cast<int>(i); bestScore = value; }
        }
        if (best < 0) break;  // a cycle: cannot happen for a valid graph; keep what is ordered
        done[static_cast<size_t>(best)] = true;
        order.push_back(best);
    }
    return order;
}

// Storages grouped by in-place links, scratch groups, and the order a strategy places them in.
struct Layout {
    std::vector<int> groupOf, parent, inPlaceSource, storageRoots, scratchGroup, order;
    std::vector<Group> groups;
    int find(int x) {
        while (parent[static_cast<size_t>(x)] != x)
            x = parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
        return x;
    }
};

void buildLayout(const ir::Graph& graph, const Rewrite& rw, const Schedule& s, PlacementStrategy strategy,
                 Layout& layout) {
    const size_t tensorCount = graph.tensors.size();
    const int stepCount = static_cast<int>(s.order.size());

    // Storages (roots alive at some step) and the in-place links between them.
    std::vector<int>& groupOf = layout.groupOf;
    groupOf.assign(tensorCount, -1);
    layout.parent.resize(tensorCount);
    std::iota(layout.parent.begin(), layout.parent.end(), 0);
    auto find = [&](int x) { return layout.find(x); };
    std::vector<int>& inPlaceSource = layout.inPlaceSource;
    inPlaceSource.assign(tensorCount, -1);
    for (int pos = 0; pos < stepCount; ++pos) {
        const int slot = s.inPlaceSlot[static_cast<size_t>(pos)];
        if (slot < 0) continue;
        const StepDraft& step = rw.steps[static_cast<size_t>(s.order[static_cast<size_t>(pos)])];
        const int in = rootOf(rw.viewSource, step.inputs[static_cast<size_t>(slot)]);
        const int out = rootOf(rw.viewSource, step.output);
        inPlaceSource[static_cast<size_t>(out)] = in;
        layout.parent[static_cast<size_t>(find(out))] = find(in);
    }
    std::vector<Group>& groups = layout.groups;
    for (Group& group : groups) group.rects.clear();
    size_t groupCount = 0;
    auto newGroup = [&]() -> Group& {
        if (groupCount == groups.size()) groups.emplace_back();
        Group& group = groups[groupCount++];
        group.rects.clear();
        group.maxSize = group.area = 0;
        group.first = 0;
        return group;
    };
    std::vector<int>& storageRoots = layout.storageRoots;
    storageRoots.clear();
    for (size_t t = 0; t < tensorCount; ++t) {
        if (s.first[t] < 0 || rw.viewSource[t] >= 0) continue;
        storageRoots.push_back(static_cast<int>(t));
        const int key = find(static_cast<int>(t));
        if (groupOf[static_cast<size_t>(key)] < 0) {
            groupOf[static_cast<size_t>(key)] = static_cast<int>(groupCount);
            newGroup();
        }
        Group& group = groups[static_cast<size_t>(groupOf[static_cast<size_t>(key)])];
        group.rects.push_back(Rect{graph.tensors[t].byteSize(), s.first[t], s.last[t]});
    }
    std::vector<int>& scratchGroup = layout.scratchGroup;
    scratchGroup.assign(static_cast<size_t>(stepCount), -1);
    for (int pos = 0; pos < stepCount; ++pos) {
        if (s.scratch[static_cast<size_t>(pos)] <= 0) continue;
        scratchGroup[static_cast<size_t>(pos)] = static_cast<int>(groupCount);
        newGroup().rects.push_back(Rect{s.scratch[static_cast<size_t>(pos)], pos, pos});
    }
    groups.resize(groupCount);
    for (Group& group : groups) {
        group.first = group.rects.front().first;
        for (const Rect& rect : group.rects) {
            group.maxSize = std::max(group.maxSize, rect.size);
            group.first = std::min(group.first, rect.first);
            group.area += rect.size * (rect.last - rect.first + 1);
        }
    }

    std::vector<int>& order = layout.order;
    order.resize(groups.size());
    std::iota(order.begin(), order.end(), 0);
    switch (strategy) {
        case PlacementStrategy::GreedyByTime:
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                const Group &ga = groups[static_cast<size_t>(a)], &gb = groups[static_cast<size_t>(b)];
                return ga.first != gb.first ? ga.first < gb.first : ga.maxSize > gb.maxSize;
            });
            break;
        case PlacementStrategy::GreedyByArea:
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                return groups[static_cast<size_t>(a)].area > groups[static_cast<size_t>(b)].area;
            });
            break;
        default:
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                const Group &ga = groups[static_cast<size_t>(a)], &gb = groups[static_cast<size_t>(b)];
                return ga.maxSize != gb.maxSize ? ga.maxSize > gb.maxSize : ga.area > gb.area;
            });
            break;
    }
}

// The search's inner loop: only the arena of one (schedule, strategy).
int64_t arenaFor(const ir::Graph& graph, const Rewrite& rw, const Schedule& s, const EnginePlanOptions& options,
                 PlacementStrategy strategy) {
    thread_local Layout layout;
    thread_local std::vector<int64_t> base;
    buildLayout(graph, rw, s, strategy, layout);
    return placeGroups(layout.groups, layout.order, options.alignment, base);
}

MemoryPlan buildPlan(const ir::Graph& graph, const Rewrite& rw, const Schedule& s,
                     const EnginePlanOptions& options, PlacementStrategy strategy) {
    const size_t tensorCount = graph.tensors.size();
    const int stepCount = static_cast<int>(s.order.size());
    Layout layout;
    buildLayout(graph, rw, s, strategy, layout);
    auto find = [&](int x) { return layout.find(x); };
    const std::vector<int>& groupOf = layout.groupOf;
    const std::vector<int>& inPlaceSource = layout.inPlaceSource;
    const std::vector<int>& storageRoots = layout.storageRoots;
    const std::vector<int>& scratchGroup = layout.scratchGroup;
    MemoryPlan plan;
    plan.runtime = "engine";
    plan.strategy = std::string(placementStrategyName(strategy));
    std::vector<int64_t> base;
    plan.arenaBytes = placeGroups(layout.groups, layout.order, options.alignment, base);
    plan.minimumArenaBytes = plan.arenaBytes;

    // Buffers: storages, then the views that read them, then scratch.
    std::vector<int64_t> tensorOffset(tensorCount, -1);
    for (int root : storageRoots) {
        PlannedBuffer buffer;
        buffer.tensor = root;
        buffer.owner = graph.tensors[static_cast<size_t>(root)].name;
        buffer.offset = base[static_cast<size_t>(groupOf[static_cast<size_t>(find(root))])];
        buffer.sizeBytes = graph.tensors[static_cast<size_t>(root)].byteSize();
        buffer.firstStep = s.first[static_cast<size_t>(root)];
        buffer.lastStep = s.last[static_cast<size_t>(root)];
        buffer.aliasOfTensor = inPlaceSource[static_cast<size_t>(root)];
        tensorOffset[static_cast<size_t>(root)] = buffer.offset;
        plan.buffers.push_back(std::move(buffer));
    }
    for (size_t t = 0; t < tensorCount; ++t) {
        if (rw.viewSource[t] < 0) continue;
        const int root = rootOf(rw.viewSource, static_cast<int>(t));
        if (s.first[static_cast<size_t>(root)] < 0) continue;
        PlannedBuffer view;
        view.tensor = static_cast<int>(t);
        view.owner = graph.tensors[t].name;
        view.offset = tensorOffset[static_cast<size_t>(root)];
        view.sizeBytes = graph.tensors[t].byteSize();
        view.firstStep = s.first[static_cast<size_t>(root)];
        view.lastStep = s.last[static_cast<size_t>(root)];
        view.aliasOfTensor = rw.viewSource[t];
        view.isView = true;
        tensorOffset[t] = view.offset;
        plan.buffers.push_back(std::move(view));
    }

    EngineSchedule& schedule = plan.schedule;
    schedule.droppedOps = rw.droppedOps;
    schedule.inputTensors = rw.inputs;
    schedule.outputTensors = graph.outputs;
    std::vector<int> stepOps;
    for (int pos = 0; pos < stepCount; ++pos) {
        const StepDraft& draft = rw.steps[static_cast<size_t>(s.order[static_cast<size_t>(pos)])];
        EngineStep step;
        step.opIndex = draft.op;
        step.kind = graph.ops[static_cast<size_t>(draft.op)].kind;
        step.padOp = draft.padOp;
        step.activationOp = draft.activationOp;
        if (draft.padOp >= 0) step.fusedOps.push_back(draft.padOp);
        if (draft.activationOp >= 0) step.fusedOps.push_back(draft.activationOp);
        step.inputs = draft.inputs;
        for (int tensor : draft.inputs) step.inputOffsets.push_back(tensorOffset[static_cast<size_t>(tensor)]);
        step.output = draft.output;
        step.outputOffset = tensorOffset[static_cast<size_t>(draft.output)];
        step.outputBytes = graph.tensors[static_cast<size_t>(draft.output)].byteSize();
        step.inPlaceInput = s.inPlaceSlot[static_cast<size_t>(pos)];
        step.inPlace = step.inPlaceInput >= 0;
        step.depthwiseAsConv = s.depthwiseAsConv[static_cast<size_t>(pos)];
        const int scratch = scratchGroup[static_cast<size_t>(pos)];
        if (scratch >= 0) {
            step.scratchBytes = s.scratch[static_cast<size_t>(pos)];
            step.scratchOffset = base[static_cast<size_t>(scratch)];
            PlannedBuffer buffer;
            buffer.owner = "scratch: " + graph.ops[static_cast<size_t>(draft.op)].name() + " #" + std::to_string(draft.op);
            buffer.offset = step.scratchOffset;
            buffer.sizeBytes = step.scratchBytes;
            buffer.firstStep = buffer.lastStep = pos;
            buffer.isScratch = true;
            buffer.stepOp = draft.op;
            plan.buffers.push_back(std::move(buffer));
        }
        schedule.stepOrder.push_back(draft.op);
        stepOps.push_back(draft.op);
        schedule.steps.push_back(std::move(step));
    }
    schedule.tensorOffsets = std::move(tensorOffset);
    buildTimeline(graph, stepOps, plan);
    return plan;
}

}  // namespace

std::string_view placementStrategyName(PlacementStrategy strategy) {
    switch (strategy) {
        case PlacementStrategy::Auto: return "auto";
        case PlacementStrategy::GreedyBySize: return "greedy-by-size";
        case PlacementStrategy::GreedyByTime: return "greedy-by-time";
        case PlacementStrategy::GreedyByArea: return "greedy-by-area";
    }
    return "auto";
}

namespace {

// Every step reads the previous step's output: the graph order is the only topological order.
bool orderIsForced(const Rewrite& rw) {
    for (size_t i = 1; i < rw.steps.size(); ++i) {
        const int previous = rootOf(rw.viewSource, rw.steps[i - 1].output);
        bool reads = false;
        for (int tensor : rw.steps[i].inputs) reads = reads || rootOf(rw.viewSource, tensor) == previous;
        if (!reads) return false;
    }
    return true;
}

struct Prepared {
    Rewrite rw;
    std::vector<std::vector<int>> orders;
};

// Checks the graph, rewrites it and lists the step orders to try.
Prepared prepare(const ir::Graph& graph, const EnginePlanOptions& options) {
    Prepared prepared;
    const auto unsupported = graph.unsupportedOpNames();
    if (!unsupported.empty()) {
        std::string list;
        for (const std::string& name : unsupported) list += (list.empty() ? "" : ", ") + name;
        throw Error(ErrorCode::UnsupportedModel,
                    (graph.name.empty() ? std::string("model") : graph.name) +
                        ": the engine has no kernel for " + list);
    }
    if (options.alignment < 1)
        throw Error(ErrorCode::InvalidArgument, "engine plan: alignment must be at least 1");
    prepared.rw = rewriteGraph(graph, options);
    const Rewrite& rw = prepared.rw;
    // The engine's kernels are int8 (QUANTIZE/DEQUANTIZE convert at the edges): a float op
    // has no kernel to run it.
    std::vector<std::string> floatOps;
    for (const StepDraft& step : rw.steps) {
        const ir::Op& op = graph.ops[static_cast<size_t>(step.op)];
        if (op.kind == OpKind::Quantize || op.kind == OpKind::Dequantize) continue;
        std::vector<int> tensors = step.inputs;
        tensors.push_back(step.output);
        for (int tensor : tensors) {
            const ir::DType dtype = graph.tensors[static_cast<size_t>(tensor)].dtype;
            if (dtype != ir::DType::Int8) {
                floatOps.push_back(op.name() + " #" + std::to_string(step.op) + " (" + std::string(ir::dtypeName(dtype)) + ")");
                break;
            }
        }
    }
    if (!floatOps.empty()) {
        std::string list;
        for (size_t i = 0; i < floatOps.size() && i < 3; ++i) list += (i ? ", " : "") + floatOps[i];
        if (floatOps.size() > 3) list += " and " + std::to_string(floatOps.size() - 3) + " more";
        throw Error(ErrorCode::UnsupportedModel,
                    (graph.name.empty() ? std::string("model") : graph.name) +
                        ": the engine's kernels are int8; quantize the model first (non-int8 ops: " + list + ")");
    }

    std::vector<std::vector<int>>& orders = prepared.orders;
    std::vector<int> graphOrder(rw.steps.size());
    std::iota(graphOrder.begin(), graphOrder.end(), 0);
    orders.push_back(graphOrder);
    // A graph whose every step reads the one before it (a chain, as MCUNet's networks are) has
    // exactly one valid order: the list schedules would only give it back.
    if (options.reorder && !orderIsForced(rw)) {
        // Live bytes of roots produced so far and still needed, for the list schedules.
        std::vector<int> readersLeft(graph.tensors.size(), 0);
        for (const StepDraft& step : rw.steps)
            for (int tensor : std::set<int>(step.inputs.begin(), step.inputs.end()))
                ++readersLeft[static_cast<size_t>(rootOf(rw.viewSource, tensor))];
        auto stepCost = [&](int candidate, const std::vector<bool>& done) {
            // Bytes freed by running `candidate` now, bytes it allocates, and bytes alive before.
            std::vector<int> left = readersLeft;
            int64_t alive = 0;
            std::set<int> liveRoots;
            for (int input : rw.inputs) liveRoots.insert(rootOf(rw.viewSource, input));
            for (size_t i = 0; i < rw.steps.size(); ++i) {
                if (!done[i]) continue;
                liveRoots.insert(rootOf(rw.viewSource, rw.steps[i].output));
                for (int tensor : std::set<int>(rw.steps[i].inputs.begin(), rw.steps[i].inputs.end()))
                    --left[static_cast<size_t>(rootOf(rw.viewSource, tensor))];
            }
            for (int root : liveRoots)
                if (left[static_cast<size_t>(root)] > 0 || isGraphOutput(graph, root)) alive += graph.tensors[static_cast<size_t>(root)].byteSize();
            const StepDraft& step = rw.steps[static_cast<size_t>(candidate)];
            int64_t freed = 0;
            for (int tensor : std::set<int>(step.inputs.begin(), step.inputs.end())) {
                const int root = rootOf(rw.viewSource, tensor);
                if (left[static_cast<size_t>(root)] == 1 && !isGraphOutput(graph, root)) freed += graph.tensors[static_cast<size_t>(root)].byteSize();
            }
            const int64_t allocated = graph.tensors[static_cast<size_t>(step.output)].byteSize();
            return std::make_pair(alive + allocated, allocated - freed);  // during, growth
        };
        orders.push_back(listSchedule(graph, rw, [&](int candidate, const std::vector<bool>& done) {
            return std::make_pair(stepCost(candidate, done).first, static_cast<int64_t>(candidate));
        }));
        orders.push_back(listSchedule(graph, rw, [&](int candidate, const std::vector<bool>& done) {
            return std::make_pair(stepCost(candidate, done).second, static_cast<int64_t>(candidate));
        }));
    }

    return prepared;
}

struct Choice {
    std::vector<Schedule> schedules;  // every schedule tried
    size_t best = 0;                  // the winner among them
    PlacementStrategy strategy = PlacementStrategy::GreedyBySize;
    int64_t arenaBytes = 0;
    const Schedule& schedule() const { return schedules[best]; }
};

// Tries every (kernel choice, order, placement) and keeps the first smallest arena. Only
// integers: the MemoryPlan of the winner is built afterwards.
Choice searchPlan(const ir::Graph& graph, const Prepared& prepared, const EnginePlanOptions& options) {
    const Rewrite& rw = prepared.rw;
    std::vector<PlacementStrategy> strategies;
    if (options.placement == PlacementStrategy::Auto)
        strategies = {PlacementStrategy::GreedyBySize, PlacementStrategy::GreedyByTime, PlacementStrategy::GreedyByArea};
    else
        strategies = {options.placement};

    // One-channel depthwise convs as convs (faster, engine_kernels.h) first; the plain depthwise
    // kernels win only with a smaller arena.
    Choice best;
    bool haveBest = false;
    std::vector<size_t> firstPass;  // schedules with depthwiseAsConv, per order (indices)
    best.schedules.reserve(2 * prepared.orders.size());
    for (bool depthwiseAsConv : {true, false}) {
        std::vector<const std::vector<int>*> tried;
        for (size_t o = 0; o < prepared.orders.size(); ++o) {
            const std::vector<int>& order = prepared.orders[o];
            if (order.size() != rw.steps.size()) continue;
            if (std::any_of(tried.begin(), tried.end(), [&](const std::vector<int>* t) { return *t == order; })) continue;
            tried.push_back(&order);
            Schedule s = scheduleFor(graph, rw, order, options, depthwiseAsConv);
            if (depthwiseAsConv) {
                firstPass.push_back(best.schedules.size());
            } else {
                // The same schedule as with depthwiseAsConv (no depthwise step ran as a conv)
                // gives the same arenas, which never beat the first: skip it.
                const Schedule& same = best.schedules[firstPass[tried.size() - 1]];
                if (same.inPlaceSlot == s.inPlaceSlot && same.scratch == s.scratch &&
                    same.depthwiseAsConv == s.depthwiseAsConv)
                    continue;
            }
            best.schedules.push_back(std::move(s));
            const size_t index = best.schedules.size() - 1;
            for (PlacementStrategy strategy : strategies) {
                const int64_t arena = arenaFor(graph, rw, best.schedules[index], options, strategy);
                if (!haveBest || arena < best.arenaBytes) {
                    best.best = index;
                    best.strategy = strategy;
                    best.arenaBytes = arena;
                    haveBest = true;
                }
            }
        }
    }
    return best;
}

}  // namespace

int64_t planEngineArena(const ir::Graph& graph, const EnginePlanOptions& options, std::vector<int>* stepOps) {
    const Prepared prepared = prepare(graph, options);
    if (stepOps) {
        stepOps->clear();
        for (const StepDraft& step : prepared.rw.steps) stepOps->push_back(step.op);
    }
    return searchPlan(graph, prepared, options).arenaBytes;
}

std::vector<int> engineStepOps(const ir::Graph& graph, const EnginePlanOptions& options) {
    const Prepared prepared = prepare(graph, options);
    std::vector<int> ops;
    for (const StepDraft& step : prepared.rw.steps) ops.push_back(step.op);
    return ops;
}

MemoryPlan planEngine(const ir::Graph& graph, const EnginePlanOptions& options) {
    const Prepared prepared = prepare(graph, options);
    const Rewrite& rw = prepared.rw;
    const Choice choice = searchPlan(graph, prepared, options);
    MemoryPlan best = buildPlan(graph, rw, choice.schedule(), options, choice.strategy);
    best.notes = rw.notes;
    std::vector<int> graphOrderOps;
    for (const StepDraft& step : rw.steps) graphOrderOps.push_back(step.op);
    if (best.schedule.stepOrder != graphOrderOps)
        best.notes.push_back("steps reordered to lower the peak where the graph branches");
    int inPlaceSteps = 0, asConvSteps = 0;
    for (const EngineStep& step : best.schedule.steps) {
        inPlaceSteps += step.inPlace ? 1 : 0;
        asConvSteps += step.depthwiseAsConv ? 1 : 0;
    }
    if (asConvSteps > 0)
        best.notes.push_back(std::to_string(asConvSteps) + " one-channel depthwise conv" + (asConvSteps > 1 ? "s" : "") +
                             " run as conv (faster, same arena)");
    best.notes.push_back(std::to_string(best.schedule.steps.size()) + " kernel steps (" +
                         std::to_string(best.schedule.droppedOps.size()) +
                         (best.schedule.droppedOps.size() == 1 ? " op" : " ops") + " fused, viewed or dropped), " +
                         std::to_string(inPlaceSteps) + " in place");
    best.notes.push_back("placement: " + best.strategy + ", offsets aligned to " + std::to_string(options.alignment) + " bytes");
    return best;
}

}  // namespace mcunet::analysis
