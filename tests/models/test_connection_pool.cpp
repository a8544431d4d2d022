#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "models/datastores/connection_pool.hpp"

using namespace caracal;
using sim::des::Simulation;

namespace {

Time at_ms(std::int64_t ms) { return Time::epoch() + Duration::millis(ms); }

// Records what happened to each request, and when.
struct Log {
    std::vector<std::string> events;
    ConnectionPool::Callback acquired(Simulation& sim, std::string who) {
        return [this, &sim, who] { events.push_back(who + " acquired@" + std::to_string(sim.now().unix_ms())); };
    }
    ConnectionPool::Callback timed_out(Simulation& sim, std::string who) {
        return [this, &sim, who] { events.push_back(who + " timeout@" + std::to_string(sim.now().unix_ms())); };
    }
};

}  // namespace

TEST_CASE("free connections are handed out at once up to the pool size") {
    Simulation sim(1);
    ConnectionPool pool(sim, {2, Duration::seconds(30)});
    Log log;
    pool.acquire(log.acquired(sim, "a"), log.timed_out(sim, "a"));
    pool.acquire(log.acquired(sim, "b"), log.timed_out(sim, "b"));
    CHECK(log.events == std::vector<std::string>{"a acquired@0", "b acquired@0"});
    CHECK(pool.in_use() == 2);
    CHECK(pool.max() == 2);
    CHECK(pool.waiters() == 0);
    pool.release();
    CHECK(pool.in_use() == 1);
    CHECK(pool.acquired() == 2);
}

TEST_CASE("a saturated pool queues waiters that time out exactly acquire_timeout after asking") {
    Simulation sim(1);
    ConnectionPool pool(sim, {1, Duration::seconds(30)});
    Log log;
    pool.acquire(log.acquired(sim, "holder"), log.timed_out(sim, "holder"));  // hangs forever
    sim.schedule_at(at_ms(1000), [&] { pool.acquire(log.acquired(sim, "w"), log.timed_out(sim, "w")); });

    sim.run_until(at_ms(30'999));
    CHECK(pool.waiters() == 1);
    CHECK(pool.acquire_timeouts() == 0);
    sim.run_until(at_ms(31'000));
    CHECK(pool.waiters() == 0);
    CHECK(pool.acquire_timeouts() == 1);
    CHECK(pool.in_use() == 1);
    CHECK(log.events == std::vector<std::string>{"holder acquired@0", "w timeout@31000"});
}

TEST_CASE("a release hands the connection to the oldest waiter and cancels only its timeout") {
    Simulation sim(1);
    ConnectionPool pool(sim, {1, Duration::seconds(10)});
    Log log;
    pool.acquire(log.acquired(sim, "holder"), log.timed_out(sim, "holder"));
    sim.schedule_at(at_ms(1000), [&] { pool.acquire(log.acquired(sim, "first"), log.timed_out(sim, "first")); });
    sim.schedule_at(at_ms(2000), [&] { pool.acquire(log.acquired(sim, "second"), log.timed_out(sim, "second")); });
    sim.schedule_at(at_ms(5000), [&] { pool.release(); });
    sim.run_until(at_ms(60'000));

    CHECK(log.events ==
          std::vector<std::string>{"holder acquired@0", "first acquired@5000", "second timeout@12000"});
    CHECK(pool.in_use() == 1);  // "first" still holds it
    CHECK(pool.acquired() == 2);
    CHECK(pool.acquire_timeouts() == 1);
}

TEST_CASE("releasing an idle pool and invalid pool settings are rejected") {
    Simulation sim(1);
    ConnectionPool pool(sim, {1, Duration::seconds(1)});
    CHECK_THROWS_AS(pool.release(), std::logic_error);
    CHECK_THROWS_AS(ConnectionPool(sim, {0, Duration::seconds(1)}), std::invalid_argument);
    CHECK_THROWS_AS(ConnectionPool(sim, {1, Duration{}}), std::invalid_argument);
}
