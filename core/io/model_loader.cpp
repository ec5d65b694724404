#include "io/model_loader.h"

#include <cctype>
#include <filesystem>

#include "io/tflite_reader.h"
#include "util/file.h"
#include "zoo/zoo.h"

namespace mcunet::io {
namespace {

constexpr std::string_view kZooPrefix = "zoo:";

// Sniffs the first bytes only. Anything but a regular file is left to the TFLite reader, whose
// regular-file check explains the problem (opening a FIFO here would block forever).
bool looksLikeJson(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    for (uint8_t c : util::readPrefix(path, 4096, "a model file (.tflite or MCUNet .json)"))
        if (!std::isspace(c)) return c == '{';
    return false;
}

std::string stem(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const size_t dot = name.find_last_of('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

OpenedModel lowered(McunetConfig config, ModelSource source, const std::string& name, const LoadOptions& options) {
    LowerOptions lowering;
    lowering.withWeights = true;
    lowering.seed = options.seed;
    OpenedModel model{lowerMcunetConfig(config, lowering), source, std::move(config)};
    model.graph.name = name;
    return model;
}

}  // namespace

ModelSource modelSource(const std::string& pathOrZooName) {
    if (pathOrZooName.rfind(kZooPrefix, 0) == 0) return ModelSource::Zoo;
    return looksLikeJson(pathOrZooName) ? ModelSource::McunetConfigFile : ModelSource::TfliteFile;
}

OpenedModel openModel(const std::string& pathOrZooName, const LoadOptions& options) {
    switch (modelSource(pathOrZooName)) {
        case ModelSource::Zoo: {
            const std::string name = pathOrZooName.substr(kZooPrefix.size());
            return lowered(zoo::zooConfig(name), ModelSource::Zoo, name, options);
        }
        case ModelSource::McunetConfigFile:
            return lowered(readMcunetConfig(pathOrZooName), ModelSource::McunetConfigFile, stem(pathOrZooName),
                           options);
        case ModelSource::TfliteFile:
            break;
    }
    return OpenedModel{readTflite(pathOrZooName), ModelSource::TfliteFile, std::nullopt};
}

ir::Graph loadModel(const std::string& pathOrZooName, const LoadOptions& options) {
    return openModel(pathOrZooName, options).graph;
}

bool hasSyntheticWeights(const std::string& pathOrZooName) {
    return modelSource(pathOrZooName) != ModelSource::TfliteFile;
}

}  // namespace mcunet::io
