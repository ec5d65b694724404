// TinyNAS stage 2: evolution search, as once-for-all's evolution finder does it — a population
// (100) of feasible networks; each generation keeps the best 25 % as parents and makes the rest
// anew: round(0.5 x population) by mutation (every gene re-drawn with probability 0.1) and the
// remainder by crossover of two parents. A child that breaks a limit is drawn again (up to
// `maxResample` times). Every evaluation is memoized by architecture key.
//
// Inside one (width, resolution) cell (cellWidth/cellResolution set, e.g. from the space
// optimizer) or across cells (width and resolution are genes too).
//
// Determinism: child i of generation g draws from its own generator seeded by (seed, g, i), and
// results are merged in slot order, so the same seed and settings give the same evaluations and
// the same Pareto set whatever the number of threads.
//
// Live control from other threads: setLimits (the running search continues under the new limits;
// every candidate keeps its numbers, feasibility is recomputed), pause/resume, and the
// Progress's cancel. snapshot() copies the state for display while the search runs.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "nas/accuracy_signal.h"
#include "nas/evaluator.h"
#include "nas/search_space.h"
#include "util/progress.h"

namespace mcunet {
class ThreadPool;
}

namespace mcunet::nas {

struct SearchSettings {
    SearchSpace space = mcunetSpace();
    Limits limits;
    std::string objective = "macs";  // macs | zero-cost | cmd:<template>
    CommandOptions command;          // parallelism, timeout, work directory of cmd: objectives
    int population = 100;
    double parentRatio = 0.25;
    double mutationRatio = 0.5;
    double mutateProbability = 0.1;
    int generations = 30;
    uint64_t seed = 0;
    int threads = 1;
    double cellWidth = 0;    // > 0: search only this width multiplier
    int cellResolution = 0;  // > 0: search only this resolution
    int maxResample = 100;
    std::string core = "cortex-m4";
};

nlohmann::json toJson(const SearchSettings& settings);
SearchSettings searchSettingsFromJson(const nlohmann::json& json, const std::string& displayName);

// One evaluated architecture.
struct Candidate {
    ArchGenes genes;
    std::string key;
    Metrics metrics;
    std::optional<double> accuracy;  // the objective's value, once scored
    std::string accuracyError;       // why scoring failed (e.g. the command's exit status)
    int generation = 0;              // first evaluated in
};

struct SearchSnapshot {
    std::vector<Candidate> candidates;  // every evaluation, in evaluation order
    std::vector<size_t> front;          // Pareto front (indices into candidates), feasible only
    std::optional<size_t> best;         // highest accuracy among feasible candidates
    Limits limits;
    int generation = 0;                 // generations done (0: initial population)
    int generations = 0;                // planned
    int64_t evaluations = 0;            // measurements made (cache hits excluded)
    double evaluationsPerSecond = 0;
    double elapsedSeconds = 0;
    bool finished = false;
};

class EvolutionSearch {
public:
    // Throws Error(InvalidArgument) for bad settings (the message names the setting).
    explicit EvolutionSearch(SearchSettings settings);
    ~EvolutionSearch();

    const SearchSettings& settings() const { return settings_; }

    // Runs the remaining generations (a reopened search continues where it stopped). Throws
    // Error(Cancelled) when cancelled; the state reached so far stays (snapshot, save).
    void run(Progress& progress);

    void setLimits(const Limits& limits);
    void pause();
    void resume();
    bool paused() const { return paused_.load(); }

    SearchSnapshot snapshot() const;
    // The progress figures of snapshot() without copying the candidates (for progress lines).
    struct Status {
        int generation = 0;
        int64_t evaluations = 0;
        double evaluationsPerSecond = 0;
        std::optional<Metrics> best;  // of the highest-accuracy feasible candidate
    };
    Status status() const;
    // The state to continue later: settings and every evaluation.
    nlohmann::json toJson() const;
    static std::unique_ptr<EvolutionSearch> fromJson(const nlohmann::json& json, const std::string& displayName);
    void save(const std::string& path) const;
    static std::unique_ptr<EvolutionSearch> open(const std::string& path);

private:
    struct Slot;
    void evaluateSlots(std::vector<Slot>& slots, ThreadPool& pool, Progress& progress);
    void mergeAndScore(std::vector<Slot>& slots, Progress& progress);
    std::vector<size_t> rankedPopulation() const;  // feasible members, best first (lock held)
    void waitWhilePaused(Progress& progress);

    SearchSettings settings_;
    std::unique_ptr<AccuracySignal> signal_;
    mutable std::mutex mutex_;
    std::vector<Candidate> candidates_;
    std::unordered_map<std::string, size_t> byKey_;
    std::vector<size_t> population_;
    int generation_ = -1;  // -1: no initial population yet
    int64_t evaluations_ = 0;
    double elapsedSeconds_ = 0;
    bool finished_ = false;
    std::atomic<bool> paused_{false};
    std::condition_variable pauseChanged_;
    std::mutex pauseMutex_;
};

// The Pareto front of `candidates` under `limits` (feasible and scored ones only).
std::vector<size_t> paretoOf(const std::vector<Candidate>& candidates, const Limits& limits);

}  // namespace mcunet::nas
