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
                       {"macs", op.macsKnown ? nlohmann::json(op.macs) : nlohmann::json(nullptr)},
                       {"maccs", op.macsKnown ? nlohmann::json(op.maccs) : nlohmann::json(nullptr)},
                       {"macs_known", op.macsKnown},
                       {"engine_supported", op.engineSupported},
                       {"tflm_supported", op.tflmSupported},
                       {"params", op.params},
                       {"param_bytes", op.paramBytes},
                       {"input_activation_bytes", op.inputActivationBytes},
                       {"output_activation_bytes", op.outputActivationBytes},
                       {"resident_bytes", op.residentBytes},
                       {"peak_bytes", op.peakBytes()}});
    }
    return {{"ops", ops},
            {"total_macs", profile.totalMacs},
            {"total_maccs", profile.totalMaccs},
            {"macs_complete", profile.macsComplete()},
            {"incomplete_mac_ops", profile.incompleteMacOps},
            {"tflm_unsupported_ops", profile.tflmUnsupportedOps},
            {"total_params", profile.totalParams},
            {"total_param_bytes", profile.totalParamBytes},
            {"theoretical_peak_bytes", profile.theoreticalPeakBytes},
            {"peak_op_index", profile.peakOpIndex},
            {"unsupported_ops", profile.unsupportedOps}};
}

nlohmann::json toJson(const device::Board& board) {
    nlohmann::json regions = nlohmann::json::array();
    for (const device::MemoryRegion& r : board.sramRegions)
        regions.push_back({{"name", r.name}, {"address", r.address}, {"bytes", r.bytes}, {"arena", r.arena}});
    nlohmann::json blocks = nlohmann::json::array();
    for (const device::ArenaBlock& b : device::arenaBlocks(board))
        blocks.push_back({{"name", b.name}, {"address", b.address}, {"bytes", b.bytes}});
    return {{"id", board.id},           {"name", board.name},
            {"core", board.core},       {"clock_mhz", board.clockMhz},
            {"sram_bytes", board.sramBytes}, {"total_sram_bytes", board.totalSramBytes()},
            {"sram_regions", regions},  {"arena_blocks", blocks},
            {"reserve_bytes", board.reserveBytes}, {"flash_bytes", board.flashBytes},
            {"openocd_config", board.openocdConfig}, {"openocd_interface", board.openocdInterface},
            {"qemu_machine", board.qemuMachine}, {"custom", board.custom}};
}

}  // namespace mcunet::report
