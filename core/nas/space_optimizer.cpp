#include "nas/space_optimizer.h"

#include <algorithm>
#include <numeric>

#include "util/error.h"
#include "util/thread_pool.h"

namespace mcunet::nas {

CellRule cellRuleNamed(const std::string& name) {
    if (name == "mean-macs") return CellRule::MeanMacs;
    if (name == "median-macs") return CellRule::MedianMacs;
    if (name == "max-macs") return CellRule::MaxMacs;
    if (name == "fit-fraction") return CellRule::FitFraction;
    throw Error(ErrorCode::InvalidArgument,
                "unknown cell rule \"" + name + "\"; use mean-macs (the paper's), median-macs, max-macs or fit-fraction");
}

std::string cellRuleName(CellRule rule) {
    switch (rule) {
        case CellRule::MeanMacs: return "mean-macs";
        case CellRule::MedianMacs: return "median-macs";
        case CellRule::MaxMacs: return "max-macs";
        case CellRule::FitFraction: return "fit-fraction";
    }
    return "mean-macs";
}

int64_t CellStats::macsAtQuantile(double q) const {
    if (fittingMacs.empty()) return 0;
    const size_t index = std::min(fittingMacs.size() - 1, static_cast<size_t>(q * static_cast<double>(fittingMacs.size())));
    return fittingMacs[index];
}

double SpaceOptResult::score(const CellStats& cell) const {
    if (cell.fitting == 0) return -1;
    switch (rule) {
        case CellRule::MeanMacs: return cell.meanMacs;
        case CellRule::MedianMacs: return static_cast<double>(cell.macsAtQuantile(0.5));
        case CellRule::MaxMacs: return static_cast<double>(cell.fittingMacs.back());
        case CellRule::FitFraction: return cell.fitFraction();
    }
    return cell.meanMacs;
}

SpaceOptResult optimizeSpace(const SpaceOptSettings& settings, Progress& progress) {
    checkSearchSpace(settings.space);
    if (settings.samplesPerCell < 1 || settings.samplesPerCell > 1000000)
        throw Error(ErrorCode::InvalidArgument,
                    "space optimization: samples per cell must be 1..1000000, got " + std::to_string(settings.samplesPerCell));
    if (settings.threads < 1 || settings.threads > 256)
        throw Error(ErrorCode::InvalidArgument, "space optimization: threads must be 1..256, got " + std::to_string(settings.threads));
    SpaceOptResult result;
    result.rule = settings.rule;
    ThreadPool pool(settings.threads);
    const EvaluatorOptions evaluator{settings.core};
    const size_t cellCount = settings.space.widthMultipliers.size() * settings.space.resolutions.size();
    const size_t samples = static_cast<size_t>(settings.samplesPerCell);
    for (size_t w = 0; w < settings.space.widthMultipliers.size(); ++w) {
        for (size_t r = 0; r < settings.space.resolutions.size(); ++r) {
            CellStats cell;
            cell.width = settings.space.widthMultipliers[w];
            cell.resolution = settings.space.resolutions[r];
            cell.samples = settings.samplesPerCell;
            const size_t cellIndex = result.cells.size();
            std::vector<Metrics> metrics(samples);
            pool.parallelFor(samples, [&](size_t i, int) {
                if (i % 16 == 0) progress.check();
                Rng rng(settings.seed * 0x9E3779B97F4A7C15ull + cellIndex * 0xBF58476D1CE4E5B9ull + i * 0x94D049BB133111EBull + 1);
                rng.discard(2);
                metrics[i] = measureArch(buildArch(settings.space, sampleGenes(settings.space, rng, cell.width, cell.resolution)),
                                         evaluator);
            });
            for (const Metrics& m : metrics)
                if (fits(m, settings.limits)) cell.fittingMacs.push_back(m.macs);
            std::sort(cell.fittingMacs.begin(), cell.fittingMacs.end());
            cell.fitting = static_cast<int>(cell.fittingMacs.size());
            if (cell.fitting)
                cell.meanMacs = static_cast<double>(std::accumulate(cell.fittingMacs.begin(), cell.fittingMacs.end(), int64_t{0})) /
                                cell.fitting;
            result.cells.push_back(std::move(cell));
            progress.report(static_cast<double>(result.cells.size()) / static_cast<double>(cellCount),
                            "cell w" + std::to_string(settings.space.widthMultipliers[w]).substr(0, 3) + " r" +
                                std::to_string(settings.space.resolutions[r]));
        }
    }
    double best = -1;
    for (size_t i = 0; i < result.cells.size(); ++i) {
        const double s = result.score(result.cells[i]);
        if (s > best) {
            best = s;
            result.bestCell = static_cast<int>(i);
        }
    }
    if (best < 0) result.bestCell = -1;
    return result;
}

nlohmann::json toJson(const SpaceOptResult& result) {
    nlohmann::json cells = nlohmann::json::array();
    for (const CellStats& c : result.cells)
        cells.push_back({{"width", c.width},
                         {"resolution", c.resolution},
                         {"samples", c.samples},
                         {"fitting", c.fitting},
                         {"fit_fraction", c.fitFraction()},
                         {"mean_macs", c.meanMacs},
                         {"median_macs", c.macsAtQuantile(0.5)},
                         {"max_macs", c.fittingMacs.empty() ? 0 : c.fittingMacs.back()}});
    nlohmann::json j = {{"rule", cellRuleName(result.rule)}, {"cells", std::move(cells)}};
    if (result.bestCell >= 0) {
        const CellStats& b = result.cells[static_cast<size_t>(result.bestCell)];
        j["best"] = {{"width", b.width}, {"resolution", b.resolution}, {"mean_macs", b.meanMacs}, {"fit_fraction", b.fitFraction()}};
    } else {
        j["best"] = nullptr;
    }
    return j;
}

}  // namespace mcunet::nas
