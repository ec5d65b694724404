// One entry point for "open a model": a .tflite file, an MCUNet (ProxylessNASNets) JSON config,
// or a built-in model named zoo:NAME. The CLI and the studio both open models through here.
#pragma once

#include <string>

#include "ir/graph.h"

namespace mcunet::io {

struct LoadOptions {
    uint32_t seed = 0;  // weights of configs and zoo models are generated from this seed
};

// Throws mcunet::Error naming the file and the problem.
ir::Graph loadModel(const std::string& pathOrZooName, const LoadOptions& options = {});

// True when `pathOrZooName` names a network architecture (config or zoo) rather than a trained
// model file: its weights are synthetic, and the user should be told so.
bool hasSyntheticWeights(const std::string& pathOrZooName);

}  // namespace mcunet::io
