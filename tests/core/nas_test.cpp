// TinyNAS: the search space against MCUNet's own model, the fast evaluation against the full
// planner and the generated code, Pareto fronts, the evolution's determinism, limits, save /
// reopen and cancel, the external-command objective, and the space optimizer.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "analysis/engine_planner.h"
#include "analysis/flash_estimate.h"
#include "analysis/model_analysis.h"
#include "arch/lower.h"
#include "codegen/codegen.h"
#include "io/mcunet_config.h"
#include "nas/evolution.h"
#include "nas/pareto.h"
#include "nas/space_optimizer.h"
#include "nas/zero_cost.h"
#include "util/error.h"
#include "util/thread_pool.h"
#include "zoo/zoo.h"

using namespace mcunet;
using namespace mcunet::nas;

namespace {

const std::string kMcunet256 = std::string(MCUNET_SHARED_DIR) + "/zoo/mcunet-256kb-1mb_imagenet.json";

std::string scratchDir(const std::string& name) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("mcunet-nas-test-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

// MCUNet's 256 kB model as genes of its space (its expand ratios include 5).
ArchGenes mcunet256Genes(const SearchSpace& space) {
    ArchGenes g;
    g.width = 0.5;
    g.resolution = 160;
    g.depth = {4, 3, 2, 3, 4, 1};
    const int kernels[][4] = {{5, 7, 3, 5}, {3, 7, 5, 0}, {7, 5, 0, 0}, {3, 5, 3, 0}, {5, 5, 5, 3}, {5, 0, 0, 0}};
    const double expands[][4] = {{3, 6, 5, 5}, {5, 6, 6, 0}, {4, 5, 0, 0}, {5, 5, 4, 0}, {6, 4, 3, 4}, {5, 0, 0, 0}};
    for (int s = 0; s < space.stageCount(); ++s)
        for (int b = 0; b < space.maxDepth(s); ++b) {
            const bool active = b < g.depth[static_cast<size_t>(s)];
            g.kernel.push_back(active ? kernels[s][b] : 3);
            g.expand.push_back(active ? expands[s][b] : 3);
        }
    return g;
}

Limits budget(int64_t sramKb, int64_t flashKb) { return {sramKb * 1024, flashKb * 1024, 0}; }

SearchSettings smallSearch(uint64_t seed, int threads) {
    SearchSettings s;
    s.limits = budget(256, 1024);
    s.population = 20;
    s.generations = 4;
    s.seed = seed;
    s.threads = threads;
    return s;
}

std::vector<std::string> keysOf(const SearchSnapshot& s) {
    std::vector<std::string> keys;
    for (const Candidate& c : s.candidates) keys.push_back(c.key);
    return keys;
}

}  // namespace

TEST(SearchSpace, McunetSpaceIsTheSupernetsAndBuildsMcunetsOwnModel) {
    SearchSpace space = mcunetSpace();
    EXPECT_EQ(space.stageWidths, (std::vector<int>{32, 16, 24, 40, 80, 96, 192, 320, 1280}));
    EXPECT_EQ(space.stageStrides, (std::vector<int>{2, 2, 2, 1, 2, 1}));
    EXPECT_EQ(space.blockSlots(), 21);
    EXPECT_EQ(space.widthMultipliers.size(), 9u);
    EXPECT_EQ(space.resolutions.front(), 48);
    EXPECT_EQ(space.resolutions.back(), 224);
    EXPECT_EQ(space.resolutions.size(), 12u);
    EXPECT_EQ(mbv2Space().stageWidths, (std::vector<int>{32, 16, 24, 32, 64, 96, 160, 320, 1280}));
    // MCUNet's released 256 kB model is a member of the space (with expand 5, which it uses):
    // building its genes gives back its published JSON, key for key.
    space.expandRatios = {3, 4, 5, 6};
    const ArchGenes genes = mcunet256Genes(space);
    ASSERT_NO_THROW(checkGenes(space, genes));
    EXPECT_EQ(io::toJson(buildArch(space, genes)), io::toJson(io::readMcunetConfig(kMcunet256)));
}

TEST(SearchSpace, JsonRoundTripAndClearErrors) {
    SearchSpace space = mbv2Space();
    space.kernels = {3, 5};
    const std::string path = scratchDir("space") + "/space.json";
    saveSearchSpace(space, path);
    EXPECT_EQ(loadSearchSpace(path), space);
    EXPECT_EQ(searchSpaceNamed("google"), mbv2Space());
    nlohmann::json bad = toJson(space);
    bad["kernels"] = {3, 4};
    try {
        searchSpaceFromJson(bad, "my.json");
        FAIL() << "an even kernel was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "my.json: search space \"mbv2\": kernels: every kernel must be odd, 1..31, got 4");
    }
    EXPECT_THROW(loadSearchSpace(path + ".missing"), Error);
}

