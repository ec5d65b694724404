// Progress of long work (search, planning, running, code generation, builds): the worker reports
// how far it is and what it does; anyone, from any thread, may ask it to stop.
//
// The worker calls `report` (or `check`) inside its loops. Both throw Error(Cancelled) once
// `cancel()` was called, so a cancelled job unwinds from wherever it is, through the same error
// path as bad input, and leaves nothing half-written behind (callers write results only at the
// end). The listener runs on the worker's thread: a GUI listener must post to its own thread
// (QMetaObject::invokeMethod / a queued signal).
//
// A job of several stages hands each stage a `Progress::Range` over its share of [0, 1], so a
// stage reports its own 0..1 and the overall fraction still rises monotonically.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace mcunet {

class Progress {
public:
    // fraction in [0, 1]; message says what is being done now ("planning op 12 of 40").
    using Listener = std::function<void(double fraction, std::string_view message)>;

    Progress() = default;
    explicit Progress(Listener listener) : listener_(std::move(listener)) {}
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Reports and checks for cancellation (throws Error(Cancelled)).
    void report(double fraction, std::string_view message = {}) {
        check();
        if (listener_) listener_(std::clamp(fraction, 0.0, 1.0), message);
    }
    // Only checks: for inner loops too hot to report from.
    void check() const {
        if (cancelled()) throw Error(ErrorCode::Cancelled, "cancelled");
    }
    // Whether anyone listens: lets a hot loop skip building messages nobody reads.
    bool listening() const noexcept { return static_cast<bool>(listener_); }
    void cancel() noexcept { cancelled_.store(true, std::memory_order_relaxed); }
    bool cancelled() const noexcept { return cancelled_.load(std::memory_order_relaxed); }

    // A progress nobody listens to and nobody cancels, for callers without one.
    static Progress& none() {
        thread_local Progress silent;
        return silent;
    }

    // One stage's share [begin, end] of a parent's progress; cancellation is the parent's.
    class Range {
    public:
        Range(Progress& parent, double begin, double end) : parent_(parent), begin_(begin), end_(end) {}
        void report(double fraction, std::string_view message = {}) {
            parent_.report(begin_ + (end_ - begin_) * std::clamp(fraction, 0.0, 1.0), message);
        }
        void check() const { parent_.check(); }

    private:
        Progress& parent_;
        double begin_, end_;
    };

private:
    Listener listener_;
    std::atomic<bool> cancelled_{false};
};

}  // namespace mcunet
