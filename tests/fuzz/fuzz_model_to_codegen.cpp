// libFuzzer target for the whole path a user's file takes: bytes -> TFLite reader -> engine
// memory plan (and its independent validator) -> generated C. A model that loads must either
// generate or be refused with mcunet::Error; a plan must pass the validator, and the generated
// arena must be the planned peak. Seed with ../shared/models/*.tflite.
#include <cstdint>
#include <cstdlib>

#include "analysis/engine_planner.h"
#include "analysis/plan_validator.h"
#include "codegen/codegen.h"
#include "io/tflite_reader.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    mcunet::ir::Graph graph;
    try {
        graph = mcunet::io::readTfliteBuffer(data, size, "fuzz.tflite");
    } catch (const mcunet::Error&) {
        return 0;
    }
    try {
        const mcunet::analysis::MemoryPlan plan = mcunet::analysis::planEngine(graph);
        if (!mcunet::analysis::validatePlan(graph, plan).empty()) std::abort();
        const mcunet::codegen::GeneratedModel model = mcunet::codegen::generateModel(graph, plan);
        if (model.arenaBytes != plan.arenaBytes) std::abort();
    } catch (const mcunet::Error&) {
    }
    return 0;
}
