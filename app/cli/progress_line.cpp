#include "progress_line.h"

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace mcunet::cli {
namespace {

Progress* active = nullptr;  // the work Ctrl+C cancels

extern "C" void cancelOnInterrupt(int) {
    if (active) active->cancel();  // a relaxed atomic store: safe in a signal handler
    std::signal(SIGINT, SIG_DFL);  // the next Ctrl+C ends the process
}

}  // namespace

ProgressLine::ProgressLine()
    : progress_([this](double fraction, std::string_view message) { draw(fraction, message); }),
      terminal_(isatty(STDERR_FILENO) == 1) {
    active = &progress_;
    std::signal(SIGINT, cancelOnInterrupt);
}

ProgressLine::~ProgressLine() {
    std::signal(SIGINT, SIG_DFL);
    active = nullptr;
    if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void ProgressLine::draw(double fraction, std::string_view message) {
    if (!terminal_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && fraction < 1.0 && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth + 0.5);
    std::fprintf(stderr, "\r\033[K[%.*s%*s] %3d%% %.*s", filled, "########################", kWidth - filled, "",
                 static_cast<int>(fraction * 100 + 0.5), static_cast<int>(std::min<size_t>(message.size(), 60)),
                 message.data());
    std::fflush(stderr);
    drawn_ = true;
}

}  // namespace mcunet::cli
