// A progress bar on stderr for long replicated runs, drawn only when stderr is a terminal so logs
// and pipes stay clean. Thread-safe; redraws at most once per percent.
#pragma once

#include <cstddef>
#include <mutex>

namespace caracal::analysis {

class ProgressBar {
public:
    // Draws nothing unless `enabled` and stderr is a terminal.
    ProgressBar(std::size_t total, bool enabled);
    ~ProgressBar();  // ends the line
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void advance();  // one unit done

private:
    void draw();

    std::size_t total_;
    bool enabled_;
    std::size_t done_ = 0;
    int drawn_percent_ = -1;
    std::mutex mutex_;
};

}  // namespace caracal::analysis
