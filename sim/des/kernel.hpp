// The engine behind Simulation: the event queue, the records holding event callbacks, and the
// table of periodic tasks. Internal to sim/des; models use simulation.hpp.
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
#include "sim/des/stable_slots.hpp"

namespace sim::des {

class Kernel {
public:
    explicit Kernel(Time start) : start_(start), now_(start) {}

    Time now() const { return now_; }
    std::uint64_t events_run() const { return events_run_; }

    // Files an event at t whose callback the caller then builds in the returned record. Always
    // inline: Simulation's scheduling calls are this and nothing else. Every rare case (a bad
    // time, no free record, an entry joining the run or a full bucket) leaves through a tail call,
    // so the common path makes no call and saves no registers.
    [[gnu::always_inline]] detail::EventRecord* file(Time t, Priority p) {
        if (refuses(t) || records_.exhausted()) [[unlikely]]
            return file_after_growing(t, p);
        const std::uint32_t slot = records_.claim();
        const std::uint64_t seq = next_seq_++;
        detail::EventRecord& record = records_[slot];
        record.seq = seq;
        const EventKey key{seq << kSlotBits | slot, offset(t) << kPriorityBits | priority_bits(p)};
        if (!queue_.try_push(key)) [[unlikely]]
            return push_slowly(key, record);
        return &record;
    }
    // Cancels a pending event. Its slot stays taken until its queue entry is popped, so the entry
    // cannot alias a new event.
    static void cancel(detail::EventRecord& record) {
        record.seq = 0;
        record.fn.reset();
    }

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
    using Record = detail::EventRecord;
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

    // Throws the reason file() cannot take an event at t. Out of line: it never happens in a
    // correct run.
    [[noreturn, gnu::noinline, gnu::cold]] void reject(Time t) const;
    // Whether file() must reject an event at t (reject() says why).
    bool refuses(Time t) const { return t < now_ || offset(t) > kMaxTime || next_seq_ > kMaxSeq; }
    // file()'s rare cases: rejects t, or makes a record and files the event; pushes a key the
    // queue's fast path did not take.
    [[gnu::noinline]] detail::EventRecord* file_after_growing(Time t, Priority p);
    [[gnu::noinline]] detail::EventRecord* push_slowly(EventKey key, detail::EventRecord& record);

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
    void run_events(std::uint64_t end_since_start);
    void fire(Task& task, std::uint32_t index, Time tick);
    void schedule_tick(Task& task, std::uint32_t index, Time tick);
    void release_task(std::uint32_t index);

    EventQueue queue_;
    StableSlots<Record> records_{static_cast<std::uint32_t>(kMaxSlot) + 1};
    std::uint64_t next_seq_ = 1;
    Time start_;  // event times are keyed relative to it
    Time now_;
    std::uint64_t events_run_ = 0;

    std::deque<Task> tasks_;  // a deque: a running task's reference survives new tasks being added
    std::vector<std::uint32_t> free_tasks_;
};

}  // namespace sim::des
