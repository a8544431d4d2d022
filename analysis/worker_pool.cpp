#include "analysis/worker_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace caracal::analysis {

void for_each_index(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& work) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr first_error;
    std::mutex error_mutex;
    const auto drain = [&] {
        while (!stop) {
            const std::size_t i = next.fetch_add(1);
            if (i >= n) return;
            try {
                work(i);
            } catch (...) {
                const std::lock_guard lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                stop = true;  // the run fails anyway: do not start more work
            }
        }
    };
    const std::size_t helpers = std::min<std::size_t>(std::max(1u, threads), n) - (n > 0 ? 1 : 0);
    std::vector<std::jthread> pool;
    for (std::size_t t = 0; t < helpers; ++t) pool.emplace_back(drain);
    drain();
    pool.clear();  // joins
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace caracal::analysis
