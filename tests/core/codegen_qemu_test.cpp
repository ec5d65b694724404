// Generated C on an emulated Cortex-M7 (QEMU mps2-an500): the board build of every shared int8
// model (arm-none-eabi-gcc -O2, the engine's ACLE SIMD paths on) runs one inference on the ramp
// input and must print exactly the reference interpreter's output bytes. The firmware main and
// startup below are test scaffolding (the deploy issue will generate real firmware); the linker
// script is engine/bench/mps2_an500.ld.
//
// QEMU runs with -icount shift=0 (one virtual nanosecond per guest instruction) and SysTick at
// the board's 25 MHz, so the count of instructions per inference is printed too (40-instruction
// resolution): a deterministic count, reported, not asserted.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "analysis/engine_planner.h"
#include "codegen/codegen.h"
#include "codegen/host_build.h"
#include "device/toolchain.h"
#include "io/tflite_reader.h"
#include "runtime/interpreter.h"

namespace mcunet::codegen {
namespace {

namespace fs = std::filesystem;
const std::string kShared = MCUNET_SHARED_DIR;

std::string firmwareMain(const std::vector<uint8_t>& input) {
    std::string data;
    for (size_t i = 0; i < input.size(); ++i)
        data += (i % 24 == 0 ? "\n  " : " ") + std::to_string(static_cast<int>(static_cast<int8_t>(input[i]))) + ",";
    return R"(#include <stdint.h>
#include <string.h>
#include "model.h"
#include "mps2_an500.h"

/* Per-step instruction counts through the generated code's MODEL_STEP_BEGIN/END hooks. */
static uint32_t step_start, step_count[512];
void mcu_step_begin(int step) {
  (void)step;
  step_start = SYST_CVR;
}
void mcu_step_end(int step) {
  if (step >= 0 && step < 512) step_count[step] = ((step_start - SYST_CVR) & 0xFFFFFFu) * 40u;
}

static const int8_t input_data[)" + std::to_string(input.size()) + "] = {" + data + R"(
};

int main(void) {
  static const char hex[] = "0123456789abcdef";
  char line[80];
  uint32_t ticks, i, n = 0;
  const uint8_t* out;
  memcpy(model_input(0), input_data, sizeof input_data);
  SYST_RVR = 0xFFFFFFu;
  SYST_CVR = 0;
  SYST_CSR = 5u;
  model_invoke();
  ticks = (0u - SYST_CVR) & 0xFFFFFFu;
  ticks *= 40u;
  for (i = 0; i < 10; ++i) line[9 - i] = (char)('0' + (ticks % 10u)), ticks /= 10u;
  line[10] = 0;
  put("instructions=");
  put(line);
  put("\noutput=");
  out = (const uint8_t*)model_output(0);
  for (i = 0; i < (uint32_t)model_output_bytes(0); ++i) {
    line[n++] = hex[out[i] >> 4];
    line[n++] = hex[out[i] & 15];
    if (n == 64) { line[n] = 0; put(line); n = 0; }
  }
  line[n] = 0;
  put(line);
  put("\nend\n");
  for (i = 0; i < 512 && step_count[i]; ++i) {
    put_u("step ", i);
    put_u(" ", step_count[i]);
    put("\n");
  }
  return 0;
}

/* A fault is reported and ends the run (SYS_EXIT, ADP_Stopped_InternalError). */
static void fault_handler(void) {
  put("fault\n");
  semihost(0x18, (const void*)0x20023u);
  for (;;) {
  }
}
)";
}

std::string hexOf(const std::vector<uint8_t>& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (uint8_t b : bytes) text += {digits[b >> 4], digits[b & 15]};
    return text;
}

void expectBitExactOnCortexM7(const std::string& name) {
    const auto qemu = device::findProgram("qemu-system-arm");
    ASSERT_TRUE(qemu) << "qemu-system-arm not found: install qemu-system-arm";
    const ir::Graph graph = io::readTflite(kShared + "/models/" + name + ".tflite");
    const analysis::MemoryPlan plan = analysis::planEngine(graph);
    const GeneratedModel generated = generateModel(graph, plan, {.prefix = "model", .sourceName = name + ".tflite"});

    runtime::Interpreter interpreter(graph);
    interpreter.setInput(0, runtime::makeRampInput(interpreter.inputTensor(0)));
    interpreter.invoke();
    const auto input = interpreter.tensorBytes(generated.inputTensors[0]);
    const auto reference = interpreter.output(0);

    const fs::path dir = fs::temp_directory_path() / ("mcunet-qemu-test-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    writeGeneratedModel(generated, dir.string());
    std::ofstream(dir / "main.c") << firmwareMain({input.begin(), input.end()});
    std::ofstream(dir / "step_hooks.h") << "void mcu_step_begin(int step);\nvoid mcu_step_end(int step);\n";
    std::vector<std::string> sources = {(dir / "main.c").string(), (dir / "model.c").string()};
    for (const std::string& source : engineSources()) sources.push_back(source);
    const std::string elf = (dir / "model.elf").string();
    device::compile(device::Toolchain::armNoneEabi("cortex-m7"),
                    {.sources = sources,
                     .includeDirs = {dir.string(), engineDirectory() + "/include", engineDirectory() + "/bench"},
                     .flags = {"-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-include", (dir / "step_hooks.h").string(),
                               "-DMODEL_STEP_BEGIN(step)=mcu_step_begin(step)", "-DMODEL_STEP_END(step)=mcu_step_end(step)",
                               "-ffunction-sections", "-fdata-sections",
                               "-nostartfiles", "-Wl,--gc-sections", "-T", engineDirectory() + "/bench/mps2_an500.ld"},
                     .output = elf,
                     .objectOnly = false,
                     .libraries = {"c", "m", "nosys"}});
    const device::CommandResult run =
        device::runCommand({*qemu, "-machine", "mps2-an500", "-cpu", "cortex-m7", "-nographic", "-icount", "shift=0",
                            "-semihosting-config", "enable=on,target=native", "-kernel", elf});
    fs::remove_all(dir);
    ASSERT_EQ(run.exitCode, 0) << run.output;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(run.output, match, std::regex(R"(instructions=(\d+)\noutput=([0-9a-f]*)\nend)"))) << run.output;
    EXPECT_EQ(match[2].str(), hexOf({reference.begin(), reference.end()}));
    const long long instructions = std::stoll(match[1].str());
    ::testing::Test::RecordProperty("cortex_m7_instructions", std::to_string(instructions));
    std::printf("[ info     ] %s: %lld instructions per inference on Cortex-M7 (QEMU, -O2, SIMD)\n", name.c_str(), instructions);
    // Where they go, per op kind (from the per-step hooks; each hook costs a few instructions).
    std::map<std::string, long long> byKind;
    long long stepsTotal = 0;
    size_t steps = 0;
    const std::regex stepLine(R"(step (\d+) (\d+)\n)");
    for (std::sregex_iterator it(run.output.begin(), run.output.end(), stepLine), end; it != end; ++it, ++steps) {
        const size_t step = std::stoul((*it)[1].str());
        ASSERT_LT(step, plan.schedule.steps.size());
        const long long count = std::stoll((*it)[2].str());
        byKind[std::string(ir::opKindName(plan.schedule.steps[step].kind))] += count;
        stepsTotal += count;
    }
    EXPECT_EQ(steps, plan.schedule.steps.size());
    EXPECT_LE(stepsTotal, instructions);
    for (const auto& [kind, count] : byKind)
        std::printf("[ info     ]   %-22s %12lld (%.1f%%)\n", kind.c_str(), count, 100.0 * static_cast<double>(count) / static_cast<double>(instructions));
}

TEST(CodegenQemu, McunetVwwBitExactOnCortexM7) { expectBitExactOnCortexM7("mcunet_vww"); }
TEST(CodegenQemu, PersonDetectBitExactOnCortexM7) { expectBitExactOnCortexM7("person_detect"); }
TEST(CodegenQemu, KwsRefModelBitExactOnCortexM7) { expectBitExactOnCortexM7("kws_ref_model"); }
TEST(CodegenQemu, Resnet8Cifar10BitExactOnCortexM7) { expectBitExactOnCortexM7("resnet8_cifar10_int8"); }
TEST(CodegenQemu, MicroSpeechBitExactOnCortexM7) { expectBitExactOnCortexM7("micro_speech_quantized"); }
TEST(CodegenQemu, HelloWorldInt8BitExactOnCortexM7) { expectBitExactOnCortexM7("hello_world_int8"); }

}  // namespace
}  // namespace mcunet::codegen
