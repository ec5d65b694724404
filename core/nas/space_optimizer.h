// TinyNAS stage 1, search-space optimization: for every (width multiplier, resolution) cell,
// sample N architectures (default 1,000), keep those within the limits (our engine's peak SRAM,
// Flash for the board's core) and report the fraction that fits and the distribution (CDF) of
// their MACs. The chosen cell is the one with the highest mean MACs of fitting architectures,
// the MCUNet paper's rule (more compute that fits = a better space); other rules selectable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nas/evaluator.h"
#include "nas/search_space.h"
#include "util/progress.h"

namespace mcunet::nas {

enum class CellRule { MeanMacs, MedianMacs, MaxMacs, FitFraction };
// "mean-macs", "median-macs", "max-macs", "fit-fraction"; throws Error(InvalidArgument).
CellRule cellRuleNamed(const std::string& name);
std::string cellRuleName(CellRule rule);

struct CellStats {
    double width = 0;
    int resolution = 0;
    int samples = 0;
    int fitting = 0;
    double fitFraction() const { return samples ? static_cast<double>(fitting) / samples : 0; }
    double meanMacs = 0;              // of fitting architectures (0 when none fit)
    std::vector<int64_t> fittingMacs;  // sorted ascending: the CDF's x values
    int64_t macsAtQuantile(double q) const;  // 0 when none fit
};

struct SpaceOptSettings {
    SearchSpace space = mcunetSpace();
    Limits limits;
    int samplesPerCell = 1000;
    uint64_t seed = 0;
    int threads = 1;
    CellRule rule = CellRule::MeanMacs;
    std::string core = "cortex-m4";
};

struct SpaceOptResult {
    std::vector<CellStats> cells;  // widths outer, resolutions inner, in the space's order
    int bestCell = -1;             // -1 when no architecture of any cell fits
    CellRule rule = CellRule::MeanMacs;
    double score(const CellStats& cell) const;
};

// Deterministic by seed whatever the thread count. Reports progress per cell; cancellable.
SpaceOptResult optimizeSpace(const SpaceOptSettings& settings, Progress& progress);

nlohmann::json toJson(const SpaceOptResult& result);

}  // namespace mcunet::nas