TEST(SearchSpace, SeededSamplingMutationCrossover) {
    const SearchSpace space = mcunetSpace();
    Rng a(7), b(7);
    for (int i = 0; i < 50; ++i) {
        const ArchGenes x = sampleGenes(space, a), y = sampleGenes(space, b);
        EXPECT_EQ(x, y);
        EXPECT_NO_THROW(checkGenes(space, x));
    }
    Rng rng(3);
    const ArchGenes parent = sampleGenes(space, rng, 0.5, 160);
    EXPECT_EQ(parent.width, 0.5);
    EXPECT_EQ(parent.resolution, 160);
    EXPECT_EQ(mutateGenes(space, parent, 0.0, rng), parent);
    int changed = 0;
    for (int i = 0; i < 20; ++i) {
        const ArchGenes child = mutateGenes(space, parent, 0.1, rng, false);
        EXPECT_EQ(child.width, 0.5);
        EXPECT_NO_THROW(checkGenes(space, child));
        changed += child != parent;
    }
    EXPECT_GT(changed, 10);
    const ArchGenes other = sampleGenes(space, rng);
    const ArchGenes mixed = crossoverGenes(parent, other, rng);
    for (size_t i = 0; i < mixed.kernel.size(); ++i)
        EXPECT_TRUE(mixed.kernel[i] == parent.kernel[i] || mixed.kernel[i] == other.kernel[i]);
    // Inactive block slots are not part of the architecture.
    ArchGenes shallow = parent;
    shallow.depth[0] = 2;
    ArchGenes shallowOther = shallow;
    shallowOther.kernel[3] = shallow.kernel[3] == 3 ? 5 : 3;  // stage 0, block 3: inactive at depth 2
    EXPECT_EQ(key(space, shallow), key(space, shallowOther));
}

TEST(NasEvaluation, FastArenaEqualsFullPlanAndGeneratedCodeOn200RandomArchs) {
    const SearchSpace space = mcunetSpace();
    Rng rng(11);
    for (int i = 0; i < 200; ++i) {
        const arch::ArchConfig config = buildArch(space, sampleGenes(space, rng));
        SCOPED_TRACE(key(space, sampleGenes(space, rng)) + " #" + std::to_string(i));
        const Metrics metrics = measureArch(config);
        ASSERT_TRUE(metrics.ok()) << metrics.error;
        // The full plan on the graph with weights, as analysis and codegen see an exported network.
        arch::LowerOptions withWeights;
        withWeights.withWeights = true;
        const ir::Graph graph = arch::lowerArch(config, withWeights);
        const analysis::MemoryPlan plan = analysis::planEngine(graph);
        ASSERT_EQ(metrics.peakSramBytes, plan.arenaBytes);
        EXPECT_EQ(metrics.flashBytes, analysis::estimateFlash(graph).totalBytes());
        if (i % 4 == 0) {  // every 4th: the generated C's static arena (code generation is the slow part)
            const codegen::GeneratedModel model = codegen::generateModel(graph, plan);
            ASSERT_EQ(model.arenaBytes, metrics.peakSramBytes);
            const std::string source = model.file("model.c")->content;
            std::smatch match;
            ASSERT_TRUE(std::regex_search(source, match, std::regex(R"(static int8_t arena\[([0-9]+)\])")));
            EXPECT_EQ(std::stoll(match[1].str()), metrics.peakSramBytes);
        }
    }
}

TEST(NasEvaluation, TflmFlashOfAShapesOnlyGraphCountsItsConstants) {
    const ir::Graph shapes = io::lowerMcunetConfig(io::readMcunetConfig(kMcunet256));
    analysis::FlashOptions tflm;
    tflm.runtime = "tflm";
    // 747,888 B of weights, biases and MEAN axes + 40,960 B of estimated TFLM code (it was
    // 8 + 40,960 = 40,968 B when only the bytes present were summed).
    EXPECT_EQ(analysis::estimateFlash(shapes, tflm).modelFileBytes, 747888);
    EXPECT_EQ(analysis::estimateFlash(shapes, tflm).totalBytes(), 788848);
    arch::LowerOptions withWeights;
    withWeights.withWeights = true;
    const ir::Graph weighted = io::lowerMcunetConfig(io::readMcunetConfig(kMcunet256), withWeights);
    EXPECT_EQ(analysis::estimateFlash(weighted, tflm).totalBytes(), 788848);
}

