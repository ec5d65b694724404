// TinyNAS's search space: the sub-networks of MCUNet's weight-sharing supernet
// (OFA-ProxylessNAS, mcunet/tinynas/elastic_nn/networks/ofa_proxyless.py), as data.
//
// A network of the space is
//   first conv   3x3 stride 2, makeDivisible(stageWidths[0] * w) channels
//   first block  MBConv 3x3, expand 1, stride 1, makeDivisible(stageWidths[1] * w), no shortcut
//   stages       one per stageStrides entry: depth d (depths; the last stage lastStageDepth), the
//                first block with the stage's stride, the others stride 1 with identity
//                shortcuts; width makeDivisible(stageWidths[2 + s] * w); per block a kernel
//                (kernels) and an expand ratio (expandRatios); mid channels
//                makeDivisible(round(in * e)) as the supernet's get_active_subnet makes them
//   feature mix  optional 1x1 conv to stageWidths.back() (1280; scaled only for w > 1, as the
//                supernet does); MCUNet's released models have none (no_mix_layer)
//   classifier   `classes` logits
// at input resolution r. Every list is editable and saved/loaded as JSON. Two built-in spaces:
// "mcunet" (ProxylessNAS stage widths) and "mbv2" (the supernet's "google" MobileNetV2 widths).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arch/arch_config.h"

namespace mcunet::nas {

struct SearchSpace {
    std::string name = "mcunet";
    std::vector<int> stageWidths;   // first conv, first block, one per stage, feature mix
    std::vector<int> stageStrides;  // per searched stage
    std::vector<int> depths;        // choices for every stage but the last
    int lastStageDepth = 1;
    std::vector<int> kernels;
    std::vector<double> expandRatios;
    std::vector<double> widthMultipliers;
    std::vector<int> resolutions;
    bool featureMix = false;
    int classes = 1000;

    int stageCount() const { return static_cast<int>(stageStrides.size()); }
    int maxDepth(int stage) const;
    // Block slots of the supernet: maxDepth of every stage, summed.
    int blockSlots() const;
    bool operator==(const SearchSpace&) const = default;
};

SearchSpace mcunetSpace();
SearchSpace mbv2Space();
// "mcunet", "mbv2" (or "google"), else a JSON file written by saveSearchSpace.
SearchSpace searchSpaceNamed(const std::string& nameOrPath);

// Throws Error(InvalidArgument) naming the field: empty lists, even kernels, widths <= 0, ...
void checkSearchSpace(const SearchSpace& space);
nlohmann::json toJson(const SearchSpace& space);
SearchSpace searchSpaceFromJson(const nlohmann::json& json, const std::string& displayName);
void saveSearchSpace(const SearchSpace& space, const std::string& path);
SearchSpace loadSearchSpace(const std::string& path);

// One sub-network: the values chosen for every gene. kernel/expand have one entry per block slot
// (blockSlots()); slots beyond a stage's depth are inactive and ignored (key() leaves them out).
struct ArchGenes {
    double width = 1.0;
    int resolution = 224;
    std::vector<int> depth;      // per stage
    std::vector<int> kernel;     // per block slot
    std::vector<double> expand;  // per block slot
    bool operator==(const ArchGenes&) const = default;
};

// The architecture, for memoization and files: "w0.5 r160 d4,3,2,3,4,1 k3e6,..." with only the
// active blocks, so two gene sets that build the same network have the same key.
std::string key(const SearchSpace& space, const ArchGenes& genes);
nlohmann::json toJson(const ArchGenes& genes);
ArchGenes genesFromJson(const SearchSpace& space, const nlohmann::json& json, const std::string& displayName);
// Throws Error(InvalidArgument) when a gene is not one of the space's choices.
void checkGenes(const SearchSpace& space, const ArchGenes& genes);

// The network the genes describe, as MCUNet's JSON describes it (ready to lower, export, edit).
arch::ArchConfig buildArch(const SearchSpace& space, const ArchGenes& genes);

// Random choices come from a 64-bit generator seeded by the caller: same seed, same genes.
using Rng = std::mt19937_64;
// Uniform in [0, n): our own rule (not std::uniform_int_distribution, whose results differ
// between standard libraries), so a seed means the same search everywhere.
size_t uniformIndex(Rng& rng, size_t n);
double uniformUnit(Rng& rng);  // [0, 1)

// Every gene uniformly from its choices. `fixedWidth` / `fixedResolution` (>0) pin the cell.
ArchGenes sampleGenes(const SearchSpace& space, Rng& rng, double fixedWidth = 0, int fixedResolution = 0);
// Each gene re-drawn with probability `probability` (OFA's evolution finder: 0.1); width and
// resolution only when not pinned.
ArchGenes mutateGenes(const SearchSpace& space, const ArchGenes& parent, double probability, Rng& rng,
                      bool mutateCell = true);
// Each gene from one parent or the other with equal probability.
ArchGenes crossoverGenes(const ArchGenes& a, const ArchGenes& b, Rng& rng);

}  // namespace mcunet::nas
