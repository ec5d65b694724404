// The Pareto front of a search: candidates no other candidate beats on every objective —
// accuracy signal up; peak SRAM, Flash (and latency, once estimated) down.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mcunet::nas {

struct ParetoPoint {
    double accuracy = 0;
    int64_t sramBytes = 0;
    int64_t flashBytes = 0;
    double latencyMs = 0;  // 0 while latency is not estimated (then it never decides)
};

// a dominates b: at least as good on every objective and better on one.
bool dominates(const ParetoPoint& a, const ParetoPoint& b);

// Indices of the non-dominated points, in input order; of identical points the first is kept.
std::vector<size_t> paretoFront(const std::vector<ParetoPoint>& points);

}  // namespace mcunet::nas
