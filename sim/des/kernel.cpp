#include "sim/des/kernel.hpp"

#include <stdexcept>

namespace sim::des {

void Kernel::reject(Time t) const {
    if (t < now_) throw std::invalid_argument("cannot schedule an event before the current time");
    if (offset(t) > kMaxTime) throw std::invalid_argument("event time beyond the simulation horizon");
    throw std::length_error("event sequence numbers exhausted");
}

detail::EventRecord* Kernel::file_after_growing(Time t, Priority p) {
    if (refuses(t)) reject(t);
    records_.grow_if_exhausted();
    return file(t, p);
}

detail::EventRecord* Kernel::push_slowly(EventKey key, detail::EventRecord& record) {
    queue_.push(key);
    return &record;
}

void Kernel::run_through(Time end) {
    if (end >= start_) run_events(offset(end));
}

void Kernel::run_all() { run_events(kMaxTime); }

void Kernel::run_events(std::uint64_t end_since_start) {
    while (const EventKey* top = queue_.next(end_since_start)) {
        const EventKey key = *top;
        // The next event's record is most likely cold; start loading it while this one runs.
        if (const EventKey* next = queue_.following()) __builtin_prefetch(&records_[slot_of(*next)]);
        queue_.pop();
        const std::uint32_t slot = slot_of(key);
        Record& record = records_[slot];
        if (record.seq == seq_of(key)) {
            record.seq = 0;  // running: no longer pending, and not yet free for reuse
            now_ = start_ + Duration::millis(static_cast<std::int64_t>(key.time()));
            ++events_run_;
            // In place: records never move, even if the callback schedules more events.
            record.fn.run_once();
        }
        records_.release(slot);
    }
}

TaskHandle Kernel::repeat(Duration period, Time first, Priority p, EventFn&& fn) {
    if (period <= Duration()) throw std::invalid_argument("a periodic task needs a positive period");
    if (first < now_) throw std::invalid_argument("a periodic task cannot start before the current time");
    std::uint32_t index;
    if (free_tasks_.empty()) {
        index = static_cast<std::uint32_t>(tasks_.size());
        tasks_.emplace_back();
    } else {
        index = free_tasks_.back();
        free_tasks_.pop_back();
    }
    Task& task = tasks_[index];
    task.fn = std::move(fn);
    task.period = period;
    task.priority = p;
    task.active = true;
    schedule_tick(task, index, first);
    return TaskHandle(this, index, task.generation);
}

void Kernel::schedule_tick(Task& task, std::uint32_t index, Time tick) {
    // The task's address is stable (tasks_ is a deque) and it cannot be released while its tick is
    // pending, so the tick carries it and skips the deque lookup.
    Record* record = file(tick, task.priority);
    record->fn.emplace([this, &task, index, tick] { fire(task, index, tick); });
    task.next = EventHandle(record);
}

void Kernel::fire(Task& task, std::uint32_t index, Time tick) {
    task.running = true;
    task.fn();
    task.running = false;
    if (task.active)
        schedule_tick(task, index, tick + task.period);
    else
        release_task(index);  // cancelled from inside its own tick
}

void Kernel::cancel_task(std::uint32_t index, std::uint32_t generation) {
    if (!task_active(index, generation)) return;
    Task& task = tasks_[index];
    task.active = false;
    // A running task is released by fire() once its callback returns.
    if (task.running) return;
    task.next.cancel();
    release_task(index);
}

bool Kernel::task_active(std::uint32_t index, std::uint32_t generation) const {
    return index < tasks_.size() && tasks_[index].generation == generation && tasks_[index].active;
}

void Kernel::release_task(std::uint32_t index) {
    Task& task = tasks_[index];
    task.fn.reset();
    task.next = EventHandle();
    ++task.generation;  // outstanding handles to the old task become inert
    free_tasks_.push_back(index);
}

}  // namespace sim::des
