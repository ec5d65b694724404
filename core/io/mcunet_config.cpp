#include "io/mcunet_config.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "ir/graph_builder.h"
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

// ---- semantic checks shared by parsing (CorruptFile) and code-built configs (InvalidArgument) ----

void checkAct(const Context& ctx, const std::string& act, const std::string& field) {
    if (act.empty() || act == "relu" || act == "relu6" || act == "h_swish") return;
    ctx.fail(field, "activation \"" + act + "\" is not supported (relu, relu6, h_swish or null)", ErrorCode::UnsupportedModel);
}

// Upper bounds far beyond any MCU network, so a corrupt file cannot make lowering allocate
// gigabytes (per-channel quantization vectors) or overflow sizes.
constexpr int kMaxChannels = 65536;
constexpr int kMaxKernel = 31;
constexpr int kMaxStride = 16;
constexpr int kMaxResolution = 4096;

void checkPositive(const Context& ctx, int value, const std::string& field, int limit = kMaxChannels) {
    if (value <= 0) ctx.fail(field, "expected a positive integer, got " + std::to_string(value));
    if (value > limit) ctx.fail(field, "expected at most " + std::to_string(limit) + ", got " + std::to_string(value));
}

void checkOdd(const Context& ctx, int value, const std::string& field) {
    if (value <= 0 || value % 2 == 0) ctx.fail(field, "expected an odd integer, got " + std::to_string(value));
    if (value > kMaxKernel) ctx.fail(field, "expected at most " + std::to_string(kMaxKernel) + ", got " + std::to_string(value));
}

void checkChain(const Context& ctx, int value, int previous, const std::string& field) {
    if (value != previous)
        ctx.fail(field, "expected " + std::to_string(previous) + " (the previous layer's output channels), got " +
                            std::to_string(value));
}

void checkConvLayer(const Context& ctx, const ConvLayerConfig& c, const std::string& path, int previous) {
    if (previous > 0) checkChain(ctx, c.inChannels, previous, join(path, "in_channels"));
    checkPositive(ctx, c.inChannels, join(path, "in_channels"));
    checkPositive(ctx, c.outChannels, join(path, "out_channels"));
    checkOdd(ctx, c.kernelSize, join(path, "kernel_size"));
    checkPositive(ctx, c.stride, join(path, "stride"), kMaxStride);
    checkPositive(ctx, c.dilation, join(path, "dilation"), kMaxStride);
    if (c.groups != 1) ctx.fail(join(path, "groups"), "only groups = 1 is supported, got " + std::to_string(c.groups), ErrorCode::UnsupportedModel);
    checkAct(ctx, c.actFunc, join(path, "act_func"));
}

void checkConfig(const McunetConfig& config, const Context& ctx) {
    checkConvLayer(ctx, config.firstConv, "first_conv", 0);
    int channels = config.firstConv.outChannels;
    for (size_t i = 0; i < config.blocks.size(); ++i) {
        const BlockConfig& block = config.blocks[i];
        const std::string path = "blocks[" + std::to_string(i) + "]";
        const std::string convPath = join(path, "mobile_inverted_conv");
        if (block.zero) {
            if (!block.shortcut) ctx.fail(join(path, "shortcut"), "a ZeroLayer block needs an IdentityLayer shortcut", ErrorCode::UnsupportedModel);
        } else {
            const MBConvConfig& c = block.conv;
            checkChain(ctx, c.inChannels, channels, join(convPath, "in_channels"));
            checkPositive(ctx, c.outChannels, join(convPath, "out_channels"));
            checkOdd(ctx, c.kernelSize, join(convPath, "kernel_size"));
            checkPositive(ctx, c.stride, join(convPath, "stride"), kMaxStride);
            if (!(c.expandRatio > 0 && c.expandRatio <= 64))
                ctx.fail(join(convPath, "expand_ratio"), "expected a number in (0, 64]");
            if (c.midChannels) checkPositive(ctx, *c.midChannels, join(convPath, "mid_channels"));
            if (c.expandRatio != 1) checkPositive(ctx, blockMidChannels(c), join(convPath, "expand_ratio") + " (expanded channels)");
            checkAct(ctx, c.actFunc, join(convPath, "act_func"));
            if (c.useSe) ctx.fail(join(convPath, "use_se"), "squeeze-and-excitation is not supported", ErrorCode::UnsupportedModel);
        }
        if (block.shortcut) {
            const std::string scPath = join(path, "shortcut");
            int in = block.zero ? channels : block.conv.inChannels;
            if (!block.zero) {
                if (block.conv.stride != 1)
                    ctx.fail(scPath, "an identity shortcut needs stride 1, the block has stride " + std::to_string(block.conv.stride));
                if (block.conv.outChannels != in)
                    ctx.fail(scPath, "an identity shortcut needs in_channels = out_channels, the block maps " +
                                         std::to_string(in) + " to " + std::to_string(block.conv.outChannels));
            }
            checkChain(ctx, block.shortcut->inChannels, in, join(scPath, "in_channels"));
            checkChain(ctx, block.shortcut->outChannels, in, join(scPath, "out_channels"));
        }
        if (!block.zero) channels = block.conv.outChannels;
    }
    if (config.featureMixLayer) {
        checkConvLayer(ctx, *config.featureMixLayer, "feature_mix_layer", channels);
        channels = config.featureMixLayer->outChannels;
    }
    checkChain(ctx, config.classifier.inFeatures, channels, "classifier.in_features");
    checkPositive(ctx, config.classifier.outFeatures, "classifier.out_features");
    checkAct(ctx, config.classifier.actFunc, "classifier.act_func");
    if (config.resolution) checkPositive(ctx, *config.resolution, "resolution", kMaxResolution);
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

ir::Activation fusedActivation(const std::string& act) {
    if (act == "relu6") return ir::Activation::Relu6;
    if (act == "relu") return ir::Activation::Relu;
    return ir::Activation::None;  // linear, or h_swish which follows as its own op
}

int applyHardSwish(ir::GraphBuilder& builder, const std::string& act, const std::string& name, int tensor) {
    return act == "h_swish" ? builder.hardSwish(name + "/h_swish", tensor) : tensor;
}

int lowerConvLayer(ir::GraphBuilder& builder, const ConvLayerConfig& c, const std::string& name, int input) {
    int out = builder.conv2d(name, input, c.outChannels, c.kernelSize, c.stride, fusedActivation(c.actFunc),
                             ir::Padding::Same, c.dilation);
    return applyHardSwish(builder, c.actFunc, name, out);
}

}  // namespace

