#include "nas/pareto.h"

#include <algorithm>
#include <numeric>

namespace mcunet::nas {

bool dominates(const ParetoPoint& a, const ParetoPoint& b) {
    const bool noWorse = a.accuracy >= b.accuracy && a.sramBytes <= b.sramBytes && a.flashBytes <= b.flashBytes &&
                         a.latencyMs <= b.latencyMs;
    const bool better = a.accuracy > b.accuracy || a.sramBytes < b.sramBytes || a.flashBytes < b.flashBytes ||
                        a.latencyMs < b.latencyMs;
    return noWorse && better;
}

std::vector<size_t> paretoFront(const std::vector<ParetoPoint>& points) {
    // Best accuracy first: a point can only be dominated by one before it (or an equal one).
    std::vector<size_t> order(points.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return points[a].accuracy > points[b].accuracy; });
    std::vector<size_t> front;
    for (size_t index : order) {
        const ParetoPoint& p = points[index];
        bool keep = true;
        for (size_t kept : front) {
            const ParetoPoint& q = points[kept];
            const bool same = q.accuracy == p.accuracy && q.sramBytes == p.sramBytes && q.flashBytes == p.flashBytes &&
                              q.latencyMs == p.latencyMs;
            if (same || dominates(q, p)) {
                keep = false;
                break;
            }
        }
        if (!keep) continue;
        // Equal accuracy later in the order may dominate earlier kept ones.
        std::erase_if(front, [&](size_t kept) { return dominates(p, points[kept]); });
        front.push_back(index);
    }
    std::sort(front.begin(), front.end());
    return front;
}

}  // namespace mcunet::nas
