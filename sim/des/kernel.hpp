// The engine behind Simulation: the event queue, the slots holding event callbacks, and the table
// of periodic tasks. Internal to sim/des; models use simulation.hpp.
#pragma once

#include <cstdint>
#include <deque>
#include <stdexcept>
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

    // Inline: Simulation::schedule is this call and nothing else.
    EventHandle schedule(Time t, Priority p, EventFn&& fn) {
        if (t < now_) throw std::invalid_argument("cannot schedule an event before the current time");
        const std::uint64_t since_start = offset(t);
        if (since_start > kMaxTime) throw std::invalid_argument("event time beyond the simulation horizon");
        if (next_seq_ > kMaxSeq) throw std::length_error("event sequence numbers exhausted");
        const std::uint32_t slot = claim_slot();
        const std::uint64_t seq = next_seq_++;
        Record& record = records_[slot];
        record.fn = std::move(fn);
        record.seq = seq;
        queue_.push(EventKey{seq << kSlotBits | slot, since_start << kPriorityBits | priority_bits(p)});
        return EventHandle(this, slot, seq);
    }
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

    // Key layout (see EventKey). The limits are far beyond any run: 8900 years of simulated time,
    // 1.1e12 events, 16.7 million events pending at once.
    static constexpr int kPriorityBits = EventKey::kTimeShift;
    static constexpr int kSlotBits = 24;
    static constexpr std::uint64_t kMaxTime = (std::uint64_t{1} << (64 - kPriorityBits)) - 1;
    static constexpr std::uint64_t kMaxSeq = (std::uint64_t{1} << (64 - kSlotBits)) - 1;
    static constexpr std::uint64_t kMaxSlot = (std::uint64_t{1} << kSlotBits) - 1;

    static std::uint64_t priority_bits(Priority p) {
        // Biased so that unsigned comparison orders signed priorities.
        return static_cast<std::uint64_t>(static_cast<std::int32_t>(p.value) + 32768);
    }
    static std::uint64_t seq_of(const EventKey& key) { return key.lo >> kSlotBits; }
    static std::uint32_t slot_of(const EventKey& key) { return static_cast<std::uint32_t>(key.lo & kMaxSlot); }
    // Milliseconds from the start to t (t >= start), as keyed in the queue.
    std::uint64_t offset(Time t) const {
        // Unsigned arithmetic: exact for any t >= start_, where a signed difference could overflow.
        return static_cast<std::uint64_t>(t.unix_ms()) - static_cast<std::uint64_t>(start_.unix_ms());
    }
    // A free record slot, reusing the most recently freed one (still in cache).
    std::uint32_t claim_slot() {
        if (free_slots_.empty()) return new_slot();
        const std::uint32_t slot = free_slots_.back();
        free_slots_.pop_back();
        return slot;
    }
    std::uint32_t new_slot();
    void run_events(std::uint64_t end_since_start);
    void fire(Task& task, std::uint32_t index, Time tick);
    void schedule_tick(Task& task, std::uint32_t index, Time tick);
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