TEST(Pareto, HandMadeSet) {
    const std::vector<ParetoPoint> points = {
        {10, 100, 100, 0},  // 0: front
        {10, 120, 100, 0},  // 1: dominated by 0 (more SRAM)
        {12, 150, 100, 0},  // 2: front (more accuracy)
        {8, 50, 200, 0},    // 3: front (least SRAM)
        {12, 150, 100, 0},  // 4: duplicate of 2: only the first is kept
        {7, 60, 300, 0},    // 5: dominated by 3
        {9, 100, 90, 0},    // 6: front (least Flash)
    };
    EXPECT_EQ(paretoFront(points), (std::vector<size_t>{0, 2, 3, 6}));
    EXPECT_TRUE(dominates(points[0], points[1]));
    EXPECT_FALSE(dominates(points[0], points[0]));
    EXPECT_TRUE(paretoFront({}).empty());
}

TEST(Evolution, SameSeedSameParetoSetWhateverTheThreads) {
    EvolutionSearch one(smallSearch(5, 1)), two(smallSearch(5, 2)), other(smallSearch(6, 1));
    one.run(Progress::none());
    two.run(Progress::none());
    other.run(Progress::none());
    const SearchSnapshot a = one.snapshot(), b = two.snapshot(), c = other.snapshot();
    EXPECT_EQ(keysOf(a), keysOf(b));
    EXPECT_EQ(a.front, b.front);
    ASSERT_TRUE(a.best && b.best);
    EXPECT_EQ(a.candidates[*a.best].key, b.candidates[*b.best].key);
    EXPECT_NE(keysOf(a), keysOf(c));
    EXPECT_EQ(a.generation, 4);
    EXPECT_TRUE(a.finished);
}

TEST(Evolution, NoReportedCandidateBreaksALimitByTheFullPlanner) {
    SearchSettings settings = smallSearch(1, 2);
    settings.limits = budget(128, 512);
    EvolutionSearch search(settings);
    search.run(Progress::none());
    const SearchSnapshot s = search.snapshot();
    ASSERT_FALSE(s.front.empty());
    for (size_t index : s.front) {
        const Candidate& c = s.candidates[index];
        const analysis::ModelAnalysis full = describeCandidate(buildArch(settings.space, c.genes));
        EXPECT_LE(full.engine.arenaBytes, settings.limits.sramBytes) << c.key;
        EXPECT_EQ(full.engine.arenaBytes, c.metrics.peakSramBytes) << c.key;
        EXPECT_LE(full.engineFlash.totalBytes(), settings.limits.flashBytes) << c.key;
        EXPECT_EQ(full.profile.totalMacs, c.metrics.macs);
        EXPECT_EQ(*c.accuracy, static_cast<double>(c.metrics.macs));
    }
    // Tighter limits recolour: the front is recomputed from the same numbers.
    search.setLimits(budget(64, 512));
    const SearchSnapshot tight = search.snapshot();
    for (size_t index : tight.front) EXPECT_LE(tight.candidates[index].metrics.peakSramBytes, 64 * 1024);
    EXPECT_EQ(tight.candidates.size(), s.candidates.size());
}

TEST(Evolution, SavedSearchReopensAndContinuesAsIfNeverStopped) {
    SearchSettings settings = smallSearch(9, 1);
    EvolutionSearch straight(settings);
    straight.run(Progress::none());
    SearchSettings half = settings;
    half.generations = 2;
    EvolutionSearch first(half);
    first.run(Progress::none());
    const std::string path = scratchDir("save") + "/search.json";
    first.save(path);
    nlohmann::json saved = first.toJson();
    saved["settings"]["generations"] = 4;  // continue to the full length
    std::ofstream(path) << saved.dump();
    std::unique_ptr<EvolutionSearch> reopened = EvolutionSearch::open(path);
    EXPECT_EQ(reopened->snapshot().generation, 2);
    reopened->run(Progress::none());
    EXPECT_EQ(keysOf(reopened->snapshot()), keysOf(straight.snapshot()));
    EXPECT_EQ(reopened->snapshot().front, straight.snapshot().front);
    std::ofstream(path) << "{\"format\": \"something else\"}";
    EXPECT_THROW(EvolutionSearch::open(path), Error);
}

