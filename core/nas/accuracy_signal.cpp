#include "nas/accuracy_signal.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "io/mcunet_config.h"
#include "nas/zero_cost.h"
#include "util/error.h"
#include "util/file.h"
#include "util/json_file.h"

namespace mcunet::nas {

namespace fs = std::filesystem;

std::vector<SignalResult> MacsSignal::score(const std::vector<const arch::ArchConfig*>& configs,
                                            const std::vector<const Metrics*>& metrics, Progress& progress) {
    progress.check();
    std::vector<SignalResult> results(configs.size());
    for (size_t i = 0; i < configs.size(); ++i) {
        if (!metrics[i]->ok()) results[i].error = metrics[i]->error;
        else results[i].value = static_cast<double>(metrics[i]->macs);
    }
    return results;
}

namespace {

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Single quotes for /bin/sh: the paths may hold spaces.
std::string shellQuote(const std::string& text) { return "'" + replaceAll(text, "'", "'\\''") + "'"; }

SignalResult readResult(const std::string& path, const std::string& command) {
    SignalResult result;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        result.error = "the command exited without writing " + path + " (" + command + ")";
        return result;
    }
    nlohmann::json json;
    std::string text;
    try {
        text = util::readTextFile(path, util::kConfigFileLimitBytes, "the command's result {\"accuracy\": <number>}");
        json = util::parseJsonText(text, path);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::WrongFormat && e.code() != ErrorCode::EmptyFile) {
            result.error = e.what();
            return result;
        }
        json = nullptr;  // not JSON: reported below with what the command wrote
    }
    if (!json.is_object() || !json.contains("accuracy") || !json["accuracy"].is_number()) {
        std::string shown = text.substr(0, 80);
        result.error = "the command's result " + path + " is not {\"accuracy\": <number>}: " +
                       (shown.empty() ? std::string("(empty)") : shown);
        return result;
    }
    result.value = json["accuracy"].get<double>();
    return result;
}

struct Running {
    pid_t pid = -1;
    size_t index = 0;
    std::chrono::steady_clock::time_point started;
    std::string resultPath, command;
};

pid_t launch(const std::string& command) {
    const pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);  // its own process group: a timeout kills the whole pipeline
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    if (pid > 0) setpgid(pid, pid);
    return pid;
}

void killGroup(pid_t pid) {
    kill(-pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

}  // namespace

CommandSignal::CommandSignal(CommandOptions options) : options_(std::move(options)) {
    if (options_.commandTemplate.find("{config}") == std::string::npos ||
        options_.commandTemplate.find("{result}") == std::string::npos)
        throw Error(ErrorCode::InvalidArgument,
                    "objective command \"" + options_.commandTemplate +
                        "\" must contain {config} (the candidate's MCUNet JSON) and {result} (where it writes "
                        "{\"accuracy\": ...}), e.g. cmd:'python train.py --config {config} --out {result}'");
    if (options_.parallel < 1) options_.parallel = 1;
    if (options_.workDirectory.empty())
        options_.workDirectory = (fs::temp_directory_path() / ("mcunet-search-" + std::to_string(getpid()))).string();
}

std::vector<SignalResult> CommandSignal::score(const std::vector<const arch::ArchConfig*>& configs,
                                               const std::vector<const Metrics*>&, Progress& progress) {
    std::vector<SignalResult> results(configs.size());
    std::error_code ec;
    fs::create_directories(options_.workDirectory, ec);
    if (ec) {
        for (SignalResult& r : results) r.error = "cannot create " + options_.workDirectory + ": " + ec.message();
        return results;
    }
    std::vector<Running> running;
    size_t next = 0;
    auto finish = [&](Running& job, int status) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            results[job.index] = readResult(job.resultPath, job.command);
        } else if (WIFEXITED(status)) {
            results[job.index].error = "the command exited with status " + std::to_string(WEXITSTATUS(status)) + " (" + job.command + ")";
        } else {
            results[job.index].error = "the command was killed by signal " + std::to_string(WTERMSIG(status)) + " (" + job.command + ")";
        }
    };
    try {
        while (next < configs.size() || !running.empty()) {
            progress.check();
            while (next < configs.size() && static_cast<int>(running.size()) < options_.parallel) {
                const std::string stem = options_.workDirectory + "/candidate-" + std::to_string(++counter_);
                Running job;
                job.index = next++;
                job.resultPath = stem + ".result.json";
                fs::remove(job.resultPath, ec);
                io::writeMcunetConfig(*configs[job.index], stem + ".json");
                job.command = replaceAll(replaceAll(options_.commandTemplate, "{config}", shellQuote(stem + ".json")),
                                         "{result}", shellQuote(job.resultPath));
                job.started = std::chrono::steady_clock::now();
                job.pid = launch(job.command);
                if (job.pid < 0) {
                    results[job.index].error = "cannot start the command: fork failed";
                    continue;
                }
                running.push_back(job);
            }
            for (size_t i = 0; i < running.size();) {
                int status = 0;
                const pid_t done = waitpid(running[i].pid, &status, WNOHANG);
                if (done == running[i].pid) {
                    finish(running[i], status);
                    running.erase(running.begin() + static_cast<long>(i));
                } else if (std::chrono::steady_clock::now() - running[i].started > options_.timeout) {
                    killGroup(running[i].pid);
                    results[running[i].index].error =
                        "the command did not finish within " + std::to_string(options_.timeout.count()) + " ms and was stopped (" +
                        running[i].command + ")";
                    running.erase(running.begin() + static_cast<long>(i));
                } else {
                    ++i;
                }
            }
            if (!running.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    } catch (...) {
        for (Running& job : running) killGroup(job.pid);  // cancelled: leave nothing running
        throw;
    }
    return results;
}

std::unique_ptr<AccuracySignal> makeSignal(const std::string& objective, const CommandOptions& commandOptions) {
    if (objective == "macs") return std::make_unique<MacsSignal>();
    if (objective == "zero-cost") return std::make_unique<ZeroCostSignal>();
    if (objective.rfind("cmd:", 0) == 0) {
        CommandOptions options = commandOptions;
        options.commandTemplate = objective.substr(4);
        return std::make_unique<CommandSignal>(options);
    }
    throw Error(ErrorCode::InvalidArgument, "unknown objective \"" + objective +
                                                "\"; use macs, zero-cost or cmd:'<command with {config} and {result}>'");
}

}  // namespace mcunet::nas
