// The discrete-event simulation, as models see it: a clock, one-shot events, periodic tasks and
// named random streams. The kernel behind it (event queue, callback slots, task table) is hidden
// in kernel.hpp, in SimGrid's spirit of a small user API over a private engine.
//
// Events at the same instant run by ascending Priority, then in the order they were scheduled.
// An exception thrown by a callback propagates out of run()/run_until(); the run is then over.
// Periodic work (scrapes, rule ticks, polls, probes) is one task per loop, never per-ms polling.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

#include "sim/base/time.hpp"
#include "sim/des/event_fn.hpp"
#include "sim/des/rng_stream.hpp"

namespace sim::des {

class Kernel;

// Among events at the same instant, lower values run first.
struct Priority {
    std::int16_t value = 0;
    auto operator<=>(const Priority&) const = default;
};

namespace detail {
// The kernel's record of one scheduled event. Declared here only so that Simulation's inline
// scheduling can build the callback in place and hand out a handle; models never see it.
struct alignas(64) EventRecord {  // one cache line
    EventFn fn;
    // 0 while the record is free, running or cancelled; live sequences start at 1, so a handle
    // to an earlier event of a reused record no longer matches.
    std::uint64_t seq = 0;
};
}  // namespace detail

// Refers to one scheduled event; cancelling is lazy (the queue entry is skipped when reached).
// A default-constructed handle refers to nothing. Handles must not outlive their Simulation.
class EventHandle {
public:
    EventHandle() = default;
    // No effect once the event has run or was cancelled.
    void cancel();
    // Scheduled and neither run (or running) nor cancelled.
    bool pending() const { return record_ != nullptr && record_->seq == seq_; }

private:
    friend class Simulation;
    friend class Kernel;
    // Event records never move or go away before the Simulation does.
    explicit EventHandle(detail::EventRecord* record) : record_(record), seq_(record->seq) {}
    detail::EventRecord* record_ = nullptr;
    std::uint64_t seq_ = 0;
};

// Refers to one periodic task. Cancelling stops every later tick, also from inside the task.
class TaskHandle {
public:
    TaskHandle() = default;
    void cancel();
    bool active() const;

private:
    friend class Kernel;
    TaskHandle(Kernel* kernel, std::uint32_t index, std::uint32_t generation)
        : kernel_(kernel), index_(index), generation_(generation) {}
    Kernel* kernel_ = nullptr;
    std::uint32_t index_ = 0;
    std::uint32_t generation_ = 0;
};

class Simulation {
public:
    explicit Simulation(std::uint64_t seed, Time start = Time::epoch());
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    Time now() const;
    std::uint64_t seed() const { return seed_; }

    // The stream for a component, derived from the run seed and the name alone.
    RngStream stream(std::string_view component) const { return RngStream(seed_, component); }

    // Scheduling before now() throws std::invalid_argument.
    template <typename F>
    EventHandle schedule_at(Time t, Priority p, F&& fn) {
        return build(file_at(t, p), std::forward<F>(fn));
    }
    template <typename F>
    EventHandle schedule_at(Time t, F&& fn) {
        return build(file_at(t, Priority{}), std::forward<F>(fn));
    }
    template <typename F>
    EventHandle schedule_after(Duration d, Priority p, F&& fn) {
        return build(file_after(d, p), std::forward<F>(fn));
    }
    template <typename F>
    EventHandle schedule_after(Duration d, F&& fn) {
        return build(file_after(d, Priority{}), std::forward<F>(fn));
    }

    // Runs fn at first, first + period, first + 2·period, ... until cancelled. The next tick is
    // scheduled after fn returns. Throws std::invalid_argument if period <= 0 or first < now().
    template <typename F>
    TaskHandle every(Duration period, Time first, Priority p, F&& fn) {
        return repeat(period, first, p, EventFn(std::forward<F>(fn)));
    }
    template <typename F>
    TaskHandle every(Duration period, Time first, F&& fn) {
        return repeat(period, first, Priority{}, EventFn(std::forward<F>(fn)));
    }

    // Runs every event due at or before `end`, then leaves the clock at `end`.
    void run_until(Time end);
    // Runs until no event is left (never returns while a periodic task is active); the clock
    // stays at the last event.
    void run();

    // Events run so far (cancelled ones are not counted).
    std::uint64_t events_run() const;

private:
    // Scheduling is two steps so that the callback is built directly in its event record: file
    // the event (out of line, in the kernel), then build the callback in the record it returns.
    detail::EventRecord* file_at(Time t, Priority p);
    detail::EventRecord* file_after(Duration d, Priority p);
    template <typename F>
    static EventHandle build(detail::EventRecord* record, F&& fn) {
        EventHandle handle(record);
        try {
            record->fn.emplace(std::forward<F>(fn));
        } catch (...) {
            handle.cancel();  // the event must not run without its callback
            throw;
        }
        return handle;
    }
    TaskHandle repeat(Duration period, Time first, Priority p, EventFn&& fn);

    std::uint64_t seed_;
    std::unique_ptr<Kernel> kernel_;
};

}  // namespace sim::des
