// Generated C against the reference interpreter and TF-Lite Micro: for every shared int8 model
// the generated model.c is compiled on the host together with engine/, fed the inputs of
// ../shared/models/expected, and its output must equal the reference interpreter's bit for bit,
// whose output must equal TF-Lite Micro's recorded one. The same model.c must build warning-free
// with arm-none-eabi-gcc for Cortex-M4 and M7, and its arena must be the planner's peak.
//
// Every model is generated, planned and compiled once per test-binary run (ModelCache).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <unistd.h>

#include "analysis/engine_kernels.h"
#include "analysis/engine_planner.h"
#include "analysis/tflm_planner.h"
#include "codegen/codegen.h"
#include "codegen/host_build.h"
#include "device/toolchain.h"
#include "expected_cases.h"
#include "io/tflite_reader.h"
#include "ir/graph_builder.h"
#include "runtime/interpreter.h"
#include "util/error.h"

namespace mcunet::codegen {
namespace {

namespace fs = std::filesystem;
const std::string kShared = MCUNET_SHARED_DIR;

using expected_cases::hex8;
using expected_cases::inputFor;
using expected_cases::readJson;

// One folder per test-binary run for everything the tests build, removed at exit.
fs::path workPath() { return fs::temp_directory_path() / ("mcunet-codegen-test-" + std::to_string(::getpid())); }

void removeWorkDir() {
    std::error_code ec;
    fs::remove_all(workPath(), ec);
}

const std::string& workDir() {
    static const std::string dir = [] {
        fs::remove_all(workPath());
        fs::create_directories(workPath());
        std::atexit(removeWorkDir);
        return workPath().string();
    }();
    return dir;
}

const std::vector<std::string>& engineObjects() {
    static const std::vector<std::string> objects = compileEngineForHost(workDir() + "/engine");
    return objects;
}

struct BuiltModel {
    ir::Graph graph;
    analysis::MemoryPlan plan;
    GeneratedModel generated;
    HostProgram program;
};

// Graph, engine plan (int8 input), generated code and host executable, once per model name.
const BuiltModel& builtModel(const std::string& name) {
    static std::map<std::string, std::unique_ptr<BuiltModel>> cache;
    auto& slot = cache[name];
    if (!slot) {
        auto built = std::make_unique<BuiltModel>();
        built->graph = io::readTflite(kShared + "/models/" + name + ".tflite");
        built->plan = analysis::planEngine(built->graph);
        built->generated = generateModel(built->graph, built->plan, {.prefix = "model", .sourceName = name + ".tflite"});
        built->program = buildHostProgram(built->generated, workDir() + "/" + name, {.flags = {"-O2", "-Wall", "-Wextra", "-Werror"}, .engineObjects = engineObjects()});
        slot = std::move(built);
    }
    return *slot;
}

std::vector<uint8_t> bytesOf(std::span<const uint8_t> span) { return {span.begin(), span.end()}; }

// For every case of expected/<json>: the interpreter equals TFLM, and the generated code equals
// the interpreter. The generated code's input is the tensor the plan says the caller writes
// (for a model with a float input + QUANTIZE: the int8 tensor the interpreter's QUANTIZE made).
void expectGeneratedMatches(const std::string& model, const std::string& jsonName) {
    const BuiltModel& built = builtModel(model);
    const nlohmann::json expected = readJson(kShared + "/models/expected/" + jsonName);
    runtime::Interpreter interpreter(built.graph);
    ASSERT_EQ(interpreter.inputCount(), 1u);
    ASSERT_EQ(built.generated.inputTensors.size(), 1u);
    ASSERT_EQ(built.generated.outputTensors, built.graph.outputs);
    ASSERT_FALSE(expected["cases"].empty());
    for (const auto& c : expected["cases"]) {
        const std::string input = c["input"];
        SCOPED_TRACE(jsonName + " case " + input);
        interpreter.setInput(0, inputFor(input, interpreter.inputTensor(0)));
        interpreter.invoke();
        const std::vector<uint8_t> reference = bytesOf(interpreter.output(0));
        // Reference interpreter == TF-Lite Micro.
        ASSERT_EQ(hex8(runtime::fnv1a(reference)), c["output_hash_fnv1a"].get<std::string>());
        if (c["output_dtype"] == "float32") {
            const auto want = c["output"].get<std::vector<double>>();
            const auto got = interpreter.outputAs<float>(0);
            ASSERT_EQ(got.size(), want.size());
            for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], static_cast<float>(want[i])) << i;
        } else {
            const auto got = interpreter.outputAs<int8_t>(0);
            EXPECT_EQ(std::vector<int>(got.begin(), got.end()), c["output"].get<std::vector<int>>());
        }
        // Generated C == reference interpreter, bit for bit.
        const std::vector<uint8_t> generatedInput = bytesOf(interpreter.tensorBytes(built.generated.inputTensors[0]));
        const auto outputs = runHostProgram(built.program, built.generated, {generatedInput});
        ASSERT_EQ(outputs.size(), 1u);
        EXPECT_EQ(outputs[0], reference);
    }
}

