#include "nas/evolution.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "nas/pareto.h"
#include "util/error.h"
#include "util/file.h"
#include "util/json_file.h"
#include "util/thread_pool.h"

namespace mcunet::nas {

using nlohmann::json;

namespace {

[[noreturn]] void invalid(const std::string& what) { throw Error(ErrorCode::InvalidArgument, "search: " + what); }

// A generator per (seed, generation, slot): splitmix-style mixing so neighbours differ.
Rng slotRng(uint64_t seed, int generation, size_t slot) {
    uint64_t z = seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(generation + 2) * 0xBF58476D1CE4E5B9ull +
                 static_cast<uint64_t>(slot) * 0x94D049BB133111EBull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return Rng(z ^ (z >> 31));
}

json metricsJson(const Metrics& m) {
    json j = {{"macs", m.macs}, {"params", m.params}, {"peak_sram_bytes", m.peakSramBytes}, {"flash_bytes", m.flashBytes}};
    if (!m.error.empty()) j["error"] = m.error;
    return j;
}

Metrics metricsFromJson(const json& j) {
    Metrics m;
    m.macs = j.at("macs").get<int64_t>();
    m.params = j.at("params").get<int64_t>();
    m.peakSramBytes = j.at("peak_sram_bytes").get<int64_t>();
    m.flashBytes = j.at("flash_bytes").get<int64_t>();
    m.error = j.value("error", std::string());
    return m;
}

bool usable(const Candidate& c, const Limits& limits) { return c.accuracy && fits(c.metrics, limits); }

}  // namespace

json toJson(const SearchSettings& s) {
    return {{"space", toJson(s.space)},
            {"limits", {{"sram_bytes", s.limits.sramBytes}, {"flash_bytes", s.limits.flashBytes}, {"latency_ms", s.limits.latencyMs}}},
            {"objective", s.objective},
            {"command_parallel", s.command.parallel},
            {"command_timeout_ms", s.command.timeout.count()},
            {"population", s.population},
            {"parent_ratio", s.parentRatio},
            {"mutation_ratio", s.mutationRatio},
            {"mutate_probability", s.mutateProbability},
            {"generations", s.generations},
            {"seed", s.seed},
            {"threads", s.threads},
            {"cell_width", s.cellWidth},
            {"cell_resolution", s.cellResolution},
            {"max_resample", s.maxResample},
            {"core", s.core}};
}

SearchSettings searchSettingsFromJson(const json& j, const std::string& displayName) {
    try {
        SearchSettings s;
        s.space = searchSpaceFromJson(j.at("space"), displayName + ": space");
        const json& limits = j.at("limits");
        s.limits.sramBytes = limits.at("sram_bytes").get<int64_t>();
        s.limits.flashBytes = limits.at("flash_bytes").get<int64_t>();
        s.limits.latencyMs = limits.value("latency_ms", 0.0);
        s.objective = j.at("objective").get<std::string>();
        s.command.parallel = j.value("command_parallel", 1);
        s.command.timeout = std::chrono::milliseconds(j.value("command_timeout_ms", int64_t{3600000}));
        s.population = j.at("population").get<int>();
        s.parentRatio = j.at("parent_ratio").get<double>();
        s.mutationRatio = j.at("mutation_ratio").get<double>();
        s.mutateProbability = j.at("mutate_probability").get<double>();
        s.generations = j.at("generations").get<int>();
        s.seed = j.at("seed").get<uint64_t>();
        s.threads = j.value("threads", 1);
        s.cellWidth = j.value("cell_width", 0.0);
        s.cellResolution = j.value("cell_resolution", 0);
        s.maxResample = j.value("max_resample", 100);
        s.core = j.value("core", std::string("cortex-m4"));
        return s;
    } catch (const json::exception& e) {
        throw fileError(ErrorCode::CorruptFile, displayName, std::string("search settings: ") + e.what());
    }
}

std::vector<size_t> paretoOf(const std::vector<Candidate>& candidates, const Limits& limits) {
    std::vector<size_t> usableIndex;
    std::vector<ParetoPoint> points;
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (!usable(candidates[i], limits)) continue;
        usableIndex.push_back(i);
        points.push_back({*candidates[i].accuracy, candidates[i].metrics.peakSramBytes, candidates[i].metrics.flashBytes,
                          candidates[i].metrics.latencyMs.value_or(0)});
    }
    std::vector<size_t> front;
    for (size_t p : paretoFront(points)) front.push_back(usableIndex[p]);
    return front;
}

