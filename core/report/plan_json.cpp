#include "report/plan_json.h"

namespace mcunet::report {

nlohmann::json toJson(const analysis::MemoryPlan& plan) {
    nlohmann::json buffers = nlohmann::json::array();
    for (const analysis::PlannedBuffer& b : plan.buffers) {
        nlohmann::json buffer = {{"owner", b.owner},          {"tensor", b.tensor},       {"offset", b.offset},
                                 {"size_bytes", b.sizeBytes}, {"first_step", b.firstStep}, {"last_step", b.lastStep},
                                 {"scratch", b.isScratch}};
        if (b.aliasOfTensor >= 0) {
            buffer["alias_of_tensor"] = b.aliasOfTensor;
            buffer["alias"] = b.isView ? "view" : "in_place";
        }
        if (b.stepOp >= 0) buffer["op_index"] = b.stepOp;
        buffers.push_back(std::move(buffer));
    }
    nlohmann::json timeline = nlohmann::json::array();
    for (const analysis::TimelineStep& step : plan.timeline) {
        nlohmann::json live = nlohmann::json::array();
        for (int index : step.liveBuffers) {
            const analysis::PlannedBuffer& b = plan.buffers[static_cast<size_t>(index)];
            live.push_back({{"buffer", index}, {"owner", b.owner}, {"offset", b.offset}, {"size_bytes", b.sizeBytes}});
        }
        timeline.push_back({{"op_index", step.opIndex}, {"op", step.opName}, {"live_bytes", step.liveBytes}, {"live", live}});
    }
    nlohmann::json json = {{"runtime", plan.runtime},
                           {"strategy", plan.strategy},
                           {"arena_bytes", plan.arenaBytes},
                           {"persistent_bytes", plan.persistentBytes},
                           {"minimum_arena_bytes", plan.minimumArenaBytes},
                           {"lower_bound_bytes", plan.lowerBoundBytes},
                           {"gap_to_lower_bound_bytes", plan.gapToLowerBound()},
                           {"buffers", buffers},
                           {"timeline", timeline},
                           {"notes", plan.notes}};
    if (plan.runtime == "engine") {
        nlohmann::json steps = nlohmann::json::array();
        for (const analysis::EngineStep& s : plan.schedule.steps) {
            nlohmann::json step = {{"op_index", s.opIndex},
                                   {"op", std::string(ir::opKindName(s.kind))},
                                   {"fused_ops", s.fusedOps},
                                   {"inputs", s.inputs},
                                   {"input_offsets", s.inputOffsets},
                                   {"output", s.output},
                                   {"output_offset", s.outputOffset},
                                   {"output_bytes", s.outputBytes},
                                   {"scratch_offset", s.scratchOffset},
                                   {"scratch_bytes", s.scratchBytes},
                                   {"in_place", s.inPlace}};
            if (s.padOp >= 0) step["pad_op"] = s.padOp;
            if (s.activationOp >= 0) step["activation_op"] = s.activationOp;
            if (s.inPlace) step["in_place_input"] = s.inPlaceInput;
            steps.push_back(std::move(step));
        }
        json["schedule"] = {{"step_order", plan.schedule.stepOrder},
                            {"steps", steps},
                            {"dropped_ops", plan.schedule.droppedOps},
                            {"input_tensors", plan.schedule.inputTensors},
                            {"output_tensors", plan.schedule.outputTensors}};
    }
    return json;
}

nlohmann::json toJson(const analysis::FlashEstimate& flash) {
    nlohmann::json parts = nlohmann::json::array();
    for (const analysis::FlashPart& part : flash.codeParts) parts.push_back({{"name", part.name}, {"bytes", part.bytes}});
    return {{"runtime", flash.runtime},
            {"core", flash.core},
            {"weight_bytes", flash.weightBytes},
            {"bias_bytes", flash.biasBytes},
            {"requant_bytes", flash.requantBytes},
            {"other_constant_bytes", flash.otherConstantBytes},
            {"model_file_bytes", flash.modelFileBytes},
            {"data_bytes", flash.dataBytes()},
            {"code_bytes", flash.codeBytes},
            {"code_measured", flash.codeMeasured},
            {"glue_bytes", flash.glueBytes},
            {"total_bytes", flash.totalBytes()},
            {"code_parts", parts},
            {"notes", flash.notes}};
}

}  // namespace mcunet::report