TEST(CodegenHost, PersonDetectBitExact) { expectGeneratedMatches("person_detect", "person_detect.json"); }
TEST(CodegenHost, PersonDetectBytesAsInt8BitExact) {
    expectGeneratedMatches("person_detect", "person_detect_bytes_as_int8.json");
}
TEST(CodegenHost, McunetVwwInt8InputBitExact) { expectGeneratedMatches("mcunet_vww", "mcunet_vww.json"); }
TEST(CodegenHost, KwsRefModelBitExact) { expectGeneratedMatches("kws_ref_model", "kws_ref_model.json"); }
TEST(CodegenHost, Resnet8Cifar10BitExact) { expectGeneratedMatches("resnet8_cifar10_int8", "resnet8_cifar10_int8.json"); }
TEST(CodegenHost, MicroSpeechBitExact) { expectGeneratedMatches("micro_speech_quantized", "micro_speech_quantized.json"); }
TEST(CodegenHost, HelloWorldInt8BitExact) { expectGeneratedMatches("hello_world_int8", "hello_world_int8.json"); }

// mcunet_vww's generated code takes int8: the tensor the dropped QUANTIZE would make, which for
// the ramp input is exactly TF-Lite Micro's op-0 output in the intermediate dump.
TEST(CodegenHost, McunetVwwInputIsTflmsQuantizeOutput) {
    const BuiltModel& built = builtModel("mcunet_vww");
    ASSERT_EQ(built.plan.schedule.droppedOps.front(), 0);
    const int input = built.generated.inputTensors[0];
    EXPECT_EQ(built.graph.ops[0].kind, ir::OpKind::Quantize);
    EXPECT_EQ(built.graph.ops[0].outputs[0], input);
    EXPECT_EQ(built.graph.tensors[static_cast<size_t>(input)].dtype, ir::DType::Int8);
    EXPECT_EQ(built.generated.inputBytes[0], 80 * 80 * 3);
    runtime::Interpreter interpreter(built.graph);
    interpreter.setInput(0, runtime::makeRampInput(interpreter.inputTensor(0)));
    interpreter.invoke();
    const nlohmann::json dump = readJson(kShared + "/models/expected/intermediate/mcunet_vww.json");
    EXPECT_EQ(dump["ops"][0]["outputs"][0]["tensor"].get<int>(), input);
    EXPECT_EQ(hex8(runtime::fnv1a(interpreter.tensorBytes(input))), dump["ops"][0]["outputs"][0]["fnv1a"].get<std::string>());
    // The header tells the user how to quantize by hand.
    const std::string header = built.generated.file("model.h")->content;
    EXPECT_NE(header.find("QUANTIZE (op 0) was dropped"), std::string::npos) << header;
    EXPECT_NE(header.find("round(x / 0.00783930719) + 0"), std::string::npos) << header;
}

