#include "memory_report.h"

#include <cstdio>
#include <filesystem>

#include "analysis/engine_planner.h"
#include "analysis/tflm_planner.h"
#include "format.h"
#include "report/plan_json.h"
#include "util/error.h"

namespace mcunet::cli {
namespace {

std::string margin(int64_t limit, int64_t used) {
    const int64_t left = limit - used;
    return (left >= 0 ? "margin " : "over by ") + kiloBytes(left >= 0 ? left : -left) + " (" +
           grouped(left >= 0 ? left : -left) + " B)";
}

}  // namespace

int64_t RuntimeFit::sramBytes() const {
    if (!plan) return 0;
    return runtime == "tflm" ? plan->minimumArenaBytes : plan->arenaBytes;
}

MemoryReport buildMemoryReport(const ir::Graph& graph, const std::string& file, const device::Board& board,
                               bool int8Input) {
    MemoryReport report;
    report.engine.runtime = "engine";
    report.tflm.runtime = "tflm";
    analysis::FlashOptions flashOptions;
    flashOptions.core = board.core;
    flashOptions.int8Input = int8Input;
    try {
        analysis::EnginePlanOptions options;
        options.int8Input = int8Input;
        report.engine.plan = analysis::planEngine(graph, options);
        flashOptions.runtime = "engine";
        report.engine.flash = analysis::estimateFlash(graph, flashOptions);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::UnsupportedModel) throw;
        report.engine.unavailable = error.what();
    }
    report.tflm.plan = analysis::planTflm(graph);
    flashOptions.runtime = "tflm";
    std::error_code ignored;
    if (std::filesystem::is_regular_file(file, ignored))
        flashOptions.modelFileBytes = static_cast<int64_t>(std::filesystem::file_size(file, ignored));
    report.tflm.flash = analysis::estimateFlash(graph, flashOptions);
    return report;
}

nlohmann::json memoryReportJson(const MemoryReport& report, const device::Board& board) {
    nlohmann::json json;
    for (const RuntimeFit* fit : {&report.engine, &report.tflm}) {
        nlohmann::json entry;
        if (!fit->plan) {
            entry = {{"available", false}, {"reason", fit->unavailable}};
        } else {
            const int64_t sram = fit->sramBytes(), flash = fit->flash->totalBytes();
            entry = {{"available", true},
                     {"peak_sram_bytes", sram},
                     {"flash_bytes", flash},
                     {"fits", {{"sram", sram <= board.sramBytes},
                               {"flash", flash <= board.flashBytes},
                               {"sram_margin_bytes", board.sramBytes - sram},
                               {"flash_margin_bytes", board.flashBytes - flash}}},
                     {"plan", report::toJson(*fit->plan)},
                     {"flash", report::toJson(*fit->flash)}};
        }
        json[fit->runtime] = std::move(entry);
    }
    return json;
}

std::string memoryReportText(const MemoryReport& report, const device::Board& board) {
    std::string text = "does it fit " + board.name + " (" + board.core + ", " + kiloBytes(board.sramBytes) + " SRAM, " +
                       kiloBytes(board.flashBytes) + " Flash):\n";
    char line[512];
    for (const RuntimeFit* fit : {&report.engine, &report.tflm}) {
        const char* label = fit->runtime == "engine" ? "our engine   " : "TF-Lite Micro";
        if (!fit->plan) {
            std::snprintf(line, sizeof line, "  %s  cannot run it: %s\n", label, fit->unavailable.c_str());
            text += line;
            continue;
        }
        const auto& plan = *fit->plan;
        const int64_t sram = fit->sramBytes(), flash = fit->flash->totalBytes();
        if (fit->runtime == "engine")
            std::snprintf(line, sizeof line, "  %s  SRAM %-12s %s B arena (lower bound %s B), %s\n", label,
                          sram <= board.sramBytes ? "fits" : "DOES NOT FIT", grouped(sram).c_str(),
                          grouped(plan.lowerBoundBytes).c_str(), margin(board.sramBytes, sram).c_str());
        else
            std::snprintf(line, sizeof line, "  %s  SRAM %-12s %s B arena (head %s B + tail ~%s B), %s\n", label,
                          sram <= board.sramBytes ? "fits" : "DOES NOT FIT", grouped(sram).c_str(),
                          grouped(plan.arenaBytes).c_str(), grouped(plan.persistentBytes).c_str(),
                          margin(board.sramBytes, sram).c_str());
        text += line;
        const auto& f = *fit->flash;
        if (fit->runtime == "engine")
            std::snprintf(line, sizeof line, "  %s  Flash %-11s %s B = weights %s + bias %s + requant %s + other %s + code %s%s + glue %s, %s\n",
                          "             ", flash <= board.flashBytes ? "fits" : "DOES NOT FIT", grouped(flash).c_str(),
                          grouped(f.weightBytes).c_str(), grouped(f.biasBytes).c_str(), grouped(f.requantBytes).c_str(),
                          grouped(f.otherConstantBytes).c_str(), grouped(f.codeBytes).c_str(),
                          f.codeMeasured ? " (measured)" : " (not measured)", grouped(f.glueBytes).c_str(),
                          margin(board.flashBytes, flash).c_str());
        else
            std::snprintf(line, sizeof line, "  %s  Flash %-11s %s B = model file %s + code ~%s (estimate), %s\n",
                          "             ", flash <= board.flashBytes ? "fits" : "DOES NOT FIT", grouped(flash).c_str(),
                          grouped(f.modelFileBytes).c_str(), grouped(f.codeBytes).c_str(),
                          margin(board.flashBytes, flash).c_str());
        text += line;
        for (const std::string& note : plan.notes) text += "                 note: " + note + "\n";
    }
    return text;
}

}  // namespace mcunet::cli
