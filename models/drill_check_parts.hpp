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

// One pod's readiness as the run recorded it, plus when a fault stopped it (its
// kube_pod_status_ready series went stale).
struct PodHistory {
    std::string pod;
    Service service = Service::Api;
    std::vector<ReadinessChange> changes;  // time order, initial state first
    std::vector<sim::Time> stopped;        // stale markers of its kube-state-metrics series
    bool running_at_end = true;

    bool exists_at(sim::Time t) const;     // its first readiness record is at or before t
    bool ready_at(sim::Time t) const;      // the latest change at or before t says ready
    // Lost readiness at some instant of [from, to]: not ready at `from`, turned unready, or stopped.
    std::optional<sim::Time> lost_during(sim::Time from, sim::Time to) const;
};
std::vector<PodHistory> pod_histories(const RunResult& run);

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
