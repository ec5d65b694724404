#include <cstdio>
#include <filesystem>

#include "analysis/engine_planner.h"
#include "codegen/codegen.h"
#include "command.h"
#include "format.h"
#include "io/model_loader.h"
#include "util/error.h"

namespace mcunet::cli {

int runCodegen(const Args& args) {
    if (args.positional.size() != 1)
        throw Error(ErrorCode::InvalidArgument, "codegen needs exactly one FILE (a .tflite, an MCUNet .json or zoo:NAME)");
    if (!args.has("output")) throw Error(ErrorCode::InvalidArgument, "codegen needs -o DIR (where to write model.h and model.c)");
    const std::string& file = args.positional[0];
    const std::string dir = args.value("output");
    const analysis::InputAssumption input = inputAssumptionOf(args);
    const ir::Graph graph = io::loadModel(file);
    analysis::EnginePlanOptions planOptions;
    planOptions.int8Input = input == analysis::InputAssumption::Int8;
    const analysis::MemoryPlan plan = analysis::planEngine(graph, planOptions);
    codegen::CodegenOptions options;
    options.prefix = args.value("prefix", "model");
    options.sourceName = std::filesystem::path(file).filename().string();
    const codegen::GeneratedModel model = codegen::generateModel(graph, plan, options);
    codegen::writeGeneratedModel(model, dir);

    for (const codegen::GeneratedFile& generated : model.files)
        std::printf("wrote %s (%s bytes)\n", (std::filesystem::path(dir) / generated.name).string().c_str(),
                    grouped(static_cast<int64_t>(generated.content.size())).c_str());
    std::printf("%zu kernel steps for %zu graph ops; arena %s B (the engine plan's peak), const data %s B\n",
                plan.schedule.steps.size(), graph.ops.size(), grouped(model.arenaBytes).c_str(),
                grouped(model.constBytes).c_str());
    std::printf("  %s\n", analysis::describeInputAssumption(graph, input).c_str());
    for (const std::string& note : plan.notes) std::printf("  %s\n", note.c_str());
    std::printf("build with engine/include on the include path and engine/src/*.c; call %s_invoke()\n",
                model.prefix.c_str());
    return 0;
}

}  // namespace mcunet::cli
