#include <cstdio>

#include "analysis/arena_map.h"
#include "analysis/engine_planner.h"
#include "analysis/tflm_planner.h"
#include "command.h"
#include "format.h"
#include "io/model_loader.h"
#include "report/plan_json.h"
#include "util/error.h"

namespace mcunet::cli {
namespace {

std::string tensorsAt(const std::vector<int>& tensors, const std::vector<int64_t>& offsets) {
    std::string text;
    for (size_t i = 0; i < tensors.size(); ++i)
        text += (i ? ", " : "") + std::to_string(tensors[i]) + "@" + std::to_string(i < offsets.size() ? offsets[i] : -1);
    return text;
}

std::string engineScheduleText(const ir::Graph& graph, const analysis::MemoryPlan& plan) {
    Table table({"step", "op", "#", "fused", "inputs (tensor@offset)", "output", "scratch", "in place"},
                {true, false, true, false, false, false, false, false});
    for (size_t i = 0; i < plan.schedule.steps.size(); ++i) {
        const analysis::EngineStep& s = plan.schedule.steps[i];
        std::string fused;
        for (int op : s.fusedOps) fused += (fused.empty() ? "" : "+") + graph.ops[static_cast<size_t>(op)].name();
        table.addRow({std::to_string(i), std::string(ir::opKindName(s.kind)), std::to_string(s.opIndex),
                      fused.empty() ? "-" : fused, tensorsAt(s.inputs, s.inputOffsets),
                      std::to_string(s.output) + "@" + std::to_string(s.outputOffset) + " (" + grouped(s.outputBytes) + " B)",
                      s.scratchBytes > 0 ? grouped(s.scratchBytes) + " B@" + std::to_string(s.scratchOffset) : "-",
                      s.inPlace ? "yes" : ""});
    }
    return table.render();
}

}  // namespace

int runPlan(const Args& args) {
    if (args.positional.size() != 1)
        throw Error(ErrorCode::InvalidArgument, "plan needs exactly one FILE (a .tflite, an MCUNet .json or zoo:NAME)");
    const std::string runtime = args.value("runtime", "engine");
    if (runtime != "engine" && runtime != "tflm")
        throw Error(ErrorCode::InvalidArgument, "--runtime must be engine or tflm, not '" + runtime + "'");
    int columns = 64;
    if (args.has("columns")) {
        try {
            columns = std::stoi(args.value("columns"));
        } catch (const std::exception&) {
            throw Error(ErrorCode::InvalidArgument, "--columns needs a number, not '" + args.value("columns") + "'");
        }
    }
    const std::string& file = args.positional[0];
    const analysis::InputAssumption input = inputAssumptionOf(args);
    const ir::Graph graph = io::loadModel(file);
    analysis::MemoryPlan plan;
    if (runtime == "engine") {
        analysis::EnginePlanOptions options;
        options.int8Input = input == analysis::InputAssumption::Int8;
        plan = analysis::planEngine(graph, options);
    } else {
        analysis::TflmPlanOptions options;
        options.int8Input = input == analysis::InputAssumption::Int8;
        const std::string kernels = args.value("kernels", "reference");
        if (kernels != "reference" && kernels != "cmsis-nn")
            throw Error(ErrorCode::InvalidArgument, "--kernels must be reference or cmsis-nn, not '" + kernels + "'");
        options.kernels = kernels == "cmsis-nn" ? analysis::TflmKernels::CmsisNn : analysis::TflmKernels::Reference;
        plan = analysis::planTflm(graph, options);
    }
    const std::string assumption = analysis::describeInputAssumption(graph, input);

    if (args.has("json")) {
        std::printf("%s\n", nlohmann::json({{"model", file},
                                            {"input_type", analysis::inputAssumptionName(input)},
                                            {"input_assumption", assumption},
                                            {"plan", report::toJson(plan)}})
                                 .dump(2)
                                 .c_str());
        return 0;
    }
    std::printf("%s: %s plan, %s\n", file.c_str(), runtime == "engine" ? "our engine's" : "TF-Lite Micro's",
                plan.strategy.c_str());
    std::printf("  %s\n", assumption.c_str());
    std::printf("  arena        %s B (%s)\n", grouped(plan.arenaBytes).c_str(), kiloBytes(plan.arenaBytes).c_str());
    std::printf("  lower bound  %s B (most bytes alive at one step), gap %s B\n", grouped(plan.lowerBoundBytes).c_str(),
                grouped(plan.gapToLowerBound()).c_str());
    if (runtime == "tflm")
        std::printf("  tail         ~%s B persistent; smallest working arena ~%s B\n", grouped(plan.persistentBytes).c_str(),
                    grouped(plan.minimumArenaBytes).c_str());
    for (const std::string& note : plan.notes) std::printf("  note: %s\n", note.c_str());
    std::printf("\n%s", analysis::renderArenaMap(plan, columns).c_str());
    if (runtime == "engine") std::printf("\nschedule (what the generated code runs):\n%s", engineScheduleText(graph, plan).c_str());
    return 0;
}

}  // namespace mcunet::cli
