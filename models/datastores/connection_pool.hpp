// A database connection pool on the DES (the slots only): `size` connections; an acquire either
// takes a free one at once or waits in FIFO order until a release hands it one or
// `acquire_timeout` passes. Whether the query on the connection then succeeds or hangs is the
// caller's business; a hanging query simply never releases, which is how an unreachable database
// saturates a pool.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>

#include "sim/base/time.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

using sim::Duration;
using sim::Time;

struct ConnectionPoolConfig {
    std::size_t size = 10;
    Duration acquire_timeout = Duration::seconds(30);
};

class ConnectionPool {
public:
    using Callback = std::function<void()>;

    // Throws std::invalid_argument if size is 0 or the timeout is not positive. The pool cancels
    // its pending timeouts when destroyed, so it must go before the Simulation.
    ConnectionPool(sim::des::Simulation& sim, ConnectionPoolConfig config);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // Runs `on_acquired` inside this call when a connection is free; otherwise queues and runs
    // exactly one of the two callbacks later: `on_acquired` inside the release() that hands the
    // connection over, or `on_timeout` at request time + acquire_timeout. After on_acquired the
    // caller holds one connection and must release() it.
    void acquire(Callback on_acquired, Callback on_timeout);
    // Takes a free connection if there is one (the caller then holds it and must release() it);
    // false, and nothing queued, when every connection is in use.
    bool try_acquire();
    // Gives the connection to the oldest waiter, or back to the pool. Throws std::logic_error when
    // nothing is in use.
    void release();

    std::size_t in_use() const { return in_use_; }
    std::size_t waiters() const { return waiters_.size(); }
    std::size_t max() const { return config_.size; }
    std::uint64_t acquired() const { return acquired_; }
    std::uint64_t acquire_timeouts() const { return acquire_timeouts_; }

private:
    struct Waiter {
        std::uint64_t ticket = 0;
        Callback on_acquired;
        Callback on_timeout;
        sim::des::EventHandle timeout;
    };

    void time_out(std::uint64_t ticket);

    sim::des::Simulation& sim_;
    ConnectionPoolConfig config_;
    std::size_t in_use_ = 0;
    std::deque<Waiter> waiters_;
    std::uint64_t next_ticket_ = 0;
    std::uint64_t acquired_ = 0;
    std::uint64_t acquire_timeouts_ = 0;
};

}  // namespace caracal
