#include "sim/des/simulation.hpp"

#include "sim/des/kernel.hpp"

namespace sim::des {

void EventHandle::cancel() {
    if (kernel_) kernel_->cancel(slot_, seq_);
}

bool EventHandle::pending() const { return kernel_ && kernel_->pending(slot_, seq_); }

void TaskHandle::cancel() {
    if (kernel_) kernel_->cancel_task(index_, generation_);
}

bool TaskHandle::active() const { return kernel_ && kernel_->task_active(index_, generation_); }

Simulation::Simulation(std::uint64_t seed, Time start) : seed_(seed), kernel_(std::make_unique<Kernel>(start)) {}

Simulation::~Simulation() = default;

Time Simulation::now() const { return kernel_->now(); }

std::uint64_t Simulation::events_run() const { return kernel_->events_run(); }

EventHandle Simulation::schedule(Time t, Priority p, EventFn&& fn) { return kernel_->schedule(t, p, std::move(fn)); }

TaskHandle Simulation::repeat(Duration period, Time first, Priority p, EventFn&& fn) {
    return kernel_->repeat(period, first, p, std::move(fn));
}

void Simulation::run_until(Time end) {
    kernel_->run_through(end);
    kernel_->advance_to(end);
}

void Simulation::run() { kernel_->run_all(); }

}  // namespace sim::des
