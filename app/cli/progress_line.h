// The CLI's face of core's Progress: a one-line bar on stderr, drawn only when stderr is a
// terminal (pipes, scripts and tests see clean output), at most 10 times a second; and Ctrl+C
// cancels the work, which then ends with "mcunet: cancelled" (exit 130) rather than dying
// mid-write. A second Ctrl+C kills the process as usual.
#pragma once

#include <chrono>
#include <string>

#include "util/progress.h"

namespace mcunet::cli {

class ProgressLine {
public:
    ProgressLine();
    ~ProgressLine();  // clears the line and restores the Ctrl+C handler
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    Progress& progress() { return progress_; }
    // A stage message (also when not a terminal nothing is printed).
    void stage(const std::string& message) { progress_.report(0.0, message); }

private:
    void draw(double fraction, std::string_view message);

    Progress progress_;
    bool terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point lastDraw_{};
};

}  // namespace mcunet::cli
