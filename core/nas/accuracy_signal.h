// What the search maximizes, behind one interface. Three signals:
//  - MacsSignal: the candidate's MACs, MCUNet's proxy (under a memory limit, more compute is
//    more accuracy);
//  - CommandSignal: an external command per candidate, e.g.
//      python train.py --config {config} --out {result}
//    {config} is a file with the candidate's MCUNet JSON, {result} the file the command writes
//    {"accuracy": 0.71} into. Up to `parallel` at once, each with a timeout; a failure (non-zero
//    exit, timeout, missing or bad result) is that candidate's error, the search goes on. This is
//    how MCUNet's PyTorch training or a cluster (srun ..., ray job submit ...) plugs in.
// A signal scores a batch (a generation's new candidates) so slow signals can run in parallel.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "arch/arch_config.h"
#include "nas/evaluator.h"
#include "util/progress.h"

namespace mcunet::nas {

struct SignalResult {
    double value = 0;
    std::string error;  // "" when value is valid
};

class AccuracySignal {
public:
    virtual ~AccuracySignal() = default;
    virtual std::string name() const = 0;  // "macs", "zero-cost", "cmd"
    // One result per candidate, in order. Checks `progress` for cancellation.
    virtual std::vector<SignalResult> score(const std::vector<const arch::ArchConfig*>& configs,
                                            const std::vector<const Metrics*>& metrics, Progress& progress) = 0;
};

class MacsSignal : public AccuracySignal {
public:
    std::string name() const override { return "macs"; }
    std::vector<SignalResult> score(const std::vector<const arch::ArchConfig*>& configs,
                                    const std::vector<const Metrics*>& metrics, Progress& progress) override;
};

struct CommandOptions {
    std::string commandTemplate;       // must contain {config} and {result}
    int parallel = 1;                  // commands running at once
    std::chrono::milliseconds timeout{std::chrono::minutes(60)};
    std::string workDirectory;         // where {config}/{result} files go ("" : a temp directory)
};

class CommandSignal : public AccuracySignal {
public:
    // Throws Error(InvalidArgument) for a template without {config} or {result}.
    explicit CommandSignal(CommandOptions options);
    std::string name() const override { return "cmd"; }
    std::vector<SignalResult> score(const std::vector<const arch::ArchConfig*>& configs,
                                    const std::vector<const Metrics*>& metrics, Progress& progress) override;

private:
    CommandOptions options_;
    int counter_ = 0;
};

// "macs", "zero-cost", or "cmd:<template>"; throws Error(InvalidArgument) naming the choices.
std::unique_ptr<AccuracySignal> makeSignal(const std::string& objective, const CommandOptions& commandOptions = {});

}  // namespace mcunet::nas
