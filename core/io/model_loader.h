// One entry point for "open a model": a .tflite file, an MCUNet (ProxylessNASNets) JSON config,
// or a built-in model named zoo:NAME. The CLI and the studio both open models through here, and
// `modelSource` is the one rule for which of the three a name is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "io/mcunet_config.h"
#include "ir/graph.h"

namespace mcunet::io {

struct LoadOptions {
    uint32_t seed = 0;  // weights of configs and zoo models are generated from this seed
};

enum class ModelSource { TfliteFile, McunetConfigFile, Zoo };

// zoo:NAME is a built-in model; a file whose first non-blank byte opens a JSON object is an
// MCUNet config; anything else goes to the TFLite reader, whose errors say what the bytes are.
ModelSource modelSource(const std::string& pathOrZooName);

// A model as opened: the graph, what it came from, and for architectures the config itself (the
// network editor edits it) — so nobody has to read the file a second time.
struct OpenedModel {
    ir::Graph graph;
    ModelSource source = ModelSource::TfliteFile;
    std::optional<McunetConfig> config;  // set for McunetConfigFile and Zoo
    // An architecture (config or zoo) rather than a trained model: its weights come from a seed.
    bool syntheticWeights() const { return source != ModelSource::TfliteFile; }
};

// Throws mcunet::Error naming the file and the problem.
OpenedModel openModel(const std::string& pathOrZooName, const LoadOptions& options = {});
ir::Graph loadModel(const std::string& pathOrZooName, const LoadOptions& options = {});

// True when `pathOrZooName` names a network architecture (config or zoo) rather than a trained
// model file: its weights are synthetic, and the user should be told so.
bool hasSyntheticWeights(const std::string& pathOrZooName);

}  // namespace mcunet::io