int blockMidChannels(const MBConvConfig& conv) {
    if (conv.midChannels) return *conv.midChannels;
    return static_cast<int>(std::nearbyint(conv.inChannels * conv.expandRatio));  // half to even, as Python's round
}

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
    checkConfig(config, ctx);
    return config;
}

McunetConfig readMcunetConfig(const std::string& path) {
    return parseMcunetConfig(util::readJsonFile(path, "an MCUNet network configuration (.json)"), path);
}

void checkMcunetConfig(const McunetConfig& config, const std::string& displayName) {
    checkConfig(config, Context{displayName, ErrorCode::InvalidArgument});
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

ir::Graph lowerMcunetConfig(const McunetConfig& config, const LowerOptions& options) {
    checkMcunetConfig(config, "MCUNet config");
    if (options.resolution < 0 || options.resolution > kMaxResolution)
        throw Error(ErrorCode::InvalidArgument, "lowering: resolution must be 1.." + std::to_string(kMaxResolution) +
                                                    " (or 0 for the config's), got " + std::to_string(options.resolution));
    int resolution = options.resolution > 0 ? options.resolution : config.inputResolution();
    ir::GraphBuilder builder("ProxylessNASNets", {options.dtype, options.withWeights, options.seed});
    int x = builder.addInput("input", {1, resolution, resolution, config.firstConv.inChannels});
    x = lowerConvLayer(builder, config.firstConv, "first_conv", x);
    for (size_t i = 0; i < config.blocks.size(); ++i) {
        const BlockConfig& block = config.blocks[i];
        if (block.zero) continue;  // identity: the block's input is its output
        const MBConvConfig& c = block.conv;
        const std::string name = "blocks." + std::to_string(i);
        const ir::Activation act = fusedActivation(c.actFunc);
        int y = x;
        if (c.expandRatio != 1) {
            y = builder.pointwiseConv2d(name + ".expand", y, blockMidChannels(c), act);
            y = applyHardSwish(builder, c.actFunc, name + ".expand", y);
        }
        y = builder.depthwiseConv2d(name + ".depthwise", y, c.kernelSize, c.stride, act);
        y = applyHardSwish(builder, c.actFunc, name + ".depthwise", y);
        y = builder.pointwiseConv2d(name + ".project", y, c.outChannels, ir::Activation::None);
        if (block.shortcut) y = builder.add(name + ".add", y, x);
        x = y;
    }
    if (config.featureMixLayer) x = lowerConvLayer(builder, *config.featureMixLayer, "feature_mix_layer", x);
    x = builder.mean("global_avg_pool", x);
    x = builder.fullyConnected("classifier", x, config.classifier.outFeatures, fusedActivation(config.classifier.actFunc));
    x = applyHardSwish(builder, config.classifier.actFunc, "classifier", x);
    builder.markOutput(x);
    return builder.finish();
}

}  // namespace mcunet::io
