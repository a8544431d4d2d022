#include "analysis/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace caracal::analysis {

namespace {
constexpr int kWidth = 40;
}

ProgressBar::ProgressBar(std::size_t total, bool enabled)
    : total_(total), enabled_(enabled && total > 0 && isatty(STDERR_FILENO) == 1) {
    if (enabled_) draw();
}

ProgressBar::~ProgressBar() {
    if (enabled_) std::fputc('\n', stderr);
}

void ProgressBar::advance() {
    if (!enabled_) return;
    const std::lock_guard lock(mutex_);
    ++done_;
    draw();
}

void ProgressBar::draw() {
    const int percent = static_cast<int>(done_ * 100 / total_);
    if (percent == drawn_percent_) return;
    drawn_percent_ = percent;
    const int filled = percent * kWidth / 100;
    const std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '.');
    std::fprintf(stderr, "\r[%s] %3d%% %zu/%zu runs", bar.c_str(), percent, done_, total_);
    std::fflush(stderr);
}

}  // namespace caracal::analysis
