#include "analysis/arena_map.h"

#include <algorithm>
#include <cstdio>

#include "util/error.h"

namespace mcunet::analysis {
namespace {

char letterFor(int index) {
    static const char kLetters[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    return kLetters[index % 62];
}

std::string padRight(std::string text, size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}

}  // namespace

std::string renderArenaMap(const MemoryPlan& plan, int columns) {
    if (columns < 8) throw Error(ErrorCode::InvalidArgument, "arena map: at least 8 columns are needed");
    std::string out;
    const int64_t arena = std::max<int64_t>(plan.arenaBytes, 1);
    out += plan.runtime + " arena: " + std::to_string(plan.arenaBytes) + " B (lower bound " +
           std::to_string(plan.lowerBoundBytes) + " B), one column = " +
           std::to_string((arena + columns - 1) / columns) + " B\n";

    // Letters: tensors in buffer order, scratch all '#'.
    std::vector<char> letters(plan.buffers.size(), '#');
    int next = 0;
    for (size_t i = 0; i < plan.buffers.size(); ++i)
        if (!plan.buffers[i].isScratch) letters[i] = letterFor(next++);

    for (size_t step = 0; step < plan.timeline.size(); ++step) {
        const TimelineStep& entry = plan.timeline[step];
        std::string row(static_cast<size_t>(columns), '.');
        std::vector<int> owner(static_cast<size_t>(columns), -1);
        for (int index : entry.liveBuffers) {
            const PlannedBuffer& buffer = plan.buffers[static_cast<size_t>(index)];
            if (buffer.sizeBytes <= 0) continue;
            const int64_t begin = buffer.offset * columns / arena;
            const int64_t end = std::max(begin + 1, (buffer.offset + buffer.sizeBytes) * columns / arena);
            for (int64_t c = begin; c < end && c < columns; ++c) {
                const int previous = owner[static_cast<size_t>(c)];
                const bool aliased = previous >= 0 &&
                                     (plan.buffers[static_cast<size_t>(previous)].tensor == buffer.aliasOfTensor ||
                                      buffer.tensor == plan.buffers[static_cast<size_t>(previous)].aliasOfTensor);
                if (previous >= 0 && !aliased && row[static_cast<size_t>(c)] != letters[static_cast<size_t>(index)]) {
                    // Rounding to columns can put neighbours in one cell; only real overlaps are '!'.
                    const PlannedBuffer& other = plan.buffers[static_cast<size_t>(previous)];
                    const bool overlap = buffer.offset < other.offset + other.sizeBytes &&
                                         other.offset < buffer.offset + buffer.sizeBytes;
                    if (overlap) { row[static_cast<size_t>(c)] = '!'; continue; }
                }
                row[static_cast<size_t>(c)] = letters[static_cast<size_t>(index)];
                owner[static_cast<size_t>(c)] = index;
            }
        }
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "%3zu ", step);
        out += prefix + padRight(entry.opName, 18).substr(0, 18) + " |" + row + "| " +
               std::to_string(entry.liveBytes) + " B\n";
    }
    out += "legend:\n";
    for (size_t i = 0; i < plan.buffers.size(); ++i) {
        const PlannedBuffer& buffer = plan.buffers[i];
        std::string line = "  ";
        line += letters[i];
        // TFLite names can be hundreds of characters of fused-op history; the start identifies it.
        const std::string owner = buffer.owner.size() > 60 ? buffer.owner.substr(0, 57) + "..." : buffer.owner;
        line += " " + owner + "  @" + std::to_string(buffer.offset) + " " + std::to_string(buffer.sizeBytes) +
                " B  steps " + std::to_string(buffer.firstStep) + ".." + std::to_string(buffer.lastStep);
        if (buffer.aliasOfTensor >= 0) line += buffer.isView ? "  (view)" : "  (in place)";
        out += line + "\n";
    }
    return out;
}

}  // namespace mcunet::analysis