struct EvolutionSearch::Slot {
    std::function<ArchGenes(Rng&)> make;
    Rng rng;
    struct Tried {
        ArchGenes genes;
        std::string key;
        Metrics metrics;
        bool measured = false;  // false: a cache hit
    };
    std::vector<Tried> tried;
    int chosen = -1;  // index into tried of the feasible child
};

EvolutionSearch::EvolutionSearch(SearchSettings settings) : settings_(std::move(settings)) {
    checkSearchSpace(settings_.space);
    const SearchSettings& s = settings_;
    if (s.population < 4 || s.population > 100000) invalid("population must be 4..100000, got " + std::to_string(s.population));
    if (!(s.parentRatio > 0 && s.parentRatio < 1)) invalid("parent ratio must be in (0, 1)");
    if (!(s.mutationRatio >= 0 && s.mutationRatio + s.parentRatio <= 1)) invalid("mutation ratio must be in [0, 1 - parent ratio]");
    if (!(s.mutateProbability >= 0 && s.mutateProbability <= 1)) invalid("mutation probability must be in [0, 1]");
    if (s.generations < 0 || s.generations > 1000000) invalid("generations must be 0..1000000, got " + std::to_string(s.generations));
    if (s.threads < 1 || s.threads > 256) invalid("threads must be 1..256, got " + std::to_string(s.threads));
    if (s.maxResample < 1) invalid("max resample must be at least 1");
    if (s.cellWidth > 0 && std::find(s.space.widthMultipliers.begin(), s.space.widthMultipliers.end(), s.cellWidth) ==
                               s.space.widthMultipliers.end())
        invalid("width " + std::to_string(s.cellWidth) + " is not one of the space's width multipliers");
    if (s.cellResolution > 0 && std::find(s.space.resolutions.begin(), s.space.resolutions.end(), s.cellResolution) ==
                                    s.space.resolutions.end())
        invalid("resolution " + std::to_string(s.cellResolution) + " is not one of the space's resolutions");
    signal_ = makeSignal(s.objective, s.command);
}

EvolutionSearch::~EvolutionSearch() = default;

void EvolutionSearch::setLimits(const Limits& limits) {
    std::lock_guard lock(mutex_);
    settings_.limits = limits;
}

void EvolutionSearch::pause() { paused_ = true; }

void EvolutionSearch::resume() {
    {
        std::lock_guard lock(pauseMutex_);
        paused_ = false;
    }
    pauseChanged_.notify_all();
}

void EvolutionSearch::waitWhilePaused(Progress& progress) {
    std::unique_lock lock(pauseMutex_);
    while (paused_) {
        pauseChanged_.wait_for(lock, std::chrono::milliseconds(20));
        progress.check();
    }
}