// With int8Input off the plan keeps the QUANTIZE: the generated code takes the float input and
// quantizes it itself (mcu_quantize_f32_s8), still bit-exact; the arena then holds the float input.
TEST(CodegenHost, McunetVwwFloatInputKeepsQuantizeBitExact) {
    const ir::Graph graph = io::readTflite(kShared + "/models/mcunet_vww.tflite");
    const analysis::MemoryPlan plan = analysis::planEngine(graph, {.int8Input = false});
    const GeneratedModel generated = generateModel(graph, plan, {.prefix = "vww", .sourceName = "mcunet_vww.tflite"});
    EXPECT_EQ(generated.inputTensors, graph.inputs);
    EXPECT_EQ(generated.inputBytes[0], 80 * 80 * 3 * 4);
    EXPECT_GT(plan.arenaBytes, builtModel("mcunet_vww").plan.arenaBytes);
    EXPECT_NE(generated.file("model.c")->content.find("mcu_quantize_f32_s8(19200, "), std::string::npos);
    const HostProgram program = buildHostProgram(generated, workDir() + "/vww_float",
                                                 {.flags = {"-O2", "-Wall", "-Wextra", "-Werror"}, .engineObjects = engineObjects()});
    runtime::Interpreter interpreter(graph);
    const auto input = runtime::makeRampInput(interpreter.inputTensor(0));
    interpreter.setInput(0, input);
    interpreter.invoke();
    EXPECT_EQ(runHostProgram(program, generated, {input})[0], bytesOf(interpreter.output(0)));
}

const std::vector<std::string> kModels = {"person_detect",        "mcunet_vww",           "kws_ref_model",
                                          "resnet8_cifar10_int8", "micro_speech_quantized", "hello_world_int8"};

int64_t parsedArenaBytes(const std::string& source) {
    std::smatch match;
    const std::regex arena(R"(static int8_t arena\[(\d+)\] MCU_ARENA_ALIGN;)");
    if (!std::regex_search(source, match, arena)) return -1;
    return std::stoll(match[1].str());
}

// The static arena is the planner's reported peak, to the byte, for every model; and it is
// the only writable storage (no other non-const static data).
TEST(Codegen, ArenaIsExactlyThePlannedPeak) {
    for (const std::string& name : kModels) {
        SCOPED_TRACE(name);
        const BuiltModel& built = builtModel(name);
        const std::string source = built.generated.file("model.c")->content;
        EXPECT_EQ(parsedArenaBytes(source), built.plan.arenaBytes);
        EXPECT_EQ(built.generated.arenaBytes, built.plan.arenaBytes);
        EXPECT_NE(built.generated.file("model.h")->content.find("#define MODEL_ARENA_BYTES " + std::to_string(built.plan.arenaBytes) + "\n"),
                  std::string::npos);
        const std::regex mutableStatic(R"(\nstatic (?!const )[^\n]*;)");
        std::vector<std::string> statics;
        for (std::sregex_iterator it(source.begin(), source.end(), mutableStatic), end; it != end; ++it) statics.push_back(it->str());
        EXPECT_EQ(statics.size(), 1u) << (statics.empty() ? "" : statics.back());
        EXPECT_EQ(source.find("malloc"), std::string::npos);
    }
}

// Every planned step is one kernel call with a comment naming the op and its shapes.
TEST(Codegen, OneCommentedKernelCallPerPlannedStep) {
    for (const std::string& name : kModels) {
        SCOPED_TRACE(name);
        const BuiltModel& built = builtModel(name);
        const std::string source = built.generated.file("model.c")->content;
        const std::string invoke = source.substr(source.find("void model_invoke(void) {"));
        for (size_t i = 0; i < built.plan.schedule.steps.size(); ++i) {
            const auto& step = built.plan.schedule.steps[i];
            const std::string comment = "/* step " + std::to_string(i) + ": op " + std::to_string(step.opIndex) + " " +
                                        built.graph.ops[static_cast<size_t>(step.opIndex)].name();
            EXPECT_NE(invoke.find(comment), std::string::npos) << comment;
        }
        size_t calls = 0;
        for (size_t at = invoke.find("\n  mcu_"); at != std::string::npos; at = invoke.find("\n  mcu_", at + 1)) ++calls;
        for (size_t at = invoke.find("\n    mcu_"); at != std::string::npos; at = invoke.find("\n    mcu_", at + 1)) ++calls;
        EXPECT_EQ(calls, built.plan.schedule.steps.size());
    }
    // person_detect's first layer, as a reader sees it.
    const std::string pd = builtModel("person_detect").generated.file("model.c")->content;
    EXPECT_NE(pd.find("/* step 0: op 0 DEPTHWISE_CONV_2D: 1x96x96x1 -> 1x48x48x8, 3x3 kernel, stride 2x2, SAME */"),
              std::string::npos);
}

