// Post-drill conformance: the twin's predicted alert episodes against those a real Prometheus
// recorded, both aligned on the injection instant, instance by instance (alertname and labels),
// episode by episode, on the pending, firing and resolved instants.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/observed_alerts.hpp"
#include "models/twin/twin.hpp"
#include "sim/alerting/alert_episode.hpp"
#include "sim/base/time.hpp"

namespace caracal::analysis {

// One instant of an episode, each side relative to its own injection instant.
struct InstantComparison {
    std::optional<sim::Duration> predicted;
    std::optional<sim::Duration> observed;
    bool conforms = true;  // both absent, or both present and within the tolerance
    std::optional<sim::Duration> difference() const;  // observed − predicted
};

enum class ConformanceVerdict { Conforms, Differs, NotObserved, NotPredicted };
const char* verdict_name(ConformanceVerdict v);

struct InstanceConformance {
    std::string alertname;
    std::string labels;  // the instance's labels, alertname left out, `{a="b"}`
    int episode = 1;     // the how-manieth episode of the instance
    InstantComparison pending, firing, resolved;
    ConformanceVerdict verdict = ConformanceVerdict::Conforms;
};

struct ConformanceReport {
    std::string scenario;
    sim::Duration tolerance;
    std::vector<InstanceConformance> instances;  // predicted order, then the unpredicted ones
    bool conforms() const;
};

// `predicted` relative to `predicted_injection`, `observed` to `observed_injection`. `horizon`: the
// scenario's end after the injection; what was observed later (a live twin that stopped) is left
// out, and a resolution later than that counts as none.
ConformanceReport compare_alerts(const std::string& scenario, const std::vector<sim::alerting::AlertEpisode>& predicted,
                                 sim::Time predicted_injection,
                                 const std::vector<sim::alerting::AlertEpisode>& observed,
                                 sim::Time observed_injection, sim::Duration horizon, sim::Duration tolerance);

// How far an observed instant may sit from the predicted one and conform when no tolerance is
// given: one scrape plus one evaluation interval, the phases a live Prometheus may differ by.
sim::Duration default_tolerance(const Profile& profile);

// `run`'s prediction against what a real Prometheus recorded of the drill it predicts, injected at
// `injected` (Unix ms as sim::Time): the observed episodes read on the evaluation ticks of
// `evaluation_interval` (their phase from ALERTS_FOR_STATE) up to the run's horizon.
ConformanceReport conform_observed(const std::string& scenario, const RunResult& run, const ObservedAlerts& observed,
                                   sim::Time injected, sim::Duration evaluation_interval, sim::Duration tolerance);

// The episodes of every alert instance of a run, in the run's order of instances.
std::vector<sim::alerting::AlertEpisode> predicted_episodes(const RunResult& run);

}  // namespace caracal::analysis
