#include "sim/des/simulation.hpp"

#include "sim/des/kernel.hpp"

namespace sim::des {

void EventHandle::cancel() {
    if (pending()) Kernel::cancel(*record_);
}

void TaskHandle::cancel() {
    if (kernel_) kernel_->cancel_task(index_, generation_);
}

bool TaskHandle::active() const { return kernel_ && kernel_->task_active(index_, generation_); }

Simulation::Simulation(std::uint64_t seed, Time start) : seed_(seed), kernel_(std::make_unique<Kernel>(start)) {}

Simulation::~Simulation() = default;

Time Simulation::now() const { return kernel_->now(); }

std::uint64_t Simulation::events_run() const { return kernel_->events_run(); }

detail::EventRecord* Simulation::file_at(Time t, Priority p) { return kernel_->file(t, p); }

detail::EventRecord* Simulation::file_after(Duration d, Priority p) { return kernel_->file(kernel_->now() + d, p); }

TaskHandle Simulation::repeat(Duration period, Time first, Priority p, EventFn&& fn) {
    return kernel_->repeat(period, first, p, std::move(fn));
}

void Simulation::run_until(Time end) {
    kernel_->run_through(end);
    kernel_->advance_to(end);
}

void Simulation::run() { kernel_->run_all(); }

}  // namespace sim::des
