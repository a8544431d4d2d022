// `caracal-twin run --json`.
#include "report/output_timeline.hpp"
#include "report/run_report.hpp"

namespace caracal::report {

namespace {

using Json = nlohmann::ordered_json;

// Seconds from injection, at millisecond resolution; null when unset.
Json seconds_from(const std::optional<sim::Time>& t, sim::Time injection) {
    if (!t) return nullptr;
    return (*t - injection).secs();
}

}  // namespace

Json labels_json(const sim::tsdb::Labels& labels) {
    Json j = Json::object();
    for (const auto& l : labels.items()) j[l.name] = l.value;
    return j;
}

nlohmann::ordered_json run_json(const Scenario& scenario, const RunResult& r) {
    Json doc;
    doc["scenario"] = scenario.name;
    doc["drill"] = scenario.drill;
    doc["variant"] = scenario.variant;
    doc["seed"] = r.seed;
    doc["warmup_seconds"] = (r.injection - r.start).secs();
    doc["fault_end_seconds"] = (r.fault_end - r.injection).secs();
    doc["end_seconds"] = (r.end - r.injection).secs();
    Json steps = Json::array();
    for (const auto& s : r.steps)
        steps.push_back({{"fault", s.fault},
                         {"applied_at", seconds_from(s.applied_at, r.injection)},
                         {"removed_at", seconds_from(s.reverted_at, r.injection)}});
    doc["faults"] = steps;
    Json alerts = Json::array();
    for (const auto& a : r.alerts) {
        Json episodes = Json::array();
        for (const auto& e : sim::alerting::alert_episodes(a.transitions))
            episodes.push_back({{"pending_at", seconds_from(e.active_at, r.injection)},
                                {"firing_at", seconds_from(e.firing_at, r.injection)},
                                {"resolved_at", seconds_from(e.resolved_at, r.injection)}});
        alerts.push_back({{"alertname", a.name},
                          {"severity", a.severity},
                          {"labels", labels_json(a.labels)},
                          {"episodes", episodes}});
    }
    doc["alerts"] = alerts;
    Json readiness = Json::array();
    for (const auto& c : r.readiness)
        readiness.push_back({{"pod", c.pod}, {"at", seconds_from(c.at, r.injection)}, {"ready", c.ready}});
    doc["readiness"] = readiness;
    Json invariants = Json::array();
    for (const auto& c : r.invariants.checks)
        invariants.push_back({{"name", c.name}, {"verdict", std::string(to_string(c.verdict))}, {"detail", c.detail}});
    doc["invariants"] = invariants;
    const RevocationLag& lag = r.invariants.revocation_lag;
    doc["revocation_lag"] = {{"revocations", lag.revocations},
                             {"applied", lag.applied},
                             {"pending", lag.pending},
                             {"max_seconds", lag.max.secs()},
                             {"p95_seconds", lag.p95.secs()}};
    doc["rule_errors"] = r.rule_errors;
    return doc;
}

}  // namespace caracal::report
