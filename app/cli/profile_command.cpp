#include <cstdio>

#include "analysis/model_analysis.h"
#include "command.h"
#include "device/board.h"
#include "format.h"
#include "io/model_loader.h"
#include "memory_report.h"
#include "report/json_export.h"
#include "util/error.h"

namespace mcunet::cli {
namespace {

std::string shapesText(const std::vector<ir::Shape>& shapes) {
    std::string text;
    for (const ir::Shape& shape : shapes) text += (text.empty() ? "" : ", ") + ir::shapeToString(shape);
    return text.empty() ? "-" : text;
}

}  // namespace

int runProfile(const Args& args) {
    if (args.positional.size() != 1)
        throw Error(ErrorCode::InvalidArgument, "profile needs exactly one FILE (a .tflite, an MCUNet .json or zoo:NAME)");
    const std::string& file = args.positional[0];
    const device::Board board = device::findBoard(boardNameOf(args));
    const io::OpenedModel model = io::openModel(file);
    const ir::Graph& graph = model.graph;
    analysis::AnalysisOptions options = analysis::analysisOptionsFor(board, file);
    options.input = inputAssumptionOf(args);
    const analysis::ModelAnalysis memory = analysis::analyzeModel(graph, options);
    const int64_t reserve = reserveBytesOf(args);

    const analysis::Profile& profile = memory.profile;
    if (args.has("json")) {
        nlohmann::json json = {{"model", file},
                               {"synthetic_weights", model.syntheticWeights()},
                               {"profile", report::toJson(profile)},
                               {"board", report::toJson(board)},
                               {"memory", memoryReportJson(memory, board, reserve)}};
        std::printf("%s\n", json.dump(2).c_str());
        return 0;
    }

    Table table({"#", "op", "engine", "TFLM", "input", "output", "MACs", "MACC", "params", "param B", "in B", "out B",
                 "peak B"},
                {true, false, false, false, false, false, true, true, true, true, true, true, true});
    for (const analysis::OpProfile& op : profile.ops)
        table.addRow({std::to_string(op.opIndex), op.opName, op.engineSupported ? "yes" : "no",
                      op.tflmSupported ? "yes" : "no", shapesText(op.inputShapes), shapesText(op.outputShapes),
                      op.macsKnown ? grouped(op.macs) : "unknown", op.macsKnown ? grouped(op.maccs) : "unknown",
                      grouped(op.params), grouped(op.paramBytes), grouped(op.inputActivationBytes),
                      grouped(op.outputActivationBytes), grouped(op.peakBytes())});
    std::printf("%s: %zu ops%s\n\n%s\n", file.c_str(), graph.ops.size(),
                model.syntheticWeights() ? " (architecture only: weights generated from a seed)" : "",
                table.render().c_str());
    std::string incomplete;
    for (int op : profile.incompleteMacOps)
        incomplete += (incomplete.empty() ? "" : ", ") + profile.ops[static_cast<size_t>(op)].opName + " #" + std::to_string(op);
    const std::string bound = profile.macsComplete() ? "" : "at least ";
    const std::string why = profile.macsComplete() ? "" : " (INCOMPLETE: no MAC rule for " + incomplete + ")";
    std::printf("MACs                 %s%s (conv, depthwise, fully connected, SVDF, LSTM)%s\n", bound.c_str(),
                grouped(profile.totalMacs).c_str(), why.c_str());
    std::printf("MACC                 %s%s (every op, STM32Cube.AI style)%s\n", bound.c_str(),
                grouped(profile.totalMaccs).c_str(), why.c_str());
    std::printf("parameters           %s (%s B at stored types)\n", grouped(profile.totalParams).c_str(),
                grouped(profile.totalParamBytes).c_str());
    if (profile.peakOpIndex >= 0)
        std::printf("peak activation      %s B (%s) at op %d %s: inputs + outputs + tensors kept alive\n",
                    grouped(profile.theoreticalPeakBytes).c_str(), kiloBytes(profile.theoreticalPeakBytes).c_str(),
                    profile.peakOpIndex, profile.ops[profile.peakOpIndex].opName.c_str());
    if (!profile.tflmUnsupportedOps.empty()) {
        std::string names;
        for (const auto& name : profile.tflmUnsupportedOps) names += (names.empty() ? "" : ", ") + name;
        std::printf("no TF-Lite Micro kernel %s (its numbers assume a custom kernel)\n", names.c_str());
    }
    if (!profile.unsupportedOps.empty()) {
        std::string names;
        for (const auto& name : profile.unsupportedOps) names += (names.empty() ? "" : ", ") + name;
        std::printf("unsupported ops      %s (no kernel in our engine%s)\n", names.c_str(),
                    profile.tflmUnsupportedOps.empty() ? "; TF-Lite Micro runs them" : "");
    }
    std::printf("\n%s", memoryReportText(memory, board, reserve).c_str());
    return 0;
}

}  // namespace mcunet::cli
