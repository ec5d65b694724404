#include <cstdio>

#include "analysis/profile.h"
#include "command.h"
#include "format.h"
#include "io/mcunet_config.h"
#include "zoo/zoo.h"

namespace mcunet::cli {

int runZoo(const Args& args) {
    const std::vector<zoo::ZooEntry> entries = zoo::zooEntries();
    nlohmann::json json = nlohmann::json::array();
    Table table({"name", "resolution", "MACs", "params", "description"}, {false, true, true, true, false});
    for (const zoo::ZooEntry& entry : entries) {
        // Shapes-only lowering: the numbers come from the same profiler as every model.
        const analysis::Profile profile = analysis::profileGraph(io::lowerMcunetConfig(entry.config));
        const int resolution = entry.config.inputResolution();
        json.push_back({{"name", entry.name}, {"description", entry.description}, {"resolution", resolution},
                        {"macs", profile.totalMacs}, {"params", profile.totalParams}});
        table.addRow({"zoo:" + entry.name, std::to_string(resolution), grouped(profile.totalMacs),
                      grouped(profile.totalParams), entry.description});
    }
    if (args.has("json")) std::printf("%s\n", json.dump(2).c_str());
    else std::printf("%s\nAny width and resolution: zoo:mbv2-w<W>-r<R>, zoo:proxyless-w<W>-r<R>.\n", table.render().c_str());
    return 0;
}

}  // namespace mcunet::cli
