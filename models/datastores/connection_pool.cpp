#include "models/datastores/connection_pool.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace caracal {

ConnectionPool::ConnectionPool(sim::des::Simulation& sim, ConnectionPoolConfig config) : sim_(sim), config_(config) {
    if (config_.size == 0) throw std::invalid_argument("connection pool: size must be at least 1");
    if (config_.acquire_timeout <= Duration{}) throw std::invalid_argument("connection pool: acquire_timeout must be positive");
}

ConnectionPool::~ConnectionPool() {
    // The timeout events point at this pool.
    for (Waiter& w : waiters_) w.timeout.cancel();
}

bool ConnectionPool::try_acquire() {
    if (in_use_ == config_.size) return false;  // waiters exist only while every connection is in use
    ++in_use_;
    ++acquired_;
    return true;
}

void ConnectionPool::acquire(Callback on_acquired, Callback on_timeout) {
    if (try_acquire()) {
        on_acquired();
        return;
    }
    const std::uint64_t ticket = next_ticket_++;
    waiters_.push_back(Waiter{ticket, std::move(on_acquired), std::move(on_timeout), {}});
    waiters_.back().timeout = sim_.schedule_after(config_.acquire_timeout, [this, ticket] { time_out(ticket); });
}

void ConnectionPool::release() {
    if (in_use_ == 0) throw std::logic_error("connection pool: release without a connection in use");
    if (waiters_.empty()) {
        --in_use_;
        return;
    }
    // The connection passes straight to the oldest waiter: in_use_ does not change.
    Waiter w = std::move(waiters_.front());
    waiters_.pop_front();
    w.timeout.cancel();
    ++acquired_;
    w.on_acquired();
}

void ConnectionPool::time_out(std::uint64_t ticket) {
    // All waiters share one timeout, so this is normally the front one.
    const auto it = std::find_if(waiters_.begin(), waiters_.end(), [ticket](const Waiter& w) { return w.ticket == ticket; });
    if (it == waiters_.end()) return;
    Callback on_timeout = std::move(it->on_timeout);
    waiters_.erase(it);
    ++acquire_timeouts_;
    on_timeout();
}

}  // namespace caracal