TEST(Evolution, CancelStopsTheRunningSearch) {
    SearchSettings settings = smallSearch(2, 2);
    settings.generations = 100000;
    EvolutionSearch search(settings);
    Progress progress;
    std::atomic<bool> cancelled{false};
    std::chrono::steady_clock::time_point askedAt;
    std::thread worker([&] {
        try {
            search.run(progress);
        } catch (const Error& e) {
            cancelled = e.code() == ErrorCode::Cancelled;
        }
    });
    while (search.snapshot().generation < 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    askedAt = std::chrono::steady_clock::now();
    progress.cancel();
    worker.join();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - askedAt).count();
    EXPECT_TRUE(cancelled);
    RecordProperty("cancel_ms", std::to_string(ms));
    std::printf("[ nas     ] cancel returned %.1f ms after it was asked\n", ms);
    const SearchSnapshot s = search.snapshot();
    EXPECT_FALSE(s.finished);
    EXPECT_GE(s.generation, 2);
}

TEST(Evolution, PauseHoldsTheSearchUntilResumed) {
    SearchSettings settings = smallSearch(4, 1);
    settings.generations = 3;
    EvolutionSearch search(settings);
    search.pause();
    std::thread worker([&] { search.run(Progress::none()); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_TRUE(search.snapshot().candidates.empty());
    search.resume();
    worker.join();
    EXPECT_TRUE(search.snapshot().finished);
}

TEST(Evolution, BadSettingsAreRefusedWithTheReason) {
    SearchSettings settings = smallSearch(0, 1);
    settings.population = 2;
    try {
        EvolutionSearch search(settings);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "search: population must be 4..100000, got 2");
    }
    settings = smallSearch(0, 1);
    settings.objective = "accuracy";
    EXPECT_THROW(EvolutionSearch search(settings), Error);
    settings.objective = "cmd:python train.py";
    try {
        EvolutionSearch search(settings);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("must contain {config}"), std::string::npos) << e.what();
    }
}

TEST(CommandSignal, SuccessBadOutputTimeoutAndExitStatusArePerCandidate) {
    const std::string dir = scratchDir("cmd");
    const std::string script = dir + "/train.sh";
    // Reads the candidate's resolution from its config and answers by it: 160 writes a good
    // result, 176 garbage, 192 exits 3, 208 hangs, anything else writes nothing.
    std::ofstream(script) << "#!/bin/sh\n"
                             "config=\"$1\"; out=\"$2\"\n"
                             "grep -q '\"resolution\": 160' \"$config\" && { echo '{\"accuracy\": 0.625}' > \"$out\"; exit 0; }\n"
                             "grep -q '\"resolution\": 176' \"$config\" && { echo 'loss went NaN' > \"$out\"; exit 0; }\n"
                             "grep -q '\"resolution\": 192' \"$config\" && exit 3\n"
                             "grep -q '\"resolution\": 208' \"$config\" && sleep 30\n"
                             "exit 0\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    CommandOptions options;
    options.commandTemplate = script + " {config} {result}";
    options.parallel = 3;
    options.timeout = std::chrono::milliseconds(500);
    options.workDirectory = dir + "/work";
    CommandSignal signal(options);
    const SearchSpace space = mcunetSpace();
    Rng rng(1);
    std::vector<arch::ArchConfig> configs;
    for (int r : {160, 176, 192, 208, 224}) configs.push_back(buildArch(space, sampleGenes(space, rng, 0.3, r)));
    std::vector<const arch::ArchConfig*> pointers;
    std::vector<Metrics> metrics(configs.size());
    std::vector<const Metrics*> metricPointers;
    for (size_t i = 0; i < configs.size(); ++i) {
        pointers.push_back(&configs[i]);
        metricPointers.push_back(&metrics[i]);
    }
    const auto started = std::chrono::steady_clock::now();
    const std::vector<SignalResult> results = signal.score(pointers, metricPointers, Progress::none());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_EQ(results.size(), 5u);
    EXPECT_TRUE(results[0].error.empty()) << results[0].error;
    EXPECT_EQ(results[0].value, 0.625);
    EXPECT_NE(results[1].error.find("is not {\"accuracy\": <number>}: loss went NaN"), std::string::npos) << results[1].error;
    EXPECT_NE(results[2].error.find("exited with status 3"), std::string::npos) << results[2].error;
    EXPECT_NE(results[3].error.find("did not finish within 500 ms and was stopped"), std::string::npos) << results[3].error;
    EXPECT_NE(results[4].error.find("exited without writing"), std::string::npos) << results[4].error;
    EXPECT_LT(seconds, 25) << "the hung command was not stopped";  // not a speed bound: 30 s sleep vs 0.5 s timeout
}