void EvolutionSearch::evaluateSlots(std::vector<Slot>& slots, ThreadPool& pool, Progress& progress) {
    Limits limits;
    {
        std::lock_guard lock(mutex_);
        limits = settings_.limits;
    }
    EvaluatorOptions evaluator{settings_.core};
    // Candidates of earlier batches are read without the lock: only mergeAndScore (this thread,
    // after the batch) writes them.
    pool.parallelFor(slots.size(), [&](size_t index, int) {
        Slot& slot = slots[index];
        for (int attempt = 0; attempt < settings_.maxResample; ++attempt) {
            progress.check();
            Slot::Tried tried;
            tried.genes = slot.make(slot.rng);
            tried.key = key(settings_.space, tried.genes);
            const auto known = byKey_.find(tried.key);
            if (known != byKey_.end()) {
                tried.metrics = candidates_[known->second].metrics;
            } else {
                const auto same = std::find_if(slot.tried.begin(), slot.tried.end(),
                                               [&](const Slot::Tried& t) { return t.key == tried.key; });
                if (same != slot.tried.end()) {
                    tried.metrics = same->metrics;
                } else {
                    tried.metrics = measureArch(buildArch(settings_.space, tried.genes), evaluator);
                    tried.measured = true;
                }
            }
            const bool ok = fits(tried.metrics, limits);
            slot.tried.push_back(std::move(tried));
            if (ok) {
                slot.chosen = static_cast<int>(slot.tried.size()) - 1;
                return;
            }
        }
    });
}

void EvolutionSearch::mergeAndScore(std::vector<Slot>& slots, Progress& progress) {
    std::vector<size_t> toScore;
    {
        std::lock_guard lock(mutex_);
        for (Slot& slot : slots) {
            for (size_t t = 0; t < slot.tried.size(); ++t) {
                Slot::Tried& tried = slot.tried[t];
                if (tried.measured) ++evaluations_;
                auto [it, inserted] = byKey_.try_emplace(tried.key, candidates_.size());
                if (inserted) {
                    Candidate c;
                    c.genes = tried.genes;
                    c.key = tried.key;
                    c.metrics = tried.metrics;
                    c.generation = std::max(generation_ + 1, 0);
                    candidates_.push_back(std::move(c));
                }
                const size_t index = it->second;
                // MACs are known for every measured network; slower signals score only the children kept.
                const bool score = signal_->name() == "macs" ? candidates_[index].metrics.ok()
                                                              : static_cast<int>(t) == slot.chosen;
                if (score && !candidates_[index].accuracy && candidates_[index].accuracyError.empty() &&
                    std::find(toScore.begin(), toScore.end(), index) == toScore.end())
                    toScore.push_back(index);
            }
        }
    }
    if (toScore.empty()) return;
    std::vector<arch::ArchConfig> configs;
    std::vector<Metrics> metrics;
    {
        std::lock_guard lock(mutex_);
        for (size_t index : toScore) {
            configs.push_back(buildArch(settings_.space, candidates_[index].genes));
            metrics.push_back(candidates_[index].metrics);
        }
    }
    std::vector<const arch::ArchConfig*> configPointers;
    std::vector<const Metrics*> metricPointers;
    for (size_t i = 0; i < configs.size(); ++i) {
        configPointers.push_back(&configs[i]);
        metricPointers.push_back(&metrics[i]);
    }
    const std::vector<SignalResult> results = signal_->score(configPointers, metricPointers, progress);
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < toScore.size(); ++i) {
        Candidate& c = candidates_[toScore[i]];
        if (results[i].error.empty()) c.accuracy = results[i].value;
        else c.accuracyError = results[i].error;
    }
}

std::vector<size_t> EvolutionSearch::rankedPopulation() const {
    std::vector<size_t> ranked;
    for (size_t index : population_)
        if (usable(candidates_[index], settings_.limits) && std::find(ranked.begin(), ranked.end(), index) == ranked.end())
            ranked.push_back(index);
    std::stable_sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) {
        return *candidates_[a].accuracy != *candidates_[b].accuracy ? *candidates_[a].accuracy > *candidates_[b].accuracy
                                                                    : a < b;
    });
    return ranked;
}

