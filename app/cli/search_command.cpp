// mcunet search / mcunet space-opt: TinyNAS from the command line. The search writes its Pareto
// set (JSON, CSV), the best network's MCUNet config and the saved search into -o DIR.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "command.h"
#include "device/board.h"
#include "format.h"
#include "io/mcunet_config.h"
#include "nas/evolution.h"
#include "nas/space_optimizer.h"
#include "util/error.h"

namespace mcunet::cli {

namespace {

[[noreturn]] void bad(const std::string& what) { throw Error(ErrorCode::InvalidArgument, what); }

// "256K", "256kB", "1M", "327680": bytes (k = 1024, as MCU datasheets count).
int64_t parseSize(const std::string& option, const std::string& text) {
    size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (...) {
        bad("--" + option + ": expected a size such as 256K, 1M or 327680, got '" + text + "'");
    }
    std::string unit = text.substr(used);
    for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    double scale = 1;
    if (unit == "k" || unit == "kb" || unit == "kib") scale = 1024;
    else if (unit == "m" || unit == "mb" || unit == "mib") scale = 1024 * 1024;
    else if (!unit.empty() && unit != "b") bad("--" + option + ": unknown unit '" + unit + "' (use K or M)");
    if (!(value > 0)) bad("--" + option + ": must be positive, got '" + text + "'");
    return static_cast<int64_t>(value * scale);
}

int parseInt(const Args& args, const std::string& option, int fallback, int lo, int hi) {
    if (!args.has(option)) return fallback;
    const std::string text = args.value(option);
    try {
        size_t used = 0;
        const long value = std::stol(text, &used);
        if (used == text.size() && value >= lo && value <= hi) return static_cast<int>(value);
    } catch (...) {
    }
    bad("--" + option + ": expected an integer " + std::to_string(lo) + ".." + std::to_string(hi) + ", got '" + text + "'");
}

struct Budget {
    nas::Limits limits;
    std::string core = "cortex-m4";
    std::string label;
};

Budget budgetFrom(const Args& args) {
    Budget budget;
    if (args.has("board")) {
        const device::Board board = device::findBoard(args.value("board"));
        budget.limits.sramBytes = board.sramBytes;
        budget.limits.flashBytes = board.flashBytes;
        budget.core = board.core;
        budget.label = board.name;
    }
    if (args.has("sram")) budget.limits.sramBytes = parseSize("sram", args.value("sram"));
    if (args.has("flash")) budget.limits.flashBytes = parseSize("flash", args.value("flash"));
    if (budget.limits.sramBytes <= 0 || budget.limits.flashBytes <= 0)
        bad("give the budget: --board NAME, or --sram SIZE and --flash SIZE (e.g. --sram 256K --flash 1M)");
    if (args.has("latency-ms"))
        bad("--latency-ms: the latency estimate is not built yet (the engine-speed issue adds it); search by SRAM and Flash");
    if (args.has("core")) budget.core = args.value("core");
    if (budget.label.empty()) budget.label = kiloBytes(budget.limits.sramBytes) + " SRAM / " + kiloBytes(budget.limits.flashBytes) + " Flash";
    return budget;
}

nas::SearchSpace spaceFrom(const Args& args) { return nas::searchSpaceNamed(args.value("space", "mcunet")); }

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw fileError(ErrorCode::FileNotFound, path.string(), "cannot open file for writing");
    out << text;
}

// A progress line on stderr that rewrites itself on a terminal.
Progress::Listener progressLine(bool quiet) {
    const bool tty = isatty(fileno(stderr));
    return [quiet, tty](double fraction, std::string_view message) {
        if (quiet) return;
        std::fprintf(stderr, "%s%3.0f%% %.*s%s", tty ? "\r" : "", fraction * 100, static_cast<int>(message.size()),
                     message.data(), tty ? "   " : "\n");
        std::fflush(stderr);
    };
}

nlohmann::json candidateJson(const nas::SearchSpace& space, const nas::Candidate& c) {
    nlohmann::json j = {{"key", c.key},
                        {"macs", c.metrics.macs},
                        {"params", c.metrics.params},
                        {"peak_sram_bytes", c.metrics.peakSramBytes},
                        {"flash_bytes", c.metrics.flashBytes},
                        {"generation", c.generation},
                        {"genes", nas::toJson(c.genes)},
                        {"config", io::toJson(nas::buildArch(space, c.genes))}};
    if (c.accuracy) j["accuracy"] = *c.accuracy;
    return j;
}

}  // namespace

