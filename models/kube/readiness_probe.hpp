// A kubelet readiness probe on the DES: every `period` it runs a check (the pod's /ready); the pod
// turns unready after `failure_threshold` consecutive failures and ready after `success_threshold`
// consecutive successes, counted as the kubelet's prober worker counts them (a run of equal
// results).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "sim/base/time.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

using sim::Duration;
using sim::Time;

// What one check answered, and after how long. A hang, or an answer slower than the probe
// timeout, is a failure observed at the timeout.
struct ProbeOutcome {
    bool ok = false;
    std::optional<Duration> latency;  // nullopt: never answers

    static ProbeOutcome success(Duration latency = {}) { return {true, latency}; }
    static ProbeOutcome failure(Duration latency = {}) { return {false, latency}; }
    static ProbeOutcome hang() { return {false, std::nullopt}; }
};

struct ReadinessProbeConfig {
    Duration initial_delay;  // first probe at construction time + initial_delay (the phase)
    Duration period = Duration::seconds(10);
    Duration timeout = Duration::seconds(1);
    int failure_threshold = 3;
    int success_threshold = 1;
    // The kubelet starts a pod unready until its first successful probe; a scenario that starts in
    // steady state may start it ready instead.
    bool initially_ready = false;
    // Called with the new readiness at each transition (endpoints discovery follows readiness).
    std::function<void(bool ready)> on_change;
};

class ReadinessProbe {
public:
    using Check = std::function<ProbeOutcome(Time)>;

    struct Transition {
        Time at;
        bool ready = false;
        bool operator==(const Transition&) const = default;
    };

    // Starts probing. Throws std::invalid_argument on a non-positive period or timeout, a timeout
    // longer than the period, thresholds below 1 or a negative initial delay. Destroying the probe
    // stops it; it must go before the Simulation.
    ReadinessProbe(sim::des::Simulation& sim, ReadinessProbeConfig config, Check check);
    ~ReadinessProbe();
    ReadinessProbe(const ReadinessProbe&) = delete;
    ReadinessProbe& operator=(const ReadinessProbe&) = delete;

    bool ready() const { return ready_; }
    std::uint64_t probes() const { return probes_; }
    std::uint64_t failed_probes() const { return failed_probes_; }
    // Readiness changes, oldest first (the initial state is not an entry).
    const std::vector<Transition>& transitions() const { return transitions_; }

private:
    void probe();
    void record(bool ok);

    sim::des::Simulation& sim_;
    ReadinessProbeConfig config_;
    Check check_;
    sim::des::TaskHandle task_;
    sim::des::EventHandle in_flight_;
    bool ready_;
    std::optional<bool> last_result_;
    int result_run_ = 0;
    std::uint64_t probes_ = 0;
    std::uint64_t failed_probes_ = 0;
    std::vector<Transition> transitions_;
};

}  // namespace caracal
