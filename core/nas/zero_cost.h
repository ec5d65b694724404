// A zero-cost accuracy proxy: NASWOT (Mellor et al., "Neural Architecture Search without
// Training", ICML 2021), computed with our float reference runtime.
//
// Why NASWOT: it needs only forward passes (our runtime has no backward pass, which gradient
// proxies such as SynFlow or GraSP need), it works with random weights, and it rewards what
// accuracy needs from an untrained net — inputs that the ReLU units tell apart. For a batch of
// N inputs, each input's binary code is which ReLU/ReLU6 outputs are positive, over every
// activated layer; K[i][j] counts the units where inputs i and j agree, and the score is
// log|det K|. Bigger is better.
//
// Here: the candidate lowered to float32 with seeded He-initialised weights (the same seed for
// every candidate), a batch of `batch` seeded uniform-noise images at the candidate's resolution
// (noise, not a dataset, so the score needs no files), every ReLU6-fused conv output coded.
#pragma once

#include <cstdint>

#include "nas/accuracy_signal.h"

namespace mcunet::nas {

struct ZeroCostOptions {
    int batch = 8;
    uint32_t seed = 1;
};

// NASWOT score of one architecture; throws mcunet::Error when the runtime cannot run it.
double naswotScore(const arch::ArchConfig& config, const ZeroCostOptions& options = {});

class ZeroCostSignal : public AccuracySignal {
public:
    explicit ZeroCostSignal(ZeroCostOptions options = {}) : options_(options) {}
    std::string name() const override { return "zero-cost"; }
    std::vector<SignalResult> score(const std::vector<const arch::ArchConfig*>& configs,
                                    const std::vector<const Metrics*>& metrics, Progress& progress) override;

private:
    ZeroCostOptions options_;
};

}  // namespace mcunet::nas
