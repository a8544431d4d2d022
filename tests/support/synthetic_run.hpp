// Hand-made runs for tests of what reads a finished run (the drill check, the report): the clock
// of a run and the alert instances it saw, without simulating anything.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "models/twin/twin.hpp"

namespace caracal::testing {

// Warm-up 10m, fault 10m, recovery 10m; no series, no pods, no rules.
inline RunResult synthetic_run() {
    RunResult r;
    r.start = sim::Time::epoch();
    r.injection = r.start + sim::Duration::minutes(10);
    r.fault_end = r.injection + sim::Duration::minutes(10);
    r.end = r.fault_end + sim::Duration::minutes(10);
    r.storage = std::make_unique<sim::tsdb::Storage>();
    return r;
}

// An instance of `name` with `labels` went pending, then firing and inactive (when given), at
// these offsets from injection.
inline void add_alert(RunResult& r, const std::string& name, sim::Duration pending, std::optional<sim::Duration> firing,
                      std::optional<sim::Duration> resolved, const sim::tsdb::Labels& labels = {}) {
    using sim::alerting::AlertState;
    AlertInstance a;
    a.name = name;
    a.labels = labels;
    a.labels.set("alertname", name);
    const auto at = [&](sim::Duration d) { return r.injection + d; };
    a.transitions.push_back({at(pending), name, labels, AlertState::Inactive, AlertState::Pending, 1});
    if (firing) a.transitions.push_back({at(*firing), name, labels, AlertState::Pending, AlertState::Firing, 1});
    if (resolved)
        a.transitions.push_back({at(*resolved), name, labels, firing ? AlertState::Firing : AlertState::Pending,
                                 AlertState::Inactive, 0});
    r.alerts.push_back(a);
}

}  // namespace caracal::testing
