#include "report/json_export.h"

namespace mcunet::report {

nlohmann::json shapeJson(const ir::Shape& shape) { return nlohmann::json(shape); }

nlohmann::json toJson(const analysis::Profile& profile) {
    nlohmann::json ops = nlohmann::json::array();
    for (const analysis::OpProfile& op : profile.ops) {
        nlohmann::json inputs = nlohmann::json::array(), outputs = nlohmann::json::array();
        for (const ir::Shape& s : op.inputShapes) inputs.push_back(shapeJson(s));
        for (const ir::Shape& s : op.outputShapes) outputs.push_back(shapeJson(s));
        ops.push_back({{"index", op.opIndex},
                       {"op", op.opName},
                       {"unsupported", op.unsupported},
                       {"input_shapes", inputs},
                       {"output_shapes", outputs},
                       {"macs", op.macs},
                       {"params", op.params},
                       {"param_bytes", op.paramBytes},
                       {"input_activation_bytes", op.inputActivationBytes},
                       {"output_activation_bytes", op.outputActivationBytes},
                       {"resident_bytes", op.residentBytes},
                       {"peak_bytes", op.peakBytes()}});
    }
    return {{"ops", ops},
            {"total_macs", profile.totalMacs},
            {"total_params", profile.totalParams},
            {"total_param_bytes", profile.totalParamBytes},
            {"theoretical_peak_bytes", profile.theoreticalPeakBytes},
            {"peak_op_index", profile.peakOpIndex},
            {"unsupported_ops", profile.unsupportedOps}};
}

nlohmann::json toJson(const device::Board& board) {
    return {{"id", board.id},           {"name", board.name},
            {"core", board.core},       {"clock_mhz", board.clockMhz},
            {"sram_bytes", board.sramBytes}, {"flash_bytes", board.flashBytes},
            {"openocd_config", board.openocdConfig}, {"qemu_machine", board.qemuMachine}};
}

}  // namespace mcunet::report