// person_detect's and micro_speech's first layers are depthwise convs over one input channel
// (multiplier 8). As plain convs they are much faster but need im2col scratch: the planner keeps
// the conv where the arena does not grow (person_detect) and the depthwise kernel where it would
// (micro_speech: 5,960 -> 6,280 B). Codegen follows the plan; bit-exactness is checked above.
TEST(Codegen, SingleChannelDepthwiseRunsAsConvWhereTheArenaAllows) {
    for (const auto& [name, asConv] : {std::pair<std::string, bool>{"person_detect", true}, {"micro_speech_quantized", false}}) {
        SCOPED_TRACE(name);
        const BuiltModel& built = builtModel(name);
        const auto& steps = built.plan.schedule.steps;
        const auto first = std::find_if(steps.begin(), steps.end(), [](const auto& s) { return s.kind == ir::OpKind::DepthwiseConv2D; });
        ASSERT_NE(first, steps.end());
        const ir::Op& op = built.graph.ops[static_cast<size_t>(first->opIndex)];
        const ir::Shape& in = built.graph.tensors[static_cast<size_t>(first->inputs[0])].shape;
        const ir::Shape& filter = built.graph.tensors[static_cast<size_t>(op.inputs[1])].shape;
        ASSERT_EQ(in.back(), 1);
        EXPECT_TRUE(analysis::depthwiseRunsAsConv(1, filter.back(), first->inPlace));
        EXPECT_EQ(first->depthwiseAsConv, asConv);
        const std::string source = built.generated.file("model.c")->content;
        const std::string kernel = asConv ? "mcu_conv_s8" : "mcu_depthwise_conv_s8";
        EXPECT_NE(source.find(kernel + "(&op" + std::to_string(first->opIndex) + "_params, "), std::string::npos) << kernel;
        EXPECT_EQ(source.find("reordered [1][H][W][C] -> [C][H][W][1]") != std::string::npos, asConv);
        analysis::KernelScratchQuery query;
        query.kind = ir::OpKind::DepthwiseConv2D;
        query.input = in;
        query.output = built.graph.tensors[static_cast<size_t>(first->output)].shape;
        query.filterH = filter[1];
        query.filterW = filter[2];
        query.strideH = op.attrs.strideH;
        query.strideW = op.attrs.strideW;
        EXPECT_EQ(analysis::engineKernelScratchBytes(query), 0);  // the depthwise kernel needs none
        query.depthwiseAsConv = true;
        EXPECT_GT(analysis::engineKernelScratchBytes(query), 0);  // the conv's im2col
        EXPECT_EQ(first->scratchBytes, asConv ? analysis::engineKernelScratchBytes(query) : 0);
    }
    EXPECT_FALSE(analysis::depthwiseRunsAsConv(1, 8, true));
    EXPECT_FALSE(analysis::depthwiseRunsAsConv(2, 8, false));
    EXPECT_FALSE(analysis::depthwiseRunsAsConv(1, 1, false));
}

// Same model, same bytes: a fresh read, plan and generation reproduce every file exactly.
TEST(Codegen, OutputIsDeterministic) {
    for (const std::string& name : {std::string("person_detect"), std::string("mcunet_vww")}) {
        const BuiltModel& built = builtModel(name);
        const ir::Graph graph = io::readTflite(kShared + "/models/" + name + ".tflite");
        const GeneratedModel again = generateModel(graph, analysis::planEngine(graph), {.prefix = "model", .sourceName = name + ".tflite"});
        ASSERT_EQ(again.files.size(), built.generated.files.size());
        for (size_t i = 0; i < again.files.size(); ++i) EXPECT_TRUE(again.files[i].content == built.generated.files[i].content) << name << " " << again.files[i].name;
    }
}

