// The command table: adding a command = one function in its own file + one entry here.
#include "command.h"

#include "device/board.h"
#include "util/error.h"

namespace mcunet::cli {

int runProfile(const Args& args);
int runZoo(const Args& args);
int runBoards(const Args& args);
int runCodegen(const Args& args);
int runRun(const Args& args);
int runPlan(const Args& args);
int runSearch(const Args& args);
int runSpaceOpt(const Args& args);

namespace {
const char* const kInputTypeHelp =
    "what the caller writes into the input: declared (default: the model's own type, a float input and "
    "its QUANTIZE are counted) or int8 (quantized by the caller: a float input's QUANTIZE is dropped); "
    "both runtimes are compared on the same assumption";
}  // namespace

analysis::InputAssumption inputAssumptionOf(const Args& args) {
    const std::string name = args.value("input-type", "declared");
    if (const auto assumption = analysis::parseInputAssumption(name)) return *assumption;
    throw Error(ErrorCode::InvalidArgument, "--input-type must be declared or int8, not '" + name + "'");
}

std::string boardNameOf(const Args& args) { return args.value("board", device::defaultBoardName()); }

int64_t reserveBytesOf(const Args& args) {
    if (!args.has("reserve-kb")) return -1;
    const std::string text = args.value("reserve-kb");
    size_t used = 0;
    long long kb = -1;
    try {
        kb = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || kb < 0 || kb > 1024 * 1024)
        throw Error(ErrorCode::InvalidArgument, "--reserve-kb needs a number of kB (0 or more), not '" + text + "'");
    return static_cast<int64_t>(kb) * 1024;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"profile", "profile FILE [--board NAME] [--input-type declared|int8] [--reserve-kb N] [--json]",
         "per-layer MACs, parameters and activation memory; peak SRAM and Flash for our engine and TF-Lite Micro, and whether they fit a board",
         {{"board", true, "board id or name from `mcunet boards` (default " + device::defaultBoardName() + ")"},
          {"input-type", true, kInputTypeHelp},
          {"reserve-kb", true, "SRAM kept for stack, heap and other buffers, in kB (default: the board's reserve)"},
          {"json", false, "print the same numbers as JSON (memory plans with their timelines included)"}},
         runProfile},
        {"plan", "plan FILE [--runtime engine|tflm] [--kernels reference|cmsis-nn] [--input-type declared|int8] [--columns N] [--json]",
         "the arena plan: every buffer's offset and lifetime, an arena map per step, the engine's schedule",
         {{"runtime", true, "engine (default: the plan the generated code uses) or tflm (TF-Lite Micro's arena)"},
          {"kernels", true, "tflm: reference (default) or cmsis-nn, the kernels a Cortex-M build links (scratch and OpData differ)"},
          {"input-type", true, kInputTypeHelp},
          {"columns", true, "width of the arena map, 8 to 1000 (default 64)"},
          {"json", false, "print the plan as JSON (buffers, timeline, schedule)"}},
         runPlan},
        {"zoo", "zoo [--json]", "list the built-in models (use as FILE: zoo:NAME)",
         {{"json", false, "print as JSON"}}, runZoo},
        {"boards", "boards [--json]", "list the target boards with their SRAM and Flash",
         {{"json", false, "print as JSON"}}, runBoards},
        {"codegen", "codegen FILE -o DIR [--prefix NAME] [--input-type declared|int8]",
         "generate C for the engine (model.h, model.c): static arena of the planned size, const weights",
         {{"output", true, "directory to write model.h and model.c into (created if missing)", 'o'},
          {"prefix", true, "C prefix of the generated API (default model: model_invoke(), ...)"},
          {"input-type", true, kInputTypeHelp}},
         runCodegen},
        {"run", "run FILE --input IN[,IN2...] [--with reference|generated] [--json]",
         "one inference on a raw-bytes or .npy input; prints the output tensor(s)",
         {{"input", true, "input file per model input: raw tensor bytes, or .npy (int8, uint8, float32)"},
          {"with", true, "reference (the reference interpreter, default) or generated (generated C built on the host)"},
          {"max-macs", true, "refuse models above this many MACs per inference (default 4G; K, M, G suffixes)"},
          {"json", false, "print the outputs as JSON"}},
         runRun},
        {"search", "search (--board B | --sram 256K --flash 1M) [--space mcunet|mbv2|FILE] [--objective macs|zero-cost|cmd:'...'] [--population P] [--generations G] [--seed S] [--threads T] [--json] [-o DIR]",
         "TinyNAS evolution search for the networks that fit a budget (our engine's peak SRAM and Flash); writes the Pareto set and the best config",
         {{"board", true, "board id or name from `mcunet boards`: its SRAM, Flash and core"},
          {"sram", true, "SRAM limit, e.g. 256K (k = 1024 B)"},
          {"flash", true, "Flash limit, e.g. 1M"},
          {"latency-ms", true, "latency limit (not available yet: the latency estimate is not built)"},
          {"core", true, "core for the kernel code in the Flash estimate (default the board's, else cortex-m4)"},
          {"space", true, "mcunet (default, OFA-ProxylessNAS widths), mbv2 (MobileNetV2 widths) or a search-space JSON file"},
          {"objective", true, "macs (default), zero-cost (NASWOT score, float runtime), or cmd:'CMD {config} {result}'"},
          {"population", true, "population size (default 100)"},
          {"generations", true, "generations after the initial population (default 30)"},
          {"seed", true, "random seed (default 0): the same seed gives the same Pareto set"},
          {"threads", true, "evaluation threads (default 1)"},
          {"cell", true, "search one cell only: WIDTH,RESOLUTION (e.g. from space-opt)"},
          {"parallel", true, "cmd objective: commands at once (default = threads)"},
          {"timeout", true, "cmd objective: seconds per command before it is stopped (default 3600)"},
          {"json", false, "print the summary as JSON"},
          {"output", true, "directory for pareto.json, pareto.csv, best.json, search.json (default search-out)", 'o'}},
         runSearch},
        {"space-opt", "space-opt (--board B | --sram 256K --flash 1M) [--space mcunet|mbv2|FILE] [--samples N] [--rule mean-macs|median-macs|max-macs|fit-fraction] [--seed S] [--threads T] [--json] [-o FILE]",
         "TinyNAS stage 1: per (width, resolution) cell, the fraction of sampled networks that fit and their MACs; picks the best cell",
         {{"board", true, "board id or name: its SRAM, Flash and core"},
          {"sram", true, "SRAM limit, e.g. 256K"},
          {"flash", true, "Flash limit, e.g. 1M"},
          {"latency-ms", true, "latency limit (not available yet)"},
          {"core", true, "core for the Flash estimate's kernel code"},
          {"space", true, "mcunet (default), mbv2 or a search-space JSON file"},
          {"samples", true, "networks sampled per cell (default 1000)"},
          {"rule", true, "how the best cell is chosen (default mean-macs, the paper's)"},
          {"seed", true, "random seed (default 0)"},
          {"threads", true, "evaluation threads (default 1)"},
          {"json", false, "print the cells as JSON"},
          {"output", true, "also write the JSON to FILE", 'o'}},
         runSpaceOpt},
    };
    return table;
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

