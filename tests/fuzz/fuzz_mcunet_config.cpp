// libFuzzer target: arbitrary bytes as an MCUNet config. Parsing may refuse (mcunet::Error), but
// must never crash; whatever it accepts must lower to a graph the validator finds consistent.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/mcunet_config.h"
#include "ir/validate.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    nlohmann::json document = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) return 0;
    try {
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
