#include "memory_report.h"

#include <cstdio>

#include "format.h"
#include "report/plan_json.h"

namespace mcunet::cli {
namespace {

std::string marginText(const analysis::FitCheck& check) {
    const int64_t amount = check.marginBytes >= 0 ? check.marginBytes : -check.marginBytes;
    return (check.fits ? "margin " : "over by ") + kiloBytes(amount) + " (" + grouped(amount) + " B)";
}

const char* verdict(const analysis::FitCheck& check) { return check.fits ? "fits" : "DOES NOT FIT"; }

nlohmann::json fitJson(const analysis::FitCheck& sram, const analysis::FitCheck& flash) {
    return {{"sram", sram.fits},
            {"flash", flash.fits},
            {"sram_margin_bytes", sram.marginBytes},
            {"sram_region", sram.region},
            {"sram_region_bytes", sram.limitBytes},
            {"reserve_in_region_bytes", sram.reserveBytes},
            {"reserve_region", sram.reserveRegion},
            {"flash_margin_bytes", flash.marginBytes}};
}

// Where the arena goes and what the reserve costs there, for the SRAM line.
std::string regionText(const analysis::FitCheck& sram) {
    std::string text = "in " + sram.region + " (" + kiloBytes(sram.limitBytes) + ")";
    if (sram.reserveBytes > 0) text += " with a " + kiloBytes(sram.reserveBytes) + " reserve";
    else if (!sram.reserveRegion.empty()) text += ", reserve in " + sram.reserveRegion;
    return text;
}

}  // namespace

nlohmann::json memoryReportJson(const analysis::ModelAnalysis& analysis, const device::Board& board,
                                int64_t reserveBytes) {
    const analysis::BoardFit fit = analysis::checkFit(analysis, board, reserveBytes);
    nlohmann::json engine;
    if (!analysis.engineAvailable())
        engine = {{"available", false}, {"reason", analysis.engineError}};
    else
        engine = {{"available", true},
                  {"peak_sram_bytes", fit.engineSram.usedBytes},
                  {"flash_bytes", fit.engineFlash.usedBytes},
                  {"fits", fitJson(fit.engineSram, fit.engineFlash)},
                  {"plan", report::toJson(analysis.engine)},
                  {"flash", report::toJson(analysis.engineFlash)}};
    const nlohmann::json tflm = {{"available", true},
                                 {"peak_sram_bytes", fit.tflmSram.usedBytes},
                                 {"flash_bytes", fit.tflmFlash.usedBytes},
                                 {"fits", fitJson(fit.tflmSram, fit.tflmFlash)},
                                 {"plan", report::toJson(analysis.tflm)},
                                 {"flash", report::toJson(analysis.tflmFlash)}};
    const nlohmann::json cmsis = {{"peak_sram_bytes", fit.tflmCmsisSram.usedBytes},
                                  {"head_bytes", analysis.tflmCmsis.arenaBytes},
                                  {"tail_bytes", analysis.tflmCmsis.persistentBytes},
                                  {"fits", {{"sram", fit.tflmCmsisSram.fits}, {"sram_margin_bytes", fit.tflmCmsisSram.marginBytes}}},
                                  {"plan", report::toJson(analysis.tflmCmsis)}};
    return {{"input_type", analysis::inputAssumptionName(analysis.options.input)},
            {"input_assumption", analysis.inputAssumptionText},
            {"engine", engine},
            {"tflm", tflm},
            {"tflm_cmsis_nn", cmsis}};
}

std::string memoryReportText(const analysis::ModelAnalysis& analysis, const device::Board& board,
                             int64_t reserveBytes) {
    const analysis::BoardFit fit = analysis::checkFit(analysis, board, reserveBytes);
    const int64_t reserve = reserveBytes < 0 ? board.reserveBytes : reserveBytes;
    std::string text = "does it fit " + board.name + "? " + board.core + ", " + kiloBytes(board.sramBytes) +
                       " SRAM for the arena (" + kiloBytes(board.totalSramBytes()) + " in all), " +
                       kiloBytes(board.flashBytes) + " Flash, reserve " + kiloBytes(reserve) + " for stack and other RAM\n";
    text += "  both runtimes: " + analysis.inputAssumptionText +
            (analysis.inputAssumptionMatters
                 ? (analysis.options.input == analysis::InputAssumption::Int8 ? " (--input-type declared counts the declared input)"
                                                                               : " (--input-type int8 if the caller quantizes)")
                 : "") +
            "\n";
    char line[512];
    const char* indent = "                 ";
    if (!analysis.engineAvailable()) {
        text += "  our engine     cannot run it: " + analysis.engineError + "\n";
    } else {
        const analysis::MemoryPlan& plan = analysis.engine;
        const analysis::FlashEstimate& f = analysis.engineFlash;
        std::snprintf(line, sizeof line, "  our engine     SRAM %-12s %s B arena (lower bound %s B) %s, %s\n",
                      verdict(fit.engineSram), grouped(fit.engineSram.usedBytes).c_str(),
                      grouped(plan.lowerBoundBytes).c_str(), regionText(fit.engineSram).c_str(),
                      marginText(fit.engineSram).c_str());
        text += line;
        std::snprintf(line, sizeof line,
                      "%sFlash %-11s %s B = weights %s + bias %s + requant %s + other %s + code %s%s + glue %s, %s\n",
                      indent, verdict(fit.engineFlash), grouped(fit.engineFlash.usedBytes).c_str(),
                      grouped(f.weightBytes).c_str(), grouped(f.biasBytes).c_str(), grouped(f.requantBytes).c_str(),
                      grouped(f.otherConstantBytes).c_str(), grouped(f.codeBytes).c_str(),
                      f.codeMeasured ? " (measured)" : " (not measured)", grouped(f.glueBytes).c_str(),
                      marginText(fit.engineFlash).c_str());
        text += line;
        for (const std::string& note : plan.notes) text += std::string(indent) + "note: " + note + "\n";
    }
    const analysis::MemoryPlan& plan = analysis.tflm;
    std::snprintf(line, sizeof line, "  TF-Lite Micro  SRAM %-12s %s B arena, reference kernels (head %s B + tail ~%s B) %s, %s\n",
                  verdict(fit.tflmSram), grouped(fit.tflmSram.usedBytes).c_str(), grouped(plan.arenaBytes).c_str(),
                  grouped(plan.persistentBytes).c_str(), regionText(fit.tflmSram).c_str(),
                  marginText(fit.tflmSram).c_str());
    text += line;
    const analysis::MemoryPlan& cmsis = analysis.tflmCmsis;
    std::snprintf(line, sizeof line, "  TFLM+CMSIS-NN  SRAM %-12s %s B arena, CMSIS-NN kernels (head %s B + tail ~%s B) %s, %s\n",
                  verdict(fit.tflmCmsisSram), grouped(fit.tflmCmsisSram.usedBytes).c_str(), grouped(cmsis.arenaBytes).c_str(),
                  grouped(cmsis.persistentBytes).c_str(), regionText(fit.tflmCmsisSram).c_str(),
                  marginText(fit.tflmCmsisSram).c_str());
    text += line;
    std::snprintf(line, sizeof line, "%sFlash %-11s %s B = model file %s + code ~%s (estimate), %s\n", indent,
                  verdict(fit.tflmFlash), grouped(fit.tflmFlash.usedBytes).c_str(),
                  grouped(analysis.tflmFlash.modelFileBytes).c_str(), grouped(analysis.tflmFlash.codeBytes).c_str(),
                  marginText(fit.tflmFlash).c_str());
    text += line;
    for (const std::string& note : plan.notes) text += std::string(indent) + "note: " + note + "\n";
    return text;
}

}  // namespace mcunet::cli