TEST(CommandSignal, SearchGoesOnWhenCandidatesFail) {
    const std::string dir = scratchDir("cmd-search");
    const std::string script = dir + "/score.sh";
    // Fails every candidate below resolution 100; scores the others by their resolution.
    std::ofstream(script) << "#!/bin/sh\n"
                             "r=$(grep -o '\"resolution\": [0-9]*' \"$1\" | grep -o '[0-9]*$')\n"
                             "[ \"$r\" -lt 100 ] && exit 1\n"
                             "echo \"{\\\"accuracy\\\": $r}\" > \"$2\"\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    SearchSettings settings = smallSearch(3, 1);
    settings.population = 8;
    settings.generations = 2;
    settings.objective = "cmd:" + script + " {config} {result}";
    settings.command.parallel = 4;
    settings.command.workDirectory = dir + "/work";
    EvolutionSearch search(settings);
    search.run(Progress::none());
    const SearchSnapshot s = search.snapshot();
    ASSERT_TRUE(s.best);
    int scored = 0, failed = 0;
    for (const Candidate& c : s.candidates) {
        if (c.accuracy) {
            ++scored;
            EXPECT_EQ(*c.accuracy, c.genes.resolution);
        }
        failed += !c.accuracyError.empty();
    }
    EXPECT_GT(scored, 0);
    EXPECT_GT(failed, 0);  // low resolutions failed, each with its own message, and the search went on
    EXPECT_EQ(s.generation, 2);
    for (const Candidate& c : s.candidates)
        if (!c.accuracyError.empty()) {
            EXPECT_NE(c.accuracyError.find("exited with status 1"), std::string::npos);
        }
}

TEST(ZeroCost, NaswotIsDeterministicAndTellsNetworksApart) {
    const SearchSpace space = mcunetSpace();
    Rng rng(2);
    const arch::ArchConfig small = buildArch(space, sampleGenes(space, rng, 0.2, 48));
    const arch::ArchConfig wide = buildArch(space, sampleGenes(space, rng, 0.5, 48));
    const double a = naswotScore(small), b = naswotScore(small), c = naswotScore(wide);
    EXPECT_EQ(a, b);
    EXPECT_TRUE(std::isfinite(a));
    EXPECT_NE(a, c);
    EXPECT_GT(a, 0);
}

TEST(SpaceOptimizer, FitFractionsAndTheBestCellByMeanMacs) {
    SpaceOptSettings settings;
    settings.space.widthMultipliers = {0.3, 0.5};
    settings.space.resolutions = {96, 160};
    settings.limits = budget(256, 1024);
    settings.samplesPerCell = 30;
    settings.threads = 2;
    const SpaceOptResult result = optimizeSpace(settings, Progress::none());
    ASSERT_EQ(result.cells.size(), 4u);
    settings.threads = 1;
    const SpaceOptResult again = optimizeSpace(settings, Progress::none());
    for (size_t i = 0; i < 4; ++i) EXPECT_EQ(result.cells[i].fittingMacs, again.cells[i].fittingMacs);
    // Small cells fit more often; the chosen cell has the highest mean MACs of fitting networks.
    EXPECT_GE(result.cells[0].fitFraction(), result.cells[3].fitFraction());
    ASSERT_GE(result.bestCell, 0);
    for (const CellStats& cell : result.cells) EXPECT_LE(cell.meanMacs, result.cells[static_cast<size_t>(result.bestCell)].meanMacs);
    EXPECT_EQ(cellRuleNamed("fit-fraction"), CellRule::FitFraction);
    EXPECT_THROW(cellRuleNamed("best"), Error);
}

TEST(ThreadPool, EveryIndexOnceAndErrorsComeBack) {
    ThreadPool pool(2);
    std::vector<std::atomic<int>> hits(1000);
    pool.parallelFor(hits.size(), [&](size_t i, int worker) {
        EXPECT_GE(worker, 0);
        EXPECT_LT(worker, 2);
        ++hits[i];
    });
    for (const auto& h : hits) EXPECT_EQ(h.load(), 1);
    EXPECT_THROW(pool.parallelFor(100, [](size_t i, int) {
        if (i == 50) throw Error(ErrorCode::Cancelled, "cancelled");
    }), Error);
    int sum = 0;
    pool.parallelFor(10, [&](size_t, int) {});  // usable after an error
    ThreadPool inline1(1);
    inline1.parallelFor(10, [&](size_t i, int) { sum += static_cast<int>(i); });
    EXPECT_EQ(sum, 45);
}
