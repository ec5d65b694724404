#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>

#include "analysis/engine_planner.h"
#include "analysis/profile.h"
#include "codegen/codegen.h"
#include "codegen/host_build.h"
#include "command.h"
#include "format.h"
#include "progress_line.h"
#include "io/model_loader.h"
#include "mcunet_engine/quantize.h"
#include "runtime/interpreter.h"
#include "util/error.h"

namespace mcunet::cli {
namespace {

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        const size_t end = comma == std::string::npos ? text.size() : comma;
        if (end > start) items.push_back(text.substr(start, end - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return items;
}

std::string describe(const ir::Tensor& tensor) {
    return "'" + tensor.name + "' " + std::string(ir::dtypeName(tensor.dtype)) + " " + ir::shapeToString(tensor.shape) +
           " (" + std::to_string(tensor.byteSize()) + " bytes)";
}

// The float graph input a dropped QUANTIZE read, when `tensor` is that QUANTIZE's output.
std::optional<std::pair<int, int>> droppedQuantize(const ir::Graph& graph, int tensor) {
    const auto producer = graph.producerOf(tensor);
    if (!producer || graph.ops[static_cast<size_t>(*producer)].kind != ir::OpKind::Quantize) return std::nullopt;
    return std::make_pair(*producer, graph.ops[static_cast<size_t>(*producer)].inputs[0]);
}

// Input for the generated code: its own (int8) tensor, or the model's float input quantized on
// the host exactly as the dropped QUANTIZE would (the engine's mcu_quantize_f32_s8).
std::vector<uint8_t> readGeneratedInput(const std::string& path, const ir::Graph& graph, int tensor,
                                        std::vector<std::string>& notes) {
    const ir::Tensor& own = graph.tensors[static_cast<size_t>(tensor)];
    const auto dropped = droppedQuantize(graph, tensor);
    if (!dropped) return runtime::readInputFile(path, own);
    const ir::Tensor& source = graph.tensors[static_cast<size_t>(dropped->second)];
    std::vector<uint8_t> floats;
    try {
        return runtime::readInputFile(path, own);
    } catch (const Error&) {
        try {
            floats = runtime::readInputFile(path, source);
        } catch (const Error&) {
            throw fileError(ErrorCode::WrongFormat, path,
                            "fits neither the generated code's input " + describe(own) + " nor the model's input " +
                                describe(source));
        }
    }
    const float scale = own.quant.scale.empty() ? 1.0f : own.quant.scale[0];
    const int32_t zeroPoint = own.quant.zeroPoint.empty() ? 0 : static_cast<int32_t>(own.quant.zeroPoint[0]);
    std::vector<float> values(floats.size() / sizeof(float));
    std::memcpy(values.data(), floats.data(), values.size() * sizeof(float));
    std::vector<uint8_t> quantized(values.size());
    mcu_quantize_f32_s8(static_cast<int32_t>(values.size()), scale, zeroPoint, values.data(),
                        reinterpret_cast<int8_t*>(quantized.data()));
    char text[160];
    std::snprintf(text, sizeof text, "float input quantized on the host as the dropped QUANTIZE (op %d) would: scale %.9g, zero point %d",
                  dropped->first, static_cast<double>(scale), zeroPoint);
    notes.push_back(text);
    return quantized;
}

struct OutputValues {
    ir::Tensor tensor;  // a copy: the interpreter that owned it is gone when we print
    std::vector<double> values;  // exact: int8 values, or float32 widened
};

OutputValues decode(const ir::Tensor& tensor, const std::vector<uint8_t>& bytes) {
    OutputValues out{tensor, {}};
    const size_t count = static_cast<size_t>(tensor.elementCount());
    for (size_t i = 0; i < count; ++i) {
        switch (tensor.dtype) {
            case ir::DType::Int8: out.values.push_back(static_cast<int8_t>(bytes[i])); break;
            case ir::DType::UInt8: out.values.push_back(bytes[i]); break;
            case ir::DType::Int32: {
                int32_t v;
                std::memcpy(&v, bytes.data() + 4 * i, 4);
                out.values.push_back(v);
                break;
            }
            case ir::DType::Float32: {
                float v;
                std::memcpy(&v, bytes.data() + 4 * i, 4);
                out.values.push_back(v);
                break;
            }
            default:
                throw Error(ErrorCode::UnsupportedModel, "output '" + tensor.name + "' is " +
                                                             std::string(ir::dtypeName(tensor.dtype)) + "; run prints int8, uint8, int32 and float32");
        }
    }
    return out;
}

std::string valueText(double value, ir::DType dtype) {
    char text[48];
    if (dtype == ir::DType::Float32) std::snprintf(text, sizeof text, "%.9g", value);
    else std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
    return text;
}

// --max-macs N (plain digits, or with a K / M / G suffix).
int64_t parseMacLimit(const Args& args) {
    constexpr int64_t kDefaultLimit = int64_t{4} * 1000 * 1000 * 1000;
    if (!args.has("max-macs")) return kDefaultLimit;
    const std::string text = args.value("max-macs");
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string_view suffix(end, static_cast<size_t>(text.data() + text.size() - end));
    int64_t unit = 1;
    if (suffix == "K" || suffix == "k") unit = 1000;
    else if (suffix == "M") unit = 1000 * 1000;
    else if (suffix == "G") unit = 1000 * 1000 * 1000;
    else if (!suffix.empty()) value = -1;
    if (ec != std::errc() || value <= 0 || __builtin_mul_overflow(value, unit, &value))
        throw Error(ErrorCode::InvalidArgument, "--max-macs needs a positive number (e.g. 8G), not '" + text + "'");
    return value;
}

}  // namespace

int runRun(const Args& args) {
    if (args.positional.size() != 1)
        throw Error(ErrorCode::InvalidArgument, "run needs exactly one FILE (a .tflite, an MCUNet .json or zoo:NAME)");
    if (!args.has("input")) throw Error(ErrorCode::InvalidArgument, "run needs --input IN (raw tensor bytes or .npy)");
    const std::string with = args.value("with", "reference");
    if (with != "reference" && with != "generated")
        throw Error(ErrorCode::InvalidArgument, "--with must be 'reference' or 'generated', not '" + with + "'");
    const std::string& file = args.positional[0];
    const std::vector<std::string> inputFiles = splitList(args.value("input"));
    const int64_t macLimit = parseMacLimit(args);
    ProgressLine line;
    line.stage("loading " + file);
    const ir::Graph graph = io::loadModel(file);
    // One inference is a stated amount of work: refuse before minutes of computing, not after.
    const int64_t macs = analysis::profileGraph(graph).totalMacs;
    if (macs > macLimit)
        throw Error(ErrorCode::InvalidArgument,
                    file + ": one inference takes " + grouped(macs) + " MACs, more than run's limit of " +
                        grouped(macLimit) + " (about a second per billion on this machine's reference path); "
                        "raise it with --max-macs N if you mean it");

    std::vector<OutputValues> outputs;
    std::vector<std::string> notes;
    if (with == "reference") {
        runtime::Interpreter interpreter(graph);
        if (inputFiles.size() != interpreter.inputCount())
            throw Error(ErrorCode::InvalidArgument, "the model has " + std::to_string(interpreter.inputCount()) +
                                                        " input(s); --input names " + std::to_string(inputFiles.size()));
        for (size_t i = 0; i < inputFiles.size(); ++i)
            interpreter.setInput(i, runtime::readInputFile(inputFiles[i], interpreter.inputTensor(i)));
        interpreter.invoke(line.progress());
        for (size_t i = 0; i < interpreter.outputCount(); ++i) {
            const auto bytes = interpreter.output(i);
            outputs.push_back(decode(interpreter.outputTensor(i), {bytes.begin(), bytes.end()}));
        }
    } else {
        line.stage("planning the arena");
        const analysis::MemoryPlan plan = analysis::planEngine(graph);
        line.stage("generating C");
        codegen::CodegenOptions options;
        options.sourceName = std::filesystem::path(file).filename().string();
        const codegen::GeneratedModel model = codegen::generateModel(graph, plan, options);
        if (inputFiles.size() != model.inputTensors.size())
            throw Error(ErrorCode::InvalidArgument, "the generated code has " + std::to_string(model.inputTensors.size()) +
                                                        " input(s); --input names " + std::to_string(inputFiles.size()));
        std::vector<std::vector<uint8_t>> inputs;
        for (size_t i = 0; i < inputFiles.size(); ++i)
            inputs.push_back(readGeneratedInput(inputFiles[i], graph, model.inputTensors[i], notes));
        line.stage("compiling the generated C on the host");
        const codegen::HostProgram program = codegen::buildHostProgramCached(model);
        line.progress().check();
        line.stage("running the generated C");
        const auto results = codegen::runHostProgram(program, model, inputs);
        for (size_t i = 0; i < results.size(); ++i)
            outputs.push_back(decode(graph.tensors[static_cast<size_t>(model.outputTensors[i])], results[i]));
        notes.push_back("generated C built on the host in " + program.directory);
    }

    if (args.has("json")) {
        nlohmann::json json = {{"model", file}, {"with", with}, {"outputs", nlohmann::json::array()}};
        for (const OutputValues& out : outputs) {
            nlohmann::json entry = {{"name", out.tensor.name},
                                    {"dtype", std::string(ir::dtypeName(out.tensor.dtype))},
                                    {"shape", out.tensor.shape}};
            if (out.tensor.dtype == ir::DType::Float32) entry["values"] = out.values;
            else {
                std::vector<int64_t> ints(out.values.begin(), out.values.end());
                entry["values"] = ints;
            }
            if (out.tensor.quant.scale.size() == 1) {
                entry["scale"] = out.tensor.quant.scale[0];
                entry["zero_point"] = out.tensor.quant.zeroPoint.empty() ? 0 : out.tensor.quant.zeroPoint[0];
            }
            json["outputs"].push_back(entry);
        }
        json["notes"] = notes;
        std::printf("%s\n", json.dump(2).c_str());
        return 0;
    }
    std::printf("%s, %s: %zu output(s)\n", file.c_str(),
                with == "reference" ? "reference interpreter" : "generated C (host build)", outputs.size());
    for (size_t i = 0; i < outputs.size(); ++i) {
        const ir::Tensor& tensor = outputs[i].tensor;
        std::string values;
        for (double v : outputs[i].values) values += (values.empty() ? "" : " ") + valueText(v, tensor.dtype);
        std::printf("output %zu '%s' %s %s:\n  %s\n", i, tensor.name.c_str(), std::string(ir::dtypeName(tensor.dtype)).c_str(),
                    ir::shapeToString(tensor.shape).c_str(), values.c_str());
        if (tensor.quant.scale.size() == 1 && tensor.dtype != ir::DType::Float32) {
            const double scale = tensor.quant.scale[0];
            const double zp = tensor.quant.zeroPoint.empty() ? 0.0 : static_cast<double>(tensor.quant.zeroPoint[0]);
            std::string real;
            for (double v : outputs[i].values) real += (real.empty() ? "" : " ") + valueText(scale * (v - zp), ir::DType::Float32);
            std::printf("  dequantized (scale %.9g, zero point %lld): %s\n", scale, static_cast<long long>(zp), real.c_str());
        }
    }
    for (const std::string& note : notes) std::printf("note: %s\n", note.c_str());
    return 0;
}

}  // namespace mcunet::cli