int runSearch(const Args& args) {
    const Budget budget = budgetFrom(args);
    nas::SearchSettings settings;
    settings.space = spaceFrom(args);
    settings.limits = budget.limits;
    settings.core = budget.core;
    settings.objective = args.value("objective", "macs");
    settings.population = parseInt(args, "population", 100, 4, 100000);
    settings.generations = parseInt(args, "generations", 30, 0, 1000000);
    settings.seed = static_cast<uint64_t>(parseInt(args, "seed", 0, 0, 2147483647));
    settings.threads = parseInt(args, "threads", 1, 1, 256);
    settings.command.parallel = parseInt(args, "parallel", settings.threads, 1, 1024);
    settings.command.timeout = std::chrono::milliseconds(static_cast<int64_t>(parseInt(args, "timeout", 3600, 1, 86400 * 7)) * 1000);
    if (args.has("cell")) {
        const std::string cell = args.value("cell");
        const size_t comma = cell.find(',');
        if (comma == std::string::npos) bad("--cell: expected WIDTH,RESOLUTION such as 0.5,160, got '" + cell + "'");
        try {
            settings.cellWidth = std::stod(cell.substr(0, comma));
            settings.cellResolution = std::stoi(cell.substr(comma + 1));
        } catch (...) {
            bad("--cell: expected WIDTH,RESOLUTION such as 0.5,160, got '" + cell + "'");
        }
    }
    const std::filesystem::path out = args.value("output", "search-out");
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) throw fileError(ErrorCode::FileNotFound, out.string(), "cannot create output directory: " + ec.message());
    if (settings.objective.rfind("cmd:", 0) == 0) settings.command.workDirectory = (out / "candidates").string();

    nas::EvolutionSearch search(settings);
    const bool json = args.has("json");
    Progress progress([&, listener = progressLine(json)](double fraction, std::string_view message) {
        const nas::EvolutionSearch::Status s = search.status();
        std::string line = std::string(message) + ", " + std::to_string(s.evaluations) + " evaluations, " +
                           std::to_string(static_cast<int64_t>(s.evaluationsPerSecond)) + "/s";
        if (s.best) line += ", best " + grouped(s.best->macs) + " MACs";
        listener(fraction, line);
    });
    search.run(progress);
    if (!json && isatty(fileno(stderr))) std::fprintf(stderr, "\n");
    const nas::SearchSnapshot s = search.snapshot();

    nlohmann::json front = nlohmann::json::array();
    std::string csv = "key,accuracy,macs,params,peak_sram_bytes,flash_bytes,generation\n";
    for (size_t index : s.front) {
        const nas::Candidate& c = s.candidates[index];
        front.push_back(candidateJson(settings.space, c));
        csv += "\"" + c.key + "\"," + std::to_string(c.accuracy.value_or(0)) + "," + std::to_string(c.metrics.macs) + "," +
               std::to_string(c.metrics.params) + "," + std::to_string(c.metrics.peakSramBytes) + "," +
               std::to_string(c.metrics.flashBytes) + "," + std::to_string(c.generation) + "\n";
    }
    writeText(out / "pareto.json", front.dump(2) + "\n");
    writeText(out / "pareto.csv", csv);
    search.save((out / "search.json").string());
    nlohmann::json summary = {{"budget", budget.label},
                              {"sram_limit_bytes", budget.limits.sramBytes},
                              {"flash_limit_bytes", budget.limits.flashBytes},
                              {"objective", settings.objective},
                              {"generations", s.generation},
                              {"evaluations", s.evaluations},
                              {"evaluations_per_second", s.evaluationsPerSecond},
                              {"seconds", s.elapsedSeconds},
                              {"pareto_size", s.front.size()},
                              {"output", out.string()}};
    if (s.best) {
        const nas::Candidate& best = s.candidates[*s.best];
        io::writeMcunetConfig(nas::buildArch(settings.space, best.genes), (out / "best.json").string());
        summary["best"] = candidateJson(settings.space, best);
        summary["best"].erase("config");
    } else {
        summary["best"] = nullptr;
    }
    if (json) {
        std::printf("%s\n", summary.dump(2).c_str());
    } else {
        std::printf("search for %s (%s objective): %d generations, %s evaluations in %.1f s (%s/s)\n", budget.label.c_str(),
                    settings.objective.c_str(), s.generation, grouped(s.evaluations).c_str(), s.elapsedSeconds,
                    grouped(static_cast<int64_t>(s.evaluationsPerSecond)).c_str());
        if (s.best) {
            const nas::Candidate& best = s.candidates[*s.best];
            std::printf("best: %s MACs, peak SRAM %s B (%s), Flash %s B (%s), %s params\n  %s\n",
                        grouped(best.metrics.macs).c_str(), grouped(best.metrics.peakSramBytes).c_str(),
                        kiloBytes(best.metrics.peakSramBytes).c_str(), grouped(best.metrics.flashBytes).c_str(),
                        kiloBytes(best.metrics.flashBytes).c_str(), grouped(best.metrics.params).c_str(), best.key.c_str());
        } else {
            std::printf("no network of the space fits this budget\n");
        }
        std::printf("Pareto set: %zu networks -> %s/pareto.json, pareto.csv; best config -> %s/best.json; search -> %s/search.json\n",
                    s.front.size(), out.string().c_str(), out.string().c_str(), out.string().c_str());
    }
    return s.best ? 0 : 1;
}