void EvolutionSearch::run(Progress& progress) {
    const auto started = std::chrono::steady_clock::now();
    const double elapsedBefore = elapsedSeconds_;
    auto updateTime = [&] {
        std::lock_guard lock(mutex_);
        elapsedSeconds_ = elapsedBefore + std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    const SearchSpace& space = settings_.space;
    const bool pinned = settings_.cellWidth > 0 || settings_.cellResolution > 0;
    const size_t population = static_cast<size_t>(settings_.population);
    ThreadPool pool(settings_.threads);
    try {
        while (generation_ < settings_.generations) {
            waitWhilePaused(progress);
            const int g = generation_ + 1;
            std::vector<size_t> ranked;
            {
                std::lock_guard lock(mutex_);
                ranked = rankedPopulation();
            }
            std::vector<Slot> slots;
            std::vector<size_t> parents;
            if (g == 0 || ranked.empty()) {
                // Initial population (or a fresh one when the limits left no member feasible).
                for (size_t i = 0; i < population; ++i)
                    slots.push_back({[&](Rng& rng) { return sampleGenes(space, rng, settings_.cellWidth, settings_.cellResolution); },
                                     slotRng(settings_.seed, g, i), {}, -1});
            } else {
                const size_t parentCount = std::max<size_t>(1, static_cast<size_t>(std::lround(settings_.parentRatio * settings_.population)));
                parents.assign(ranked.begin(), ranked.begin() + static_cast<long>(std::min(parentCount, ranked.size())));
                const size_t children = population - std::min(population - 1, parents.size());
                const size_t mutants = std::min(children, static_cast<size_t>(std::lround(settings_.mutationRatio * settings_.population)));
                std::vector<ArchGenes> parentGenes;
                {
                    std::lock_guard lock(mutex_);
                    for (size_t p : parents) parentGenes.push_back(candidates_[p].genes);
                }
                for (size_t i = 0; i < children; ++i) {
                    std::function<ArchGenes(Rng&)> make;
                    if (i < mutants)
                        make = [this, parentGenes, pinned](Rng& rng) {
                            const ArchGenes& parent = parentGenes[uniformIndex(rng, parentGenes.size())];
                            return mutateGenes(settings_.space, parent, settings_.mutateProbability, rng, !pinned);
                        };
                    else
                        make = [parentGenes](Rng& rng) {
                            const ArchGenes& a = parentGenes[uniformIndex(rng, parentGenes.size())];
                            const ArchGenes& b = parentGenes[uniformIndex(rng, parentGenes.size())];
                            return crossoverGenes(a, b, rng);
                        };
                    slots.push_back({std::move(make), slotRng(settings_.seed, g, i), {}, -1});
                }
            }
            evaluateSlots(slots, pool, progress);
            mergeAndScore(slots, progress);
            {
                std::lock_guard lock(mutex_);
                std::vector<size_t> next = parents;
                for (const Slot& slot : slots) {
                    if (slot.chosen < 0) continue;
                    const size_t index = byKey_.at(slot.tried[static_cast<size_t>(slot.chosen)].key);
                    if (usable(candidates_[index], settings_.limits)) next.push_back(index);
                }
                population_ = std::move(next);
                generation_ = g;
            }
            updateTime();
            progress.report(static_cast<double>(g + 1) / (settings_.generations + 1),
                            "generation " + std::to_string(g) + " of " + std::to_string(settings_.generations));
        }
    } catch (...) {
        updateTime();
        throw;
    }
    updateTime();
    std::lock_guard lock(mutex_);
    finished_ = true;
}

SearchSnapshot EvolutionSearch::snapshot() const {
    std::lock_guard lock(mutex_);
    SearchSnapshot s;
    s.candidates = candidates_;
    s.limits = settings_.limits;
    s.front = paretoOf(candidates_, settings_.limits);
    for (size_t i = 0; i < candidates_.size(); ++i)
        if (usable(candidates_[i], settings_.limits) && (!s.best || *candidates_[i].accuracy > *candidates_[*s.best].accuracy))
            s.best = i;
    s.generation = std::max(generation_, 0);
    s.generations = settings_.generations;
    s.evaluations = evaluations_;
    s.elapsedSeconds = elapsedSeconds_;
    s.evaluationsPerSecond = elapsedSeconds_ > 0 ? static_cast<double>(evaluations_) / elapsedSeconds_ : 0;
    s.finished = finished_;
    return s;
}

EvolutionSearch::Status EvolutionSearch::status() const {
    std::lock_guard lock(mutex_);
    Status s;
    s.generation = std::max(generation_, 0);
    s.evaluations = evaluations_;
    s.evaluationsPerSecond = elapsedSeconds_ > 0 ? static_cast<double>(evaluations_) / elapsedSeconds_ : 0;
    const Candidate* best = nullptr;
    for (const Candidate& c : candidates_)
        if (usable(c, settings_.limits) && (!best || *c.accuracy > *best->accuracy)) best = &c;
    if (best) s.best = best->metrics;
    return s;
}

json EvolutionSearch::toJson() const {
    std::lock_guard lock(mutex_);
    json candidates = json::array();
    for (const Candidate& c : candidates_) {
        json j = {{"genes", nas::toJson(c.genes)}, {"metrics", metricsJson(c.metrics)}, {"generation", c.generation}};
        if (c.accuracy) j["accuracy"] = *c.accuracy;
        if (!c.accuracyError.empty()) j["accuracy_error"] = c.accuracyError;
        candidates.push_back(std::move(j));
    }
    return {{"format", "mcunet-search"},
            {"version", 1},
            {"settings", nas::toJson(settings_)},
            {"generation", generation_},
            {"evaluations", evaluations_},
            {"elapsed_seconds", elapsedSeconds_},
            {"population", population_},
            {"candidates", std::move(candidates)}};
}

std::unique_ptr<EvolutionSearch> EvolutionSearch::fromJson(const json& j, const std::string& displayName) {
    if (!j.is_object() || !j.contains("format") || j["format"] != "mcunet-search")
        throw fileError(ErrorCode::WrongFormat, displayName, "not a saved search (expected \"format\": \"mcunet-search\")");
    if (!j.contains("settings")) throw fileError(ErrorCode::CorruptFile, displayName, "saved search: no \"settings\"");
    auto search = std::make_unique<EvolutionSearch>(searchSettingsFromJson(j["settings"], displayName));
    try {
        for (const json& c : j.at("candidates")) {
            Candidate candidate;
            candidate.genes = genesFromJson(search->settings_.space, c.at("genes"), displayName);
            candidate.key = key(search->settings_.space, candidate.genes);
            candidate.metrics = metricsFromJson(c.at("metrics"));
            if (c.contains("accuracy")) candidate.accuracy = c["accuracy"].get<double>();
            candidate.accuracyError = c.value("accuracy_error", std::string());
            candidate.generation = c.value("generation", 0);
            search->byKey_.emplace(candidate.key, search->candidates_.size());
            search->candidates_.push_back(std::move(candidate));
        }
        search->generation_ = j.at("generation").get<int>();
        search->evaluations_ = j.at("evaluations").get<int64_t>();
        search->elapsedSeconds_ = j.value("elapsed_seconds", 0.0);
        for (const json& p : j.at("population")) {
            const size_t index = p.get<size_t>();
            if (index >= search->candidates_.size()) throw fileError(ErrorCode::CorruptFile, displayName, "population refers to a missing candidate");
            search->population_.push_back(index);
        }
    } catch (const json::exception& e) {
        throw fileError(ErrorCode::CorruptFile, displayName, std::string("saved search: ") + e.what());
    }
    search->finished_ = search->generation_ >= search->settings_.generations;
    return search;
}

void EvolutionSearch::save(const std::string& path) const {
    const std::string text = toJson().dump(1);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot open file for writing");
    out << text << '\n';
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot write file");
}

std::unique_ptr<EvolutionSearch> EvolutionSearch::open(const std::string& path) {
    // Every evaluation is kept (about 200 B each): allow more than a config's 16 MB.
    constexpr int64_t kSavedSearchLimitBytes = int64_t{256} << 20;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw fileError(ErrorCode::FileNotFound, path, "cannot open saved search");
    return fromJson(util::parseJsonText(util::readTextFile(path, kSavedSearchLimitBytes, "a saved search (.json)"), path),
                    path);
}

}  // namespace mcunet::nas