// The board build: arm-none-eabi-gcc -O2 -Wall -Wextra -Werror for Cortex-M4 and M7, and the
// arena in the object file is the planned size.
TEST(CodegenArm, EveryModelBuildsWarningFreeForCortexM4AndM7) {
    const auto nm = device::findProgram("arm-none-eabi-nm");
    ASSERT_TRUE(nm) << "arm-none-eabi-nm not found: install binutils-arm-none-eabi";
    for (const std::string cpu : {"cortex-m4", "cortex-m7"}) {
        const device::Toolchain arm = device::Toolchain::armNoneEabi(cpu);
        for (const std::string& name : kModels) {
            SCOPED_TRACE(name + " " + cpu);
            const BuiltModel& built = builtModel(name);
            const std::string object = workDir() + "/" + name + "/model-" + cpu + ".o";
            ASSERT_NO_THROW(device::compile(arm, {.sources = {built.program.directory + "/model.c"},
                                                  .includeDirs = {built.program.directory, engineDirectory() + "/include"},
                                                  .flags = {"-std=c99", "-O2", "-Wall", "-Wextra", "-Werror"},
                                                  .output = object,
                                                  .objectOnly = true,
                                                  .libraries = {}}));
            const device::CommandResult symbols = device::runCommand({*nm, "-S", object});
            ASSERT_EQ(symbols.exitCode, 0) << symbols.output;
            std::smatch match;
            ASSERT_TRUE(std::regex_search(symbols.output, match, std::regex(R"(\n?[0-9a-f]+ ([0-9a-f]+) b arena\n)")))
                << symbols.output;
            EXPECT_EQ(std::stoll(match[1].str(), nullptr, 16), built.plan.arenaBytes);
        }
    }
}

// Kernels the shared models do not reach (ADD with an activation, HARD_SWISH, AVERAGE_POOL,
// MEAN, dilation, depth multiplier 2, VALID padding, per-tensor FC) on a seeded-weights graph.
ir::Graph syntheticGraph() {
    ir::GraphBuilder b("synthetic", {.dtype = ir::DType::Int8, .withWeights = true, .seed = 7});
    const int in = b.addInput("input", {1, 20, 20, 3});
    const int c1 = b.conv2d("c1", in, 8, 3, 2, ir::Activation::Relu6);
    const int d1 = b.depthwiseConv2d("d1", c1, 3, 1, ir::Activation::Relu, 2);
    const int d2 = b.depthwiseConv2d("d2", d1, 3, 1, ir::Activation::None, 1, ir::Padding::Same, 2);
    const int p1 = b.pointwiseConv2d("p1", d2, 16, ir::Activation::None);
    const int sum = b.add("sum", p1, d1, ir::Activation::Relu6);
    const int hs = b.hardSwish("hs", sum);
    const int pool = b.averagePool2d("pool", hs, 2, 2);
    const int c2 = b.conv2d("c2", pool, 12, 3, 1, ir::Activation::None, ir::Padding::Valid);
    const int m = b.mean("mean", c2, false);
    const int fc = b.fullyConnected("fc", m, 5, ir::Activation::None);
    b.markOutput(b.softmax("softmax", fc, 0.5f));
    return b.finish();
}

TEST(CodegenHost, SyntheticGraphCoversMoreKernelsBitExact) {
    const ir::Graph graph = syntheticGraph();
    const analysis::MemoryPlan plan = analysis::planEngine(graph);
    const GeneratedModel generated = generateModel(graph, plan);
    const HostProgram program = buildHostProgram(generated, workDir() + "/synthetic",
                                                 {.flags = {"-O2", "-Wall", "-Wextra", "-Werror"}, .engineObjects = engineObjects()});
    runtime::Interpreter interpreter(graph);
    for (const auto& input : {runtime::makeRampInput(interpreter.inputTensor(0)), runtime::makeZerosInput(interpreter.inputTensor(0))}) {
        interpreter.setInput(0, input);
        interpreter.invoke();
        const auto outputs = runHostProgram(program, generated, {input});
        EXPECT_EQ(outputs[0], bytesOf(interpreter.output(0)));
    }
    for (const char* kernel : {"mcu_add_s8", "mcu_hard_swish_s8", "mcu_avg_pool_s8", "mcu_mean_s8", "mcu_softmax_s8",
                               "mcu_fully_connected_s8", "mcu_conv_1x1_s8", "mcu_conv_s8", "mcu_depthwise_conv_s8"})
        EXPECT_NE(generated.file("model.c")->content.find(std::string(kernel) + "("), std::string::npos) << kernel;
}

// ---- Errors -------------------------------------------------------------------------------

