// The engine behind Simulation: the event queue, the slots holding event callbacks, and the table
// of periodic tasks. Internal to sim/des; models use simulation.hpp.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "sim/base/time.hpp"
#include "sim/des/cache_line_allocator.hpp"
#include "sim/des/event_fn.hpp"
#include "sim/des/event_queue.hpp"
#include "sim/des/simulation.hpp"

namespace sim::des {

class Kernel {
public:
    explicit Kernel(Time start) : start_(start), now_(start) {}

    Time now() const { return now_; }
    std::uint64_t events_run() const { return events_run_; }

    EventHandle schedule(Time t, Priority p, EventFn&& fn);
    void cancel(std::uint32_t slot, std::uint64_t seq);
    bool pending(std::uint32_t slot, std::uint64_t seq) const;

    TaskHandle repeat(Duration period, Time first, Priority p, EventFn&& fn);
    void cancel_task(std::uint32_t index, std::uint32_t generation);
    bool task_active(std::uint32_t index, std::uint32_t generation) const;

    // Runs events due at or before `end`; returns with now() at the last event run. The caller
    // must advance_to(end) before scheduling again: the queue may have moved its base up to `end`
    // and accepts nothing earlier.
    void run_through(Time end);
    void run_all();
    // Moves the clock forward to t (never back), e.g. to the end of a run_until window.
    void advance_to(Time t) {
        if (t > now_) now_ = t;
    }

private:
    // seq 0 marks a slot that is free or whose event was cancelled; live sequences start at 1.
    struct alignas(kCacheLine) Record {
        EventFn fn;
        std::uint64_t seq = 0;
    };
    static_assert(sizeof(Record) == kCacheLine);

    struct Task {
        EventFn fn;
        Duration period;
        Priority priority;
        std::uint32_t generation = 0;
        bool active = false;
        bool running = false;
        EventHandle next;  // the pending tick
    };

    // Milliseconds from the start to t (t >= start), as keyed in the queue.
    std::uint64_t offset(Time t) const;
    void run_events(std::uint64_t end_since_start);
    void fire(std::uint32_t index, Time tick);
    void schedule_tick(std::uint32_t index, Time tick);
    void release_task(std::uint32_t index);

    EventQueue queue_;
    std::vector<Record, CacheLineAllocator<Record>> records_;
    std::vector<std::uint32_t> free_slots_;
    std::uint64_t next_seq_ = 1;
    Time start_;  // event times are keyed relative to it
    Time now_;
    std::uint64_t events_run_ = 0;

    std::deque<Task> tasks_;  // a deque: a running task's reference survives new tasks being added
    std::vector<std::uint32_t> free_tasks_;
};

}  // namespace sim::des
