#include "io/mcunet_config.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "util/error.h"
#include "util/json_file.h"

namespace mcunet::io {

using nlohmann::json;

namespace {

// Where a problem is: the display name (file) plus a JSON path ("blocks[3].mobile_inverted_conv").
struct Context {
    const std::string& displayName;
    ErrorCode code;

    [[noreturn]] void fail(const std::string& field, const std::string& what, std::optional<ErrorCode> override = {}) const {
        throw fileError(override.value_or(code), displayName, field + ": " + what);
    }
};

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// ---- reading helpers: each takes a key out of `rest` so what is left is the object's extras ----

const json& member(const Context& ctx, const json& object, const std::string& path, const std::string& key) {
    auto it = object.find(key);
    if (it == object.end()) ctx.fail(join(path, key), "missing");
    return *it;
}

int integerValue(const Context& ctx, const json& value, const std::string& field, const char* expectation = "expected an integer") {
    // Values outside +-1e9 are refused here rather than wrapped into a small, valid-looking int.
    if (value.is_number_unsigned()) {
        if (value.get<uint64_t>() < 1'000'000'000u) return static_cast<int>(value.get<uint64_t>());
    } else if (value.is_number_integer()) {
        int64_t v = value.get<int64_t>();
        if (v > -1'000'000'000 && v < 1'000'000'000) return static_cast<int>(v);
    } else if (value.is_number_float()) {
        double d = value.get<double>();
        if (std::floor(d) == d && std::abs(d) < 1e9) return static_cast<int>(d);
    }
    ctx.fail(field, expectation);
}

int takeInt(const Context& ctx, json& rest, const std::string& path, const std::string& key) {
    int value = integerValue(ctx, member(ctx, rest, path, key), join(path, key));
    rest.erase(key);
    return value;
}

int takeIntOr(const Context& ctx, json& rest, const std::string& path, const std::string& key, int fallback) {
    if (!rest.contains(key)) return fallback;
    return takeInt(ctx, rest, path, key);
}

// Channel counts: an integer, or (IdentityLayer) a one-element list [c].
int takeChannels(const Context& ctx, json& rest, const std::string& path, const std::string& key, bool* asList) {
    const json& value = member(ctx, rest, path, key);
    int channels;
    if (value.is_array()) {
        if (value.size() != 1) ctx.fail(join(path, key), "expected an integer or a one-element list");
        channels = integerValue(ctx, value[0], join(path, key) + "[0]");
        if (asList) *asList = true;
    } else {
        channels = integerValue(ctx, value, join(path, key));
        if (asList) *asList = false;
    }
    rest.erase(key);
    return channels;
}

int takeOddKernel(const Context& ctx, json& rest, const std::string& path) {
    const std::string field = join(path, "kernel_size");
    int value = integerValue(ctx, member(ctx, rest, path, "kernel_size"), field, "expected an odd integer");
    if (value <= 0 || value % 2 == 0) ctx.fail(field, "expected an odd integer, got " + std::to_string(value));
    rest.erase("kernel_size");
    return value;
}

bool takeBoolOr(const Context& ctx, json& rest, const std::string& path, const std::string& key, bool fallback) {
    auto it = rest.find(key);
    if (it == rest.end()) return fallback;
    if (!it->is_boolean()) ctx.fail(join(path, key), "expected true or false");
    bool value = it->get<bool>();
    rest.erase(key);
    return value;
}

// act_func: a string or null ("" in our structs).
std::string takeActOr(const Context& ctx, json& rest, const std::string& path, const std::string& fallback) {
    auto it = rest.find("act_func");
    if (it == rest.end()) return fallback;
    std::string value;
    if (it->is_string()) value = it->get<std::string>();
    else if (!it->is_null()) ctx.fail(join(path, "act_func"), "expected a string or null");
    rest.erase("act_func");
    return value;
}

void takeName(const Context& ctx, json& rest, const std::string& path, const std::string& expected,
              ErrorCode code = ErrorCode::UnsupportedModel) {
    const json& name = member(ctx, rest, path, "name");
    if (!name.is_string() || name.get<std::string>() != expected)
        ctx.fail(join(path, "name"), "expected \"" + expected + "\", got " + name.dump(), code);
    rest.erase("name");
}

json requireObject(const Context& ctx, const json& value, const std::string& path) {
    if (!value.is_object()) ctx.fail(path, "expected an object");
    return value;
}

ConvLayerConfig parseConvLayer(const Context& ctx, const json& value, const std::string& path) {
    json rest = requireObject(ctx, value, path);
    takeName(ctx, rest, path, "ConvLayer");
    ConvLayerConfig c;
    c.inChannels = takeInt(ctx, rest, path, "in_channels");
    c.outChannels = takeInt(ctx, rest, path, "out_channels");
    c.kernelSize = takeOddKernel(ctx, rest, path);
    c.stride = takeIntOr(ctx, rest, path, "stride", 1);
    c.dilation = takeIntOr(ctx, rest, path, "dilation", 1);
    c.groups = takeIntOr(ctx, rest, path, "groups", 1);
    c.bias = takeBoolOr(ctx, rest, path, "bias", false);
    c.useBn = takeBoolOr(ctx, rest, path, "use_bn", true);
    c.actFunc = takeActOr(ctx, rest, path, "relu");
    c.extra = std::move(rest);
    return c;
}

MBConvConfig parseMBConv(const Context& ctx, json rest, const std::string& path) {
    MBConvConfig c;
    c.inChannels = takeInt(ctx, rest, path, "in_channels");
    c.outChannels = takeInt(ctx, rest, path, "out_channels");
    c.kernelSize = takeOddKernel(ctx, rest, path);
    c.stride = takeInt(ctx, rest, path, "stride");
    const json& ratio = member(ctx, rest, path, "expand_ratio");
    if (!ratio.is_number()) ctx.fail(join(path, "expand_ratio"), "expected a positive number");
    c.expandRatio = ratio.get<double>();
    rest.erase("expand_ratio");
    if (rest.contains("mid_channels")) {
        if (!rest["mid_channels"].is_null()) c.midChannels = takeInt(ctx, rest, path, "mid_channels");
        rest.erase("mid_channels");
    }
    c.actFunc = takeActOr(ctx, rest, path, "relu6");
    c.useSe = takeBoolOr(ctx, rest, path, "use_se", false);
    c.extra = std::move(rest);
    return c;
}

BlockConfig parseBlock(const Context& ctx, const json& value, const std::string& path) {
    json rest = requireObject(ctx, value, path);
    takeName(ctx, rest, path, "MobileInvertedResidualBlock");
    BlockConfig block;
    const std::string convPath = join(path, "mobile_inverted_conv");
    json conv = requireObject(ctx, member(ctx, rest, path, "mobile_inverted_conv"), convPath);
    rest.erase("mobile_inverted_conv");
    const json& convName = member(ctx, conv, convPath, "name");
    if (convName == "ZeroLayer") {
        block.zero = true;
        block.zeroLayer = conv;
    } else {
        takeName(ctx, conv, convPath, "MBInvertedConvLayer");
        block.conv = parseMBConv(ctx, std::move(conv), convPath);
    }
    const std::string shortcutPath = join(path, "shortcut");
    const json& shortcut = member(ctx, rest, path, "shortcut");
    if (!shortcut.is_null()) {
        json sc = requireObject(ctx, shortcut, shortcutPath);
        takeName(ctx, sc, shortcutPath, "IdentityLayer");
        ShortcutConfig s;
        bool inList = true, outList = true;
        s.inChannels = takeChannels(ctx, sc, shortcutPath, "in_channels", &inList);
        s.outChannels = takeChannels(ctx, sc, shortcutPath, "out_channels", &outList);
        s.channelsAsList = inList && outList;
        s.extra = std::move(sc);
        block.shortcut = std::move(s);
    }
    rest.erase("shortcut");
    block.extra = std::move(rest);
    return block;
}

LinearLayerConfig parseLinear(const Context& ctx, const json& value, const std::string& path) {
    json rest = requireObject(ctx, value, path);
    takeName(ctx, rest, path, "LinearLayer");
    LinearLayerConfig c;
    c.inFeatures = takeInt(ctx, rest, path, "in_features");
    c.outFeatures = takeInt(ctx, rest, path, "out_features");
    c.bias = takeBoolOr(ctx, rest, path, "bias", true);
    c.actFunc = takeActOr(ctx, rest, path, "");
    c.extra = std::move(rest);
    return c;
}

// ---- writing ----

json numberJson(double value) {
    if (std::floor(value) == value && std::abs(value) < 1e15) return static_cast<int64_t>(value);
    return value;
}

json actJson(const std::string& act) { return act.empty() ? json(nullptr) : json(act); }

// Modeled keys are written over the extras, so an edited field wins over a stale copy.
json convLayerJson(const ConvLayerConfig& c) {
    json j = c.extra;
    j["name"] = "ConvLayer";
    j["kernel_size"] = c.kernelSize;
    j["stride"] = c.stride;
    j["dilation"] = c.dilation;
    j["groups"] = c.groups;
    j["bias"] = c.bias;
    j["in_channels"] = c.inChannels;
    j["out_channels"] = c.outChannels;
    j["use_bn"] = c.useBn;
    j["act_func"] = actJson(c.actFunc);
    return j;
}

json blockJson(const BlockConfig& b) {
    json j = b.extra;
    j["name"] = "MobileInvertedResidualBlock";
    if (b.zero) {
        j["mobile_inverted_conv"] = b.zeroLayer.is_object() ? b.zeroLayer : json{{"name", "ZeroLayer"}};
    } else {
        const MBConvConfig& c = b.conv;
        json conv = c.extra;
        conv["name"] = "MBInvertedConvLayer";
        conv["in_channels"] = c.inChannels;
        conv["out_channels"] = c.outChannels;
        conv["kernel_size"] = c.kernelSize;
        conv["stride"] = c.stride;
        conv["expand_ratio"] = numberJson(c.expandRatio);
        conv["mid_channels"] = c.midChannels ? json(*c.midChannels) : json(nullptr);
        conv["act_func"] = actJson(c.actFunc);
        conv["use_se"] = c.useSe;
        j["mobile_inverted_conv"] = std::move(conv);
    }
    if (b.shortcut) {
        const ShortcutConfig& s = *b.shortcut;
        json sc = s.extra;
        sc["name"] = "IdentityLayer";
        sc["in_channels"] = s.channelsAsList ? json::array({s.inChannels}) : json(s.inChannels);
        sc["out_channels"] = s.channelsAsList ? json::array({s.outChannels}) : json(s.outChannels);
        j["shortcut"] = std::move(sc);
    } else {
        j["shortcut"] = nullptr;
    }
    return j;
}

}  // namespace

McunetConfig parseMcunetConfig(const json& document, const std::string& displayName) {
    const Context ctx{displayName, ErrorCode::CorruptFile};
    if (!document.is_object()) ctx.fail("(top level)", "expected a JSON object", ErrorCode::WrongFormat);
    json rest = document;
    takeName(ctx, rest, "", "ProxylessNASNets", ErrorCode::WrongFormat);
    McunetConfig config;
    config.firstConv = parseConvLayer(ctx, member(ctx, rest, "", "first_conv"), "first_conv");
    rest.erase("first_conv");
    const json& blocks = member(ctx, rest, "", "blocks");
    if (!blocks.is_array()) ctx.fail("blocks", "expected a list");
    for (size_t i = 0; i < blocks.size(); ++i)
        config.blocks.push_back(parseBlock(ctx, blocks[i], "blocks[" + std::to_string(i) + "]"));
    rest.erase("blocks");
    config.featureMixPresent = rest.contains("feature_mix_layer");
    if (config.featureMixPresent) {
        if (!rest["feature_mix_layer"].is_null())
            config.featureMixLayer = parseConvLayer(ctx, rest["feature_mix_layer"], "feature_mix_layer");
        rest.erase("feature_mix_layer");
    }
    config.classifier = parseLinear(ctx, member(ctx, rest, "", "classifier"), "classifier");
    rest.erase("classifier");
    if (rest.contains("resolution")) config.resolution = takeInt(ctx, rest, "", "resolution");
    if (rest.contains("bn")) {
        config.bn = rest["bn"];
        rest.erase("bn");
    }
    config.extra = std::move(rest);
    arch::checkArchConfig(config, displayName, ErrorCode::CorruptFile);
    return config;
}

McunetConfig readMcunetConfig(const std::string& path) {
    return parseMcunetConfig(util::readJsonFile(path, "an MCUNet network configuration (.json)"), path);
}

json toJson(const McunetConfig& config) {
    json j = config.extra;
    j["name"] = "ProxylessNASNets";
    if (config.bn) j["bn"] = *config.bn;
    j["first_conv"] = convLayerJson(config.firstConv);
    json blocks = json::array();
    for (const BlockConfig& block : config.blocks) blocks.push_back(blockJson(block));
    j["blocks"] = std::move(blocks);
    if (config.featureMixLayer) j["feature_mix_layer"] = convLayerJson(*config.featureMixLayer);
    else if (config.featureMixPresent) j["feature_mix_layer"] = nullptr;
    json classifier = config.classifier.extra;
    classifier["name"] = "LinearLayer";
    classifier["in_features"] = config.classifier.inFeatures;
    classifier["out_features"] = config.classifier.outFeatures;
    classifier["bias"] = config.classifier.bias;
    classifier["act_func"] = actJson(config.classifier.actFunc);
    j["classifier"] = std::move(classifier);
    if (config.resolution) j["resolution"] = *config.resolution;
    return j;
}

void writeMcunetConfig(const McunetConfig& config, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot open file for writing");
    out << toJson(config).dump(2) << '\n';
    if (!out) throw fileError(ErrorCode::FileNotFound, path, "cannot write file");
}

}  // namespace mcunet::io
