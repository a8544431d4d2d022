#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>
#include <string>
#include <stdexcept>
#include <vector>

#include "sim/des/distributions.hpp"
#include "sim/des/simulation.hpp"

using namespace sim;
using namespace sim::des;

namespace {
Time at_ms(std::int64_t ms) { return Time::epoch() + Duration::millis(ms); }
}  // namespace

TEST_CASE("events run in time order, then by priority, then in scheduling order") {
    Simulation sim(1);
    std::vector<int> order;
    sim.schedule_at(at_ms(20), [&] { order.push_back(5); });
    sim.schedule_at(at_ms(10), Priority{1}, [&] { order.push_back(3); });
    sim.schedule_at(at_ms(10), [&] { order.push_back(1); });
    sim.schedule_at(at_ms(10), Priority{-1}, [&] { order.push_back(0); });
    sim.schedule_at(at_ms(10), [&] { order.push_back(2); });
    sim.schedule_at(at_ms(10), Priority{1}, [&] { order.push_back(4); });
    sim.run();
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
    CHECK(sim.now() == at_ms(20));
    CHECK(sim.events_run() == 6);
}

TEST_CASE("a random schedule runs exactly in (time, priority, insertion) order") {
    // Exercises the heap's push, pop and replace-top paths against a stable sort.
    struct Planned {
        std::int64_t t;
        std::int16_t prio;
        int id;
    };
    Simulation sim(7);
    auto rng = sim.stream("plan");
    std::vector<Planned> plan;
    std::vector<int> ran;
    for (int id = 0; id < 5000; ++id) {
        const Planned p{uniform_int(rng, 0, 300), static_cast<std::int16_t>(uniform_int(rng, -2, 2)), id};
        plan.push_back(p);
        sim.schedule_at(at_ms(p.t), Priority{p.prio}, [&ran, id] { ran.push_back(id); });
    }
    sim.run();
    std::stable_sort(plan.begin(), plan.end(),
                     [](const Planned& a, const Planned& b) { return a.t != b.t ? a.t < b.t : a.prio < b.prio; });
    std::vector<int> expected;
    for (const auto& p : plan) expected.push_back(p.id);
    CHECK(ran == expected);
}

TEST_CASE("events scheduled by a running event join the order by their own key") {
    Simulation sim(1);
    std::vector<std::string> order;
    sim.schedule_at(at_ms(5), [&] {
        order.push_back("a");
        sim.schedule_after(Duration(), Priority{-5}, [&] { order.push_back("a-now-urgent"); });
        sim.schedule_after(Duration::millis(1), [&] { order.push_back("a+1"); });
    });
    sim.schedule_at(at_ms(5), [&] { order.push_back("b"); });
    sim.schedule_at(at_ms(6), Priority{-1}, [&] { order.push_back("c"); });
    sim.run();
    // Same instant as "b" but a lower priority value: it runs as soon as "a" finishes.
    CHECK(order == std::vector<std::string>{"a", "a-now-urgent", "b", "c", "a+1"});
}

TEST_CASE("a cancelled event does not run and no longer counts as pending") {
    Simulation sim(1);
    int runs = 0;
    auto keep = sim.schedule_at(at_ms(10), [&] { ++runs; });
    auto drop = sim.schedule_at(at_ms(10), [&] { runs += 100; });
    CHECK(drop.pending());
    drop.cancel();
    CHECK_FALSE(drop.pending());
    drop.cancel();  // twice is harmless
    sim.run();
    CHECK(runs == 1);
    CHECK_FALSE(keep.pending());
    CHECK(sim.events_run() == 1);
}

TEST_CASE("cancelling a finished event does not touch the event that reused its slot") {
    Simulation sim(1);
    int second = 0;
    auto first = sim.schedule_at(at_ms(1), [] {});
    sim.run();
    sim.schedule_at(at_ms(2), [&] { ++second; });
    first.cancel();
    sim.run();
    CHECK(second == 1);
}

TEST_CASE("an event can cancel a later event at the same instant") {
    Simulation sim(1);
    int runs = 0;
    EventHandle victim;
    sim.schedule_at(at_ms(3), [&] { victim.cancel(); });
    victim = sim.schedule_at(at_ms(3), [&] { ++runs; });
    sim.run();
    CHECK(runs == 0);
}

