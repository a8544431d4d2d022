// The parts of check_drill(), one file each (drill_*.cpp), and what they share: PromQL reads of a
// finished run and each pod's readiness history. Internal to the drill check.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/drill_check.hpp"
#include "sim/promql/ast.hpp"

namespace caracal::drill {

// PromQL over a finished run's series store.
class RunQuery {
public:
    RunQuery(const RunResult& run, Duration lookback);
    // The first element of the result of `expr` at `t`; nullopt when it is empty.
    std::optional<double> value(const sim::promql::Expr& expr, sim::Time t) const;
    const RunResult& run() const { return run_; }

private:
    const RunResult& run_;
    sim::promql::EngineOptions options_;
};

// Instants from `from` to `to` (both included) `step` apart.
std::vector<sim::Time> grid(sim::Time from, sim::Time to, Duration step);

// The first instant of `times` from which `ok` holds at every later instant; nullopt when it
// does not hold at the last one.
template <typename Ok>
std::optional<sim::Time> settled_from(const std::vector<sim::Time>& times, Ok ok) {
    std::optional<sim::Time> since;
    for (sim::Time t : times) {
        if (!ok(t)) since.reset();
        else if (!since) since = t;
    }
    return since;
}

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

// Offset of `t` from injection.
inline Duration since_injection(const RunResult& run, sim::Time t) { return t - run.injection; }

// One stretch during which an alert instance was active.
struct Episode {
    sim::Time active_at;
    std::optional<sim::Time> firing_at;
    std::optional<sim::Time> resolved_at;  // unset: still active at the end
};
std::vector<Episode> episodes(const AlertInstance& alert);

std::vector<BehaviorVerdict> check_behavior(const Expectations& expected, const RunQuery& query,
                                            const std::vector<PodHistory>& pods);
std::vector<AlertRecovery> alert_recovery(const RunResult& run);
std::vector<RecoveryVerdict> check_recovery(const Expectations& expected, const RunQuery& query,
                                            const std::vector<PodHistory>& pods,
                                            const std::vector<AlertRecovery>& alerts,
                                            const CheckOptions& options);
// Documented alerts and orders against the scenario's, as drift lines.
std::vector<std::string> drill_drift(const Scenario& scenario, const CheckOptions& options);

}  // namespace caracal::drill