Args parseArgs(const Command& command, int argc, char** argv, int first) {
    Args args;
    for (int i = first; i < argc; ++i) {
        std::string word = argv[i];
        if (word.size() == 2 && word[0] == '-' && word[1] != '-') {  // short option: -o VALUE
            const OptionSpec* spec = nullptr;
            for (const OptionSpec& option : command.options)
                if (option.shortName == word[1]) spec = &option;
            if (spec) {
                if (spec->takesValue && i + 1 >= argc)
                    throw Error(ErrorCode::InvalidArgument, "option " + word + " needs a value");
                args.options[spec->name] = spec->takesValue ? argv[++i] : "";
                continue;
            }
        }
        if (word.rfind("--", 0) != 0 || word.size() == 2) {
            args.positional.push_back(word);
            continue;
        }
        std::string name = word.substr(2), value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const OptionSpec* spec = nullptr;
        for (const OptionSpec& option : command.options)
            if (option.name == name) spec = &option;
        if (!spec)
            throw Error(ErrorCode::InvalidArgument,
                        "unknown option --" + name + " for '" + command.name + "'; see mcunet help " + command.name);
        if (spec->takesValue && value.empty()) {
            if (i + 1 >= argc)
                throw Error(ErrorCode::InvalidArgument, "option --" + name + " needs a value");
            value = argv[++i];
        }
        args.options[name] = value;
    }
    return args;
}

}  // namespace mcunet::cli