TEST(CodegenErrors, RejectsAPlanThatIsNotAnEnginePlan) {
    const ir::Graph graph = io::readTflite(kShared + "/models/hello_world_int8.tflite");
    try {
        generateModel(graph, analysis::planTflm(graph));
        FAIL() << "a TFLM plan must be refused";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
        EXPECT_STREQ(e.what(), "codegen: the memory plan is not an engine plan of this graph (use analysis::planEngine)");
    }
}

TEST(CodegenErrors, RejectsAPrefixThatIsNotACIdentifier) {
    const ir::Graph graph = io::readTflite(kShared + "/models/hello_world_int8.tflite");
    try {
        generateModel(graph, analysis::planEngine(graph), {.prefix = "3-model", .sourceName = {}});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
        EXPECT_STREQ(e.what(), "codegen: prefix '3-model' is not a C identifier");
    }
}

TEST(CodegenErrors, NonAdjacentMeanAxesAreNamed) {
    ir::GraphBuilder b("mean_axes", {.dtype = ir::DType::Int8, .withWeights = true, .seed = 1});
    const int in = b.addInput("input", {1, 4, 4, 3});
    b.markOutput(b.mean("mean", in, false));
    ir::Graph graph = b.finish();
    // Reduce H and C instead of H and W.
    ir::Tensor& axes = graph.tensors[static_cast<size_t>(graph.ops[0].inputs[1])];
    const int32_t values[2] = {1, 3};
    std::memcpy(axes.data.data(), values, sizeof values);
    graph.tensors[static_cast<size_t>(graph.ops[0].outputs[0])].shape = {1, 4};
    try {
        generateModel(graph, analysis::planEngine(graph));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::UnsupportedModel);
        EXPECT_STREQ(e.what(), "mean_axes: op 0 MEAN: reduces non-adjacent axes; the engine's MEAN needs one contiguous run");
    }
}

TEST(CodegenErrors, PlanAndGraphMismatchIsRefused) {
    const ir::Graph small = io::readTflite(kShared + "/models/hello_world_int8.tflite");
    const ir::Graph other = io::readTflite(kShared + "/models/micro_speech_quantized.tflite");
    EXPECT_THROW(generateModel(small, analysis::planEngine(other)), Error);
}

// A missing compiler is a clear message naming the package, not a crash.
TEST(Toolchain, MissingHostCompilerNamesThePackage) {
    const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    const char* ccEnv = std::getenv("CC");
    const std::string cc = ccEnv ? ccEnv : "";
    ::setenv("PATH", "/nonexistent", 1);
    ::unsetenv("CC");
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    try {
        device::Toolchain::host();
    } catch (const Error& e) {
        code = e.code();
        message = e.what();
    }
    try {
        device::Toolchain::armNoneEabi("cortex-m7");
    } catch (const Error& e) {
        message += "\n" + std::string(e.what());
    }
    ::setenv("PATH", path.c_str(), 1);
    if (!cc.empty()) ::setenv("CC", cc.c_str(), 1);
    EXPECT_EQ(code, ErrorCode::ToolMissing);
    EXPECT_NE(message.find("install gcc (apt-get install gcc)"), std::string::npos) << message;
    EXPECT_NE(message.find("install gcc-arm-none-eabi and libnewlib-arm-none-eabi"), std::string::npos) << message;
}

TEST(Toolchain, CompileErrorCarriesTheCompilerMessage) {
    const std::string source = workDir() + "/broken.c";
    std::ofstream(source) << "int main(void) { return undeclared_name; }\n";
    try {
        device::compile(device::Toolchain::host(), {.sources = {source}, .includeDirs = {}, .flags = {}, .output = workDir() + "/broken", .objectOnly = false, .libraries = {}});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Internal);
        EXPECT_NE(std::string(e.what()).find("undeclared_name"), std::string::npos) << e.what();
    }
}

TEST(CodegenHost, WrongInputSizeIsRefusedBeforeRunning) {
    const BuiltModel& built = builtModel("hello_world_int8");
    try {
        runHostProgram(built.program, built.generated, {std::vector<uint8_t>(3)});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
        EXPECT_STREQ(e.what(), "input 0 has 3 bytes, the generated model takes 1");
    }
}

}  // namespace
}  // namespace mcunet::codegen
