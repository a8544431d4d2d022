// The parts of check_drill(), one file each (drill_*.cpp), and what they share: PromQL reads of a
// finished run. Internal to the drill check: nothing outside models/drill/ includes it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/drill/drill_check.hpp"
#include "models/drill/pod_history.hpp"
#include "sim/alerting/alert_episode.hpp"
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

// Offset of `t` from injection.
inline Duration since_injection(const RunResult& run, sim::Time t) { return t - run.injection; }

std::vector<BehaviorVerdict> check_behavior(const Expectations& expected, const RunQuery& query,
                                            const std::vector<PodHistory>& pods);
std::vector<AlertRecovery> alert_recovery(const RunResult& run);
std::vector<RecoveryVerdict> check_recovery(const Expectations& expected, const RunQuery& query,
                                            const std::vector<PodHistory>& pods,
                                            const std::vector<AlertRecovery>& alerts,
                                            const CheckOptions& options);
// Why an expected alert fired or did not, in one line (drill_mechanism.cpp).
std::string alert_mechanism(const AlertVerdict& verdict, const RunQuery& query, const CheckOptions& options);
// Documented alerts and orders against the scenario's, as drift lines.
std::vector<std::string> drill_drift(const Scenario& scenario, const CheckOptions& options);

}  // namespace caracal::drill
