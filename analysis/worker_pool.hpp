// Independent work items shared out over threads, each result written to its own slot so the
// outcome never depends on which thread ran what, or when.
#pragma once

#include <cstddef>
#include <functional>

namespace caracal::analysis {

// Calls work(i) for every i in [0, n) on up to `threads` threads (the caller's included). Items
// are handed out one at a time, so uneven items balance. The first exception thrown is rethrown
// once every thread has stopped.
void for_each_index(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& work);

}  // namespace caracal::analysis
