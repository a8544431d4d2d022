#include "models/kube/readiness_probe.hpp"

#include <stdexcept>
#include <utility>

namespace caracal {

ReadinessProbe::ReadinessProbe(sim::des::Simulation& sim, ReadinessProbeConfig config, Check check)
    : sim_(sim), config_(config), check_(std::move(check)), ready_(config.initially_ready) {
    if (config_.period <= Duration{}) throw std::invalid_argument("readiness probe: period must be positive");
    if (config_.timeout <= Duration{} || config_.timeout > config_.period)
        throw std::invalid_argument("readiness probe: timeout must be positive and at most the period");
    if (config_.failure_threshold < 1 || config_.success_threshold < 1)
        throw std::invalid_argument("readiness probe: thresholds must be at least 1");
    if (config_.initial_delay < Duration{}) throw std::invalid_argument("readiness probe: initial_delay must not be negative");
    task_ = sim_.every(config_.period, sim_.now() + config_.initial_delay, [this] { probe(); });
}

ReadinessProbe::~ReadinessProbe() {
    task_.cancel();
    in_flight_.cancel();
}

void ReadinessProbe::probe() {
    ++probes_;
    const ProbeOutcome outcome = check_(sim_.now());
    const bool answered = outcome.latency && *outcome.latency <= config_.timeout;
    const bool ok = answered && outcome.ok;
    const Duration observed_after = answered ? *outcome.latency : config_.timeout;
    // timeout <= period, so the result is in before the next probe starts.
    if (observed_after.is_zero())
        record(ok);
    else
        in_flight_ = sim_.schedule_after(observed_after, [this, ok] { record(ok); });
}

void ReadinessProbe::record(bool ok) {
    if (!ok) ++failed_probes_;
    if (last_result_ == ok) {
        ++result_run_;
    } else {
        last_result_ = ok;
        result_run_ = 1;
    }
    const int threshold = ok ? config_.success_threshold : config_.failure_threshold;
    if (result_run_ >= threshold && ready_ != ok) {
        ready_ = ok;
        transitions_.push_back(Transition{sim_.now(), ok});
        if (config_.on_change) config_.on_change(ok);
    }
}

}  // namespace caracal
