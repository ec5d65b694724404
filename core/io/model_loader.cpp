#include "io/model_loader.h"

#include <cstdio>
#include <fstream>

#include "io/mcunet_config.h"
#include "io/tflite_reader.h"
#include "util/error.h"
#include "zoo/zoo.h"

namespace mcunet::io {
namespace {

constexpr std::string_view kZooPrefix = "zoo:";

bool isZooName(const std::string& name) { return name.rfind(kZooPrefix, 0) == 0; }

// A file is read as an MCUNet config when its first non-blank byte opens a JSON object; anything
// else goes to the TFLite reader, whose errors explain what the bytes look like.
bool looksLikeJson(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char c;
    while (in.get(c))
        if (!std::isspace(static_cast<unsigned char>(c))) return c == '{';
    return false;
}

ir::Graph lower(const McunetConfig& config, const std::string& name, const LoadOptions& options) {
    LowerOptions lowering;
    lowering.withWeights = true;
    lowering.seed = options.seed;
    ir::Graph graph = lowerMcunetConfig(config, lowering);
    graph.name = name;
    return graph;
}

std::string stem(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const size_t dot = name.find_last_of('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

ir::Graph loadModel(const std::string& pathOrZooName, const LoadOptions& options) {
    if (isZooName(pathOrZooName)) {
        const std::string name = pathOrZooName.substr(kZooPrefix.size());
        return lower(zoo::zooConfig(name), name, options);
    }
    if (looksLikeJson(pathOrZooName))
        return lower(readMcunetConfig(pathOrZooName), stem(pathOrZooName), options);
    return readTflite(pathOrZooName);
}

bool hasSyntheticWeights(const std::string& pathOrZooName) {
    return isZooName(pathOrZooName) || looksLikeJson(pathOrZooName);
}

}  // namespace mcunet::io
