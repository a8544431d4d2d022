// Each pod's readiness over a finished run, as the drill check judges it and the report draws it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/twin/twin.hpp"

namespace caracal::drill {

// One pod's readiness: the probe transitions the run recorded (the initial state is not one) and
// its kube_pod_status_ready{condition="true"} series, whose stale markers show when a fault
// stopped the pod. A stop ends a lifetime; a restarted pod starts not ready.
struct PodHistory {
    std::string pod;
    Service service = Service::Api;
    std::vector<ReadinessChange> changes;            // time order
    const std::vector<sim::tsdb::Sample>* kube = nullptr;  // the series' samples, if scraped
    sim::Time started;  // the run's start for pods of the warm-up, else when first scraped

    bool running_at(sim::Time t) const;
    bool ready_at(sim::Time t) const;
    // The first instant of [from, to] at which it was not ready or not running.
    std::optional<sim::Time> lost_during(sim::Time from, sim::Time to) const;
    // When its readiness last changed (transition or stop) at or before `t`.
    std::optional<sim::Time> last_change(sim::Time t) const;

private:
    std::optional<sim::Time> last_stop(sim::Time t) const;
};
std::vector<PodHistory> pod_histories(const RunResult& run);

// The state a fault applied at `t` found: the last millisecond before it.
inline sim::Time just_before(sim::Time t) { return t - Duration::millis(1); }

}  // namespace caracal::drill
