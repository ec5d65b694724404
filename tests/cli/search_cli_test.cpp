// mcunet search / space-opt as a user runs them: files written, numbers equal to core's, the
// same seed the same result, and bad input refused with a message that says what to do.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analysis/model_analysis.h"
#include "io/model_loader.h"
#include "run_cli.h"

using mcunet::testing::runMcunet;

namespace {

std::string outDir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("mcunet-search-cli-" + name);
    std::filesystem::remove_all(dir);
    return dir.string();
}

nlohmann::json readJson(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

}  // namespace

TEST(SearchCli, WritesTheParetoSetAndTheBestConfigWithinTheBudget) {
    const std::string dir = outDir("a");
    const auto run = runMcunet("search --sram 256K --flash 1M --population 20 --generations 3 --seed 4 --json -o " + dir);
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const nlohmann::json summary = nlohmann::json::parse(run.output.substr(run.output.find('{')));
    EXPECT_EQ(summary["sram_limit_bytes"], 262144);
    EXPECT_EQ(summary["flash_limit_bytes"], 1048576);
    EXPECT_EQ(summary["generations"], 3);
    const nlohmann::json front = readJson(dir + "/pareto.json");
    ASSERT_FALSE(front.empty());
    for (const auto& c : front) {
        EXPECT_LE(c["peak_sram_bytes"].get<int64_t>(), 262144);
        EXPECT_LE(c["flash_bytes"].get<int64_t>(), 1048576);
    }
    std::ifstream csv(dir + "/pareto.csv");
    std::string header;
    std::getline(csv, header);
    EXPECT_EQ(header, "key,accuracy,macs,params,peak_sram_bytes,flash_bytes,generation");
    // best.json is an MCUNet config whose numbers, opened like any model, are the reported ones.
    const mcunet::analysis::ModelAnalysis best = mcunet::analysis::analyzeModel(mcunet::io::loadModel(dir + "/best.json"));
    EXPECT_EQ(best.engine.arenaBytes, summary["best"]["peak_sram_bytes"].get<int64_t>());
    EXPECT_EQ(best.profile.totalMacs, summary["best"]["macs"].get<int64_t>());
    EXPECT_TRUE(std::filesystem::exists(dir + "/search.json"));
    // Same seed, same result.
    const std::string second = outDir("b");
    const auto again = runMcunet("search --sram 256K --flash 1M --population 20 --generations 3 --seed 4 --threads 2 --json -o " + second);
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_EQ(readJson(dir + "/pareto.json"), readJson(second + "/pareto.json"));
}

TEST(SearchCli, BoardBudgetAndClearRefusals) {
    const auto board = runMcunet("search --board stm32f412 --population 8 --generations 1 -o " + outDir("c"));
    ASSERT_EQ(board.exitCode, 0) << board.output;
    EXPECT_NE(board.output.find("search for STM32F412"), std::string::npos) << board.output;
    EXPECT_NE(board.output.find("best: "), std::string::npos) << board.output;
    const auto none = runMcunet("search --population 8");
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_NE(none.output.find("give the budget: --board NAME, or --sram SIZE and --flash SIZE"), std::string::npos) << none.output;
    const auto size = runMcunet("search --sram 256Q --flash 1M");
    EXPECT_EQ(size.exitCode, 2);
    EXPECT_NE(size.output.find("--sram: unknown unit 'q' (use K or M)"), std::string::npos) << size.output;
    const auto latency = runMcunet("search --sram 256K --flash 1M --latency-ms 100");
    EXPECT_EQ(latency.exitCode, 2);
    EXPECT_NE(latency.output.find("latency estimate is not built yet"), std::string::npos) << latency.output;
    const auto objective = runMcunet("search --sram 256K --flash 1M --objective accuracy");
    EXPECT_EQ(objective.exitCode, 2);
    EXPECT_NE(objective.output.find("unknown objective \"accuracy\""), std::string::npos) << objective.output;
    const auto space = runMcunet("search --sram 256K --flash 1M --space /nonexistent.json");
    EXPECT_NE(space.exitCode, 0);
    EXPECT_NE(space.output.find("/nonexistent.json: cannot open search space file (built-in spaces: mcunet, mbv2)"),
              std::string::npos) << space.output;
}

TEST(SpaceOptCli, CellsAndTheChosenOne) {
    const std::string file = outDir("d") + ".json";
    const auto run = runMcunet("space-opt --sram 256K --flash 1M --samples 5 --threads 2 -o " + file);
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("best cell by mean-macs: width"), std::string::npos) << run.output;
    const nlohmann::json j = readJson(file);
    EXPECT_EQ(j["cells"].size(), 9u * 12u);
    EXPECT_EQ(j["rule"], "mean-macs");
    double bestMean = 0;
    for (const auto& cell : j["cells"]) bestMean = std::max(bestMean, cell["mean_macs"].get<double>());
    EXPECT_EQ(j["best"]["mean_macs"].get<double>(), bestMean);
    const auto rule = runMcunet("space-opt --sram 256K --flash 1M --rule best");
    EXPECT_EQ(rule.exitCode, 2);
    EXPECT_NE(rule.output.find("unknown cell rule \"best\""), std::string::npos) << rule.output;
}
