// libFuzzer target: arbitrary bytes as an MCUNet config, through the same JSON reader the product
// uses (size and depth limits). Parsing may refuse (mcunet::Error), but must never crash;
// whatever it accepts must lower to a graph the validator finds consistent. Run with
// -max_len=1048576: nesting and size attacks need long inputs.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/mcunet_config.h"
#include "ir/validate.h"
#include "util/error.h"
#include "util/json_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const nlohmann::json document =
            mcunet::util::parseJsonText(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
        mcunet::io::McunetConfig config = mcunet::io::parseMcunetConfig(document, "fuzz.json");
        mcunet::io::LowerOptions options;
        options.resolution = 32;  // keep shapes small: the resolution limit is checked by the parser
        mcunet::ir::Graph graph = mcunet::io::lowerMcunetConfig(config, options);
        if (!mcunet::ir::validateGraph(graph).empty()) std::abort();  // accepted config, inconsistent graph
        if (mcunet::io::parseMcunetConfig(mcunet::io::toJson(config), "again") != config) std::abort();
    } catch (const mcunet::Error&) {
    }
    return 0;
}