TEST_CASE("run_until runs events up to and including the end, then leaves the clock there") {
    Simulation sim(1, at_ms(1000));
    std::vector<std::int64_t> seen;
    for (std::int64_t t : {1000, 1500, 2000, 2001}) sim.schedule_at(at_ms(t), [&, t] { seen.push_back(t); });
    sim.run_until(at_ms(2000));
    CHECK(seen == std::vector<std::int64_t>{1000, 1500, 2000});
    CHECK(sim.now() == at_ms(2000));
    sim.run_until(at_ms(5000));
    CHECK(seen.back() == 2001);
    CHECK(sim.now() == at_ms(5000));
}

TEST_CASE("scheduling before the current time is rejected") {
    Simulation sim(1, at_ms(100));
    CHECK_THROWS_AS(sim.schedule_at(at_ms(99), [] {}), std::invalid_argument);
    CHECK_THROWS_AS(sim.every(Duration::seconds(1), at_ms(50), [] {}), std::invalid_argument);
    CHECK_THROWS_AS(sim.every(Duration(), at_ms(100), [] {}), std::invalid_argument);
}

TEST_CASE("a periodic task ticks at first + k*period") {
    Simulation sim(1);
    std::vector<Time> ticks;
    sim.every(Duration::seconds(15), at_ms(7000), [&] { ticks.push_back(sim.now()); });
    sim.run_until(at_ms(60'000));
    CHECK(ticks == std::vector<Time>{at_ms(7000), at_ms(22'000), at_ms(37'000), at_ms(52'000)});
}

TEST_CASE("a cancelled periodic task stops ticking, whether cancelled from outside or from its own tick") {
    Simulation sim(1);
    int outside = 0, inside = 0;
    auto a = sim.every(Duration::seconds(1), at_ms(1000), [&] { ++outside; });
    TaskHandle b;
    b = sim.every(Duration::seconds(1), at_ms(1000), [&] {
        if (++inside == 3) b.cancel();
    });
    sim.schedule_at(at_ms(2500), [&] { a.cancel(); });
    CHECK(a.active());
    sim.run_until(at_ms(10'000));
    CHECK(outside == 2);
    CHECK(inside == 3);
    CHECK_FALSE(a.active());
    CHECK_FALSE(b.active());
    sim.run();  // nothing is left to run
    CHECK(sim.now() == at_ms(10'000));
}

TEST_CASE("a periodic task may start other periodic tasks from its tick") {
    Simulation sim(1);
    int spawned = 0, parent = 0;
    TaskHandle parent_handle;
    parent_handle = sim.every(Duration::seconds(1), at_ms(0), [&] {
        ++parent;
        sim.every(Duration::seconds(10), sim.now() + Duration::seconds(10), [&] { ++spawned; });
        if (parent == 2) parent_handle.cancel();
    });
    sim.run_until(at_ms(12'000));
    CHECK(parent == 2);
    CHECK(spawned == 2);  // children started at 0 s and 1 s have each ticked once by 12 s
    sim.run_until(at_ms(22'000));
    CHECK(spawned == 4);
}

TEST_CASE("cancelling a released task handle leaves the task that reused its place alone") {
    Simulation sim(1);
    int ticks = 0;
    auto old_task = sim.every(Duration::seconds(1), at_ms(0), [] {});
    old_task.cancel();
    auto new_task = sim.every(Duration::seconds(1), at_ms(0), [&] { ++ticks; });
    old_task.cancel();
    CHECK(new_task.active());
    sim.run_until(at_ms(2000));
    CHECK(ticks == 3);
}

TEST_CASE("two runs with the same seed produce the same event trace") {
    auto trace = [](std::uint64_t seed) {
        Simulation sim(seed);
        auto arrivals = sim.stream("arrivals");
        std::vector<std::int64_t> times;
        std::function<void()> arrive = [&] {
            times.push_back(sim.now().unix_ms());
            sim.schedule_after(Duration::from_seconds(exponential(arrivals, 0.5)), arrive);
        };
        sim.schedule_at(at_ms(0), arrive);
        sim.run_until(at_ms(60'000));
        return times;
    };
    CHECK(trace(5) == trace(5));
    CHECK(trace(5) != trace(6));
}

TEST_CASE("extreme priorities and a real-date start keep the (time, priority) order") {
    const Time start = *parse_timestamp("2026-11-29T14:00:00Z");
    Simulation sim(1, start);
    std::vector<int> order;
    sim.schedule_at(start + Duration::millis(1), Priority{-32768}, [&] { order.push_back(2); });
    sim.schedule_at(start, Priority{32767}, [&] { order.push_back(1); });
    sim.schedule_at(start, Priority{-32768}, [&] { order.push_back(0); });
    sim.schedule_at(start + Duration::hours(24 * 365), [&] { order.push_back(3); });
    sim.run();
    CHECK(order == std::vector<int>{0, 1, 2, 3});
    CHECK(sim.now() == start + Duration::hours(24 * 365));
}

namespace {

// A workload whose events spawn and cancel others at random. Driven once by the kernel and once by
// a plain ordered set of (time, priority, sequence); both must run the same events in the same order.
// Near delays only; also delays up to hours, which the queue files several levels up; or only
// delays spread evenly over 17 minutes (the hold model), whose sparse buckets the queue sorts
// into runs that later events join.
enum class Delays { near, far, hold };

struct Workload {
    Delays delays = Delays::near;
    RngStream rng{11, "workload"};
    std::vector<int> order;
    int scheduled = 0;

    struct Child {
        std::int64_t delay_ms;
        std::int16_t priority;
    };
    // What the event that just ran does: the children it schedules, and which earlier event (by
    // scheduling index) it tries to cancel, or -1.
    std::vector<Child> children() {
        std::vector<Child> out;
        const std::int64_t n = order.size() < 20'000 ? uniform_int(rng, 0, 2) + (bernoulli(rng, 0.1) ? 1 : 0) : 0;
        for (std::int64_t i = 0; i < n; ++i)
            out.push_back({delay(), static_cast<std::int16_t>(uniform_int(rng, -1, 1))});
        return out;
    }
    std::int64_t delay() {
        switch (delays) {
            case Delays::near: return uniform_int(rng, 0, 5);
            case Delays::far: return bernoulli(rng, 0.3) ? uniform_int(rng, 0, 10'000'000) : uniform_int(rng, 0, 5);
            case Delays::hold: return uniform_int(rng, 0, std::int64_t{1} << 20);
        }
        return 0;
    }
    int victim() { return bernoulli(rng, 0.2) && scheduled > 0 ? static_cast<int>(uniform_int(rng, 0, scheduled - 1)) : -1; }
};

std::vector<int> run_on_kernel(Delays delays) {
    Workload w;
    w.delays = delays;
    Simulation sim(1);
    std::vector<EventHandle> handles;
    std::function<void(int)> body = [&](int id) {
        w.order.push_back(id);
        for (const auto& c : w.children()) {
            const int child = w.scheduled++;
            handles.push_back(sim.schedule_after(Duration::millis(c.delay_ms), Priority{c.priority},
                                                 [&body, child] { body(child); }));
        }
        if (const int v = w.victim(); v >= 0) handles[static_cast<std::size_t>(v)].cancel();
    };
    for (int i = 0; i < 200; ++i) {
        const int id = w.scheduled++;
        handles.push_back(sim.schedule_at(at_ms(i % 7), [&body, id] { body(id); }));
    }
    sim.run();
    return w.order;
}

std::vector<int> run_on_reference(Delays delays) {
    Workload w;
    w.delays = delays;
    std::set<std::tuple<std::int64_t, std::int16_t, int>> pending;  // time, priority, id (= sequence)
    std::vector<std::tuple<std::int64_t, std::int16_t, int>> keys;
    auto add = [&](std::int64_t t, std::int16_t p) {
        const int id = w.scheduled++;
        keys.emplace_back(t, p, id);
        pending.insert(keys.back());
    };
    for (int i = 0; i < 200; ++i) add(i % 7, 0);
    while (!pending.empty()) {
        const auto [t, p, id] = *pending.begin();
        pending.erase(pending.begin());
        w.order.push_back(id);
        for (const auto& c : w.children()) add(t + c.delay_ms, c.priority);
        if (const int v = w.victim(); v >= 0) pending.erase(keys[static_cast<std::size_t>(v)]);
    }
    return w.order;
}

}  // namespace

TEST_CASE("a random self-scheduling workload with cancellations runs in reference order") {
    const Delays delays = GENERATE(Delays::near, Delays::far, Delays::hold);
    const auto kernel = run_on_kernel(delays);
    CHECK(kernel.size() > 1000);
    CHECK(kernel == run_on_reference(delays));
}

TEST_CASE("an event scheduled between two pending events of a sparse stretch runs between them") {
    // Far from the clock and sparse: the queue sorts each 1024 ms stretch into a run when it comes
    // up, and events scheduled meanwhile must join it in order.
    Simulation sim(1);
    std::vector<int> order;
    sim.schedule_at(at_ms(70'000), [&] {
        order.push_back(0);
        sim.schedule_at(at_ms(70'150), [&] { order.push_back(1); });  // inside the current run
        sim.schedule_at(at_ms(70'500), [&] { order.push_back(3); });
        sim.schedule_at(at_ms(71'000), Priority{-1}, [&] { order.push_back(4); });
        sim.schedule_at(at_ms(71'000), [&] { order.push_back(6); });
    });
    sim.schedule_at(at_ms(70'200), [&] { order.push_back(2); });
    sim.schedule_at(at_ms(71'000), [&] { order.push_back(5); });
    EventHandle cancelled = sim.schedule_at(at_ms(70'800), [&] { order.push_back(-1); });
    sim.schedule_at(at_ms(70'100), [&cancelled] { cancelled.cancel(); });
    sim.run();
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5, 6});
    CHECK(sim.events_run() == 8);
}

TEST_CASE("periodic ticks and one-shot events at the same instants keep the (time, priority, sequence) order") {
    Simulation sim(1);
    std::vector<std::string> order;
    TaskHandle fast;
    fast = sim.every(Duration::seconds(1), at_ms(0), [&] {
        order.push_back("fast@" + std::to_string(sim.now().unix_ms()));
        // Lands on the slow task's next tick, after it in sequence but ahead of it in priority.
        if (sim.now() == at_ms(1'000)) sim.schedule_at(at_ms(2'000), Priority{-1}, [&] { order.push_back("urgent"); });
        if (sim.now() == at_ms(3'000)) fast.cancel();
    });
    sim.every(Duration::seconds(2), at_ms(0), Priority{1},
              [&] { order.push_back("slow@" + std::to_string(sim.now().unix_ms())); });
    sim.run_until(at_ms(4'000));
    CHECK(order == std::vector<std::string>{"fast@0", "slow@0", "fast@1000", "urgent", "fast@2000", "slow@2000",
                                            "fast@3000", "slow@4000"});
    CHECK_FALSE(fast.active());
}

TEST_CASE("a running callback keeps its own captures while it schedules many more events") {
    // Callbacks run in place in their records; the records must not move when the callback
    // claims new ones.
    Simulation sim(1);
    std::vector<int> seen;
    const std::vector<int> payload{1, 2, 3, 4, 5};
    sim.schedule_at(at_ms(1), [&sim, &seen, payload] {
        for (int i = 0; i < 50'000; ++i) sim.schedule_after(Duration::millis(1 + i % 7), [] {});
        seen = payload;  // read after the flood of new records
    });
    sim.run();
    CHECK(seen == payload);
    CHECK(sim.events_run() == 50'001);
}

TEST_CASE("a callback whose construction throws leaves no event behind") {
    struct Exploding {
        Exploding() = default;
        Exploding(const Exploding&) { throw std::runtime_error("copy failed"); }
        void operator()() const {}
    };
    Simulation sim(1);
    const Exploding exploding;
    CHECK_THROWS_AS(sim.schedule_at(at_ms(5), exploding), std::runtime_error);
    int runs = 0;
    sim.schedule_at(at_ms(6), [&] { ++runs; });
    sim.run();
    CHECK(runs == 1);
    CHECK(sim.events_run() == 1);
}

TEST_CASE("an event cannot cancel itself while it runs, and its handle is no longer pending") {
    Simulation sim(1);
    EventHandle self;
    bool pending_inside = true;
    self = sim.schedule_at(at_ms(2), [&] {
        pending_inside = self.pending();
        self.cancel();  // no effect: it is already running
    });
    int later = 0;
    sim.schedule_at(at_ms(3), [&] { ++later; });
    sim.run();
    CHECK_FALSE(pending_inside);
    CHECK(later == 1);
}
