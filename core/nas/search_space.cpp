#include "nas/search_space.h"

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <fstream>
#include <sstream>

#include "arch/layers.h"
#include "util/error.h"
#include "util/json_file.h"

namespace mcunet::nas {

using nlohmann::json;

namespace {

[[noreturn]] void invalid(const std::string& displayName, const std::string& what) {
    throw Error(ErrorCode::InvalidArgument, displayName + ": " + what);
}

std::vector<int> range(int first, int last, int step) {
    std::vector<int> values;
    for (int v = first; v <= last; v += step) values.push_back(v);
    return values;
}

std::vector<double> widthRange() {
    std::vector<double> values;
    for (int tenth = 2; tenth <= 10; ++tenth) values.push_back(tenth / 10.0);
    return values;
}

template <typename T>
bool contains(const std::vector<T>& list, T value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// "0.5", "3": a number as a person writes it (keys and messages).
std::string numberText(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

template <typename T>
std::vector<T> listField(const json& j, const std::string& key, const std::string& displayName) {
    auto it = j.find(key);
    if (it == j.end()) invalid(displayName, key + ": missing");
    if (!it->is_array()) invalid(displayName, key + ": expected a list of numbers");
    std::vector<T> values;
    for (const json& v : *it) {
        if (!v.is_number()) invalid(displayName, key + ": expected a list of numbers, found " + v.dump());
        if constexpr (std::is_integral_v<T>) {
            const double d = v.get<double>();
            if (std::floor(d) != d || std::abs(d) > 1e6) invalid(displayName, key + ": expected integers, found " + v.dump());
            values.push_back(static_cast<T>(d));
        } else {
            values.push_back(v.get<T>());
        }
    }
    return values;
}

}  // namespace

int SearchSpace::maxDepth(int stage) const {
    if (stage == stageCount() - 1) return lastStageDepth;
    return depths.empty() ? 0 : *std::max_element(depths.begin(), depths.end());
}

int SearchSpace::blockSlots() const {
    int slots = 0;
    for (int s = 0; s < stageCount(); ++s) slots += maxDepth(s);
    return slots;
}

SearchSpace mcunetSpace() {
    SearchSpace space;
    space.name = "mcunet";
    space.stageWidths = {32, 16, 24, 40, 80, 96, 192, 320, 1280};
    space.stageStrides = {2, 2, 2, 1, 2, 1};
    space.depths = {2, 3, 4};
    space.lastStageDepth = 1;
    space.kernels = {3, 5, 7};
    space.expandRatios = {3, 4, 6};
    space.widthMultipliers = widthRange();
    space.resolutions = range(48, 224, 16);
    space.featureMix = false;  // MCUNet's released models have no feature mix (no_mix_layer)
    return space;
}

SearchSpace mbv2Space() {
    SearchSpace space = mcunetSpace();
    space.name = "mbv2";
    space.stageWidths = {32, 16, 24, 32, 64, 96, 160, 320, 1280};
    return space;
}

SearchSpace searchSpaceNamed(const std::string& nameOrPath) {
    if (nameOrPath == "mcunet") return mcunetSpace();
    if (nameOrPath == "mbv2" || nameOrPath == "google") return mbv2Space();
    return loadSearchSpace(nameOrPath);
}

void checkSearchSpace(const SearchSpace& space) {
    const std::string name = "search space \"" + space.name + "\"";
    if (space.stageStrides.empty()) invalid(name, "stage_strides: needs at least one stage");
    if (space.stageWidths.size() != space.stageStrides.size() + 3)
        invalid(name, "stage_widths: expected " + std::to_string(space.stageStrides.size() + 3) +
                          " widths (first conv, first block, one per stage, feature mix), got " +
                          std::to_string(space.stageWidths.size()));
    for (int w : space.stageWidths)
        if (w < 1 || w > 8192) invalid(name, "stage_widths: every width must be 1..8192, got " + std::to_string(w));
    for (int s : space.stageStrides)
        if (s != 1 && s != 2) invalid(name, "stage_strides: every stride must be 1 or 2, got " + std::to_string(s));
    if (space.depths.empty()) invalid(name, "depths: needs at least one choice");
    for (int d : space.depths)
        if (d < 1 || d > 16) invalid(name, "depths: every depth must be 1..16, got " + std::to_string(d));
    if (space.lastStageDepth < 1 || space.lastStageDepth > 16)
        invalid(name, "last_stage_depth: must be 1..16, got " + std::to_string(space.lastStageDepth));
    if (space.kernels.empty()) invalid(name, "kernels: needs at least one choice");
    for (int k : space.kernels)
        if (k < 1 || k > 31 || k % 2 == 0) invalid(name, "kernels: every kernel must be odd, 1..31, got " + std::to_string(k));
    if (space.expandRatios.empty()) invalid(name, "expand_ratios: needs at least one choice");
    for (double e : space.expandRatios)
        if (!(e >= 1 && e <= 16)) invalid(name, "expand_ratios: every ratio must be 1..16, got " + numberText(e));
    if (space.widthMultipliers.empty()) invalid(name, "width_multipliers: needs at least one choice");
    for (double w : space.widthMultipliers)
        if (!(w > 0 && w <= 4)) invalid(name, "width_multipliers: every multiplier must be in (0, 4], got " + numberText(w));
    if (space.resolutions.empty()) invalid(name, "resolutions: needs at least one choice");
    for (int r : space.resolutions)
        if (r < 16 || r > 1024) invalid(name, "resolutions: every resolution must be 16..1024, got " + std::to_string(r));
    if (space.classes < 1 || space.classes > 100000)
        invalid(name, "classes: must be 1..100000, got " + std::to_string(space.classes));
}

json toJson(const SearchSpace& space) {
    return {{"name", space.name},
            {"stage_widths", space.stageWidths},
            {"stage_strides", space.stageStrides},
            {"depths", space.depths},
            {"last_stage_depth", space.lastStageDepth},
            {"kernels", space.kernels},
            {"expand_ratios", space.expandRatios},
            {"width_multipliers", space.widthMultipliers},
            {"resolutions", space.resolutions},
            {"feature_mix", space.featureMix},
            {"classes", space.classes}};
}

SearchSpace searchSpaceFromJson(const json& j, const std::string& displayName) {
    if (!j.is_object()) invalid(displayName, "expected a JSON object describing a search space");
    SearchSpace space;
    if (j.contains("name") && !j["name"].is_string()) invalid(displayName, "name: expected a string");
    space.name = j.value("name", std::string("custom"));
    space.stageWidths = listField<int>(j, "stage_widths", displayName);
    space.stageStrides = listField<int>(j, "stage_strides", displayName);
    space.depths = listField<int>(j, "depths", displayName);
    space.kernels = listField<int>(j, "kernels", displayName);
    space.expandRatios = listField<double>(j, "expand_ratios", displayName);
    space.widthMultipliers = listField<double>(j, "width_multipliers", displayName);
    space.resolutions = listField<int>(j, "resolutions", displayName);
    if (j.contains("last_stage_depth")) {
        if (!j["last_stage_depth"].is_number_integer()) invalid(displayName, "last_stage_depth: expected an integer");
        space.lastStageDepth = j["last_stage_depth"].get<int>();
    }
    if (j.contains("feature_mix")) {
        if (!j["feature_mix"].is_boolean()) invalid(displayName, "feature_mix: expected true or false");
        space.featureMix = j["feature_mix"].get<bool>();
    }
    if (j.contains("classes")) {
        if (!j["classes"].is_number_integer()) invalid(displayName, "classes: expected an integer");
        space.classes = j["classes"].get<int>();
    }
    try {
        checkSearchSpace(space);
    } catch (const Error& e) {
        invalid(displayName, e.what());
    }
    return space;
}

void saveSearchSpace(const SearchSpace& space, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot open file for writing");
    out << toJson(space).dump(2) << '\n';
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot write file");
}

SearchSpace loadSearchSpace(const std::string& path) {
    // A user's file: regular files only, size and nesting limits (util/json_file.h).
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw fileError(ErrorCode::FileNotFound, path, "cannot open search space file (built-in spaces: mcunet, mbv2)");
    return searchSpaceFromJson(util::readJsonFile(path, "a search space (.json; built-in spaces: mcunet, mbv2)"), path);
}

std::string key(const SearchSpace& space, const ArchGenes& genes) {
    std::string text = "w" + numberText(genes.width) + " r" + std::to_string(genes.resolution) + " d";
    for (size_t s = 0; s < genes.depth.size(); ++s) text += (s ? "," : "") + std::to_string(genes.depth[s]);
    int slot = 0;
    for (int s = 0; s < space.stageCount(); ++s) {
        text += s ? "|" : " ";
        for (int b = 0; b < space.maxDepth(s); ++b, ++slot) {
            if (b >= genes.depth[static_cast<size_t>(s)]) continue;
            text += (b ? "," : "") + std::string("k") + std::to_string(genes.kernel[static_cast<size_t>(slot)]) + "e" +
                    numberText(genes.expand[static_cast<size_t>(slot)]);
        }
    }
    return text;
}

json toJson(const ArchGenes& genes) {
    return {{"width", genes.width},
            {"resolution", genes.resolution},
            {"depth", genes.depth},
            {"kernel", genes.kernel},
            {"expand", genes.expand}};
}

ArchGenes genesFromJson(const SearchSpace& space, const json& j, const std::string& displayName) {
    if (!j.is_object()) invalid(displayName, "expected an object with width, resolution, depth, kernel, expand");
    ArchGenes genes;
    if (!j.contains("width") || !j["width"].is_number()) invalid(displayName, "width: expected a number");
    if (!j.contains("resolution") || !j["resolution"].is_number_integer())
        invalid(displayName, "resolution: expected an integer");
    genes.width = j["width"].get<double>();
    genes.resolution = j["resolution"].get<int>();
    genes.depth = listField<int>(j, "depth", displayName);
    genes.kernel = listField<int>(j, "kernel", displayName);
    genes.expand = listField<double>(j, "expand", displayName);
    try {
        checkGenes(space, genes);
    } catch (const Error& e) {
        invalid(displayName, e.what());
    }
    return genes;
}

void checkGenes(const SearchSpace& space, const ArchGenes& genes) {
    const std::string name = "architecture";
    if (!contains(space.widthMultipliers, genes.width))
        invalid(name, "width " + numberText(genes.width) + " is not one of the space's width multipliers");
    if (!contains(space.resolutions, genes.resolution))
        invalid(name, "resolution " + std::to_string(genes.resolution) + " is not one of the space's resolutions");
    if (static_cast<int>(genes.depth.size()) != space.stageCount())
        invalid(name, "depth: expected " + std::to_string(space.stageCount()) + " stages, got " +
                          std::to_string(genes.depth.size()));
    for (int s = 0; s < space.stageCount(); ++s) {
        const int d = genes.depth[static_cast<size_t>(s)];
        const bool ok = s == space.stageCount() - 1 ? d == space.lastStageDepth : contains(space.depths, d);
        if (!ok) invalid(name, "depth of stage " + std::to_string(s) + " (" + std::to_string(d) + ") is not a choice of the space");
    }
    const size_t slots = static_cast<size_t>(space.blockSlots());
    if (genes.kernel.size() != slots || genes.expand.size() != slots)
        invalid(name, "kernel and expand need one entry per block slot (" + std::to_string(slots) + ")");
    for (size_t i = 0; i < slots; ++i) {
        if (!contains(space.kernels, genes.kernel[i]))
            invalid(name, "kernel " + std::to_string(genes.kernel[i]) + " of block slot " + std::to_string(i) +
                              " is not a choice of the space");
        if (!contains(space.expandRatios, genes.expand[i]))
            invalid(name, "expand ratio " + numberText(genes.expand[i]) + " of block slot " + std::to_string(i) +
                              " is not a choice of the space");
    }
}

arch::ArchConfig buildArch(const SearchSpace& space, const ArchGenes& genes) {
    const double w = genes.width;
    arch::ArchConfig config;
    config.bn = json{{"momentum", 0.1}, {"eps", 1e-05}, {"ws_eps", nullptr}};
    config.resolution = genes.resolution;
    config.featureMixPresent = true;
    int channels = arch::makeDivisible(space.stageWidths[0] * w);
    config.firstConv = arch::convLayer(3, channels, 3, 2);
    const int firstBlock = arch::makeDivisible(space.stageWidths[1] * w);
    config.blocks.push_back(arch::mbBlock(channels, firstBlock, 3, 1, 1, std::nullopt, channels == firstBlock));
    channels = firstBlock;
    int slot = 0;
    for (int s = 0; s < space.stageCount(); ++s) {
        const int out = arch::makeDivisible(space.stageWidths[static_cast<size_t>(2 + s)] * w);
        for (int b = 0; b < space.maxDepth(s); ++b, ++slot) {
            if (b >= genes.depth[static_cast<size_t>(s)]) continue;
            const int stride = b == 0 ? space.stageStrides[static_cast<size_t>(s)] : 1;
            const double expand = genes.expand[static_cast<size_t>(slot)];
            // The supernet's blocks state their mid channels (OFA's dynamic layers round them).
            const int mid = arch::makeDivisible(std::nearbyint(channels * expand));
            config.blocks.push_back(arch::mbBlock(channels, out, genes.kernel[static_cast<size_t>(slot)], stride, expand,
                                                  mid, stride == 1 && channels == out));
            channels = out;
        }
    }
    if (space.featureMix) {
        const int last = space.stageWidths.back();
        const int mix = w > 1.0 ? arch::makeDivisible(last * w) : last;
        config.featureMixLayer = arch::convLayer(channels, mix, 1, 1);
        channels = mix;
    }
    config.classifier.inFeatures = channels;
    config.classifier.outFeatures = space.classes;
    config.classifier.bias = true;
    config.classifier.extra = arch::classifierExtras(0);
    return config;
}

size_t uniformIndex(Rng& rng, size_t n) {
    if (n <= 1) return 0;
    // Rejection sampling: no modulo bias.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t value;
    do value = rng();
    while (value >= limit);
    return static_cast<size_t>(value % n);
}

double uniformUnit(Rng& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

ArchGenes sampleGenes(const SearchSpace& space, Rng& rng, double fixedWidth, int fixedResolution) {
    ArchGenes genes;
    genes.width = fixedWidth > 0 ? fixedWidth : space.widthMultipliers[uniformIndex(rng, space.widthMultipliers.size())];
    genes.resolution = fixedResolution > 0 ? fixedResolution : space.resolutions[uniformIndex(rng, space.resolutions.size())];
    for (int s = 0; s < space.stageCount(); ++s)
        genes.depth.push_back(s == space.stageCount() - 1 ? space.lastStageDepth
                                                          : space.depths[uniformIndex(rng, space.depths.size())]);
    for (int i = 0; i < space.blockSlots(); ++i) {
        genes.kernel.push_back(space.kernels[uniformIndex(rng, space.kernels.size())]);
        genes.expand.push_back(space.expandRatios[uniformIndex(rng, space.expandRatios.size())]);
    }
    return genes;
}

ArchGenes mutateGenes(const SearchSpace& space, const ArchGenes& parent, double probability, Rng& rng, bool mutateCell) {
    ArchGenes child = parent;
    // Always draw the same numbers whatever is mutated, so one gene's fate does not shift the rest.
    auto draw = [&](auto& gene, const auto& choices) {
        const bool mutate = uniformUnit(rng) < probability;
        const auto value = choices[uniformIndex(rng, choices.size())];
        if (mutate) gene = value;
    };
    if (mutateCell) {
        draw(child.width, space.widthMultipliers);
        draw(child.resolution, space.resolutions);
    }
    for (int i = 0; i < space.blockSlots(); ++i) {
        draw(child.kernel[static_cast<size_t>(i)], space.kernels);
        draw(child.expand[static_cast<size_t>(i)], space.expandRatios);
    }
    for (int s = 0; s + 1 < space.stageCount(); ++s) draw(child.depth[static_cast<size_t>(s)], space.depths);
    return child;
}

ArchGenes crossoverGenes(const ArchGenes& a, const ArchGenes& b, Rng& rng) {
    ArchGenes child = a;
    auto pick = [&](auto& gene, const auto& other) {
        if (uniformIndex(rng, 2)) gene = other;
    };
    pick(child.width, b.width);
    pick(child.resolution, b.resolution);
    for (size_t s = 0; s < child.depth.size() && s < b.depth.size(); ++s) pick(child.depth[s], b.depth[s]);
    for (size_t i = 0; i < child.kernel.size() && i < b.kernel.size(); ++i) {
        pick(child.kernel[i], b.kernel[i]);
        pick(child.expand[i], b.expand[i]);
    }
    return child;
}

}  // namespace mcunet::nas