int runSpaceOpt(const Args& args) {
    const Budget budget = budgetFrom(args);
    nas::SpaceOptSettings settings;
    settings.space = spaceFrom(args);
    settings.limits = budget.limits;
    settings.core = budget.core;
    settings.samplesPerCell = parseInt(args, "samples", 1000, 1, 1000000);
    settings.seed = static_cast<uint64_t>(parseInt(args, "seed", 0, 0, 2147483647));
    settings.threads = parseInt(args, "threads", 1, 1, 256);
    settings.rule = nas::cellRuleNamed(args.value("rule", "mean-macs"));
    const bool json = args.has("json");
    Progress progress(progressLine(json));
    const nas::SpaceOptResult result = nas::optimizeSpace(settings, progress);
    if (!json && isatty(fileno(stderr))) std::fprintf(stderr, "\n");
    const nlohmann::json j = nas::toJson(result);
    if (args.has("output")) writeText(args.value("output"), j.dump(2) + "\n");
    if (json) {
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    Table table({"width", "resolution", "fit", "mean MACs", "median MACs", "max MACs"}, {true, true, true, true, true, true});
    for (const nas::CellStats& c : result.cells) {
        char width[16], fit[16];
        std::snprintf(width, sizeof width, "%.1f", c.width);
        std::snprintf(fit, sizeof fit, "%.1f%%", c.fitFraction() * 100);
        table.addRow({width, std::to_string(c.resolution), fit, grouped(static_cast<int64_t>(c.meanMacs)),
                      grouped(c.macsAtQuantile(0.5)), grouped(c.fittingMacs.empty() ? 0 : c.fittingMacs.back())});
    }
    std::printf("%s\n", table.render().c_str());
    if (result.bestCell >= 0) {
        const nas::CellStats& b = result.cells[static_cast<size_t>(result.bestCell)];
        std::printf("best cell by %s: width %.1f, resolution %d (%.1f%% fit, mean %s MACs); search it with --cell %.1f,%d\n",
                    nas::cellRuleName(result.rule).c_str(), b.width, b.resolution, b.fitFraction() * 100,
                    grouped(static_cast<int64_t>(b.meanMacs)).c_str(), b.width, b.resolution);
    } else {
        std::printf("no sampled network of any cell fits %s\n", budget.label.c_str());
    }
    return 0;
}

}  // namespace mcunet::cli
