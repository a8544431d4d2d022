// The pre-drill expectation report's content (`caracal-twin report`): for each drill, what is
// injected, which alerts to expect and when, the timeline, traffic, recovery and the findings where
// the prediction disagrees with the docs — gathered once from a run and its check, so the Markdown
// and HTML writers only lay it out. Times are offsets: detection and timeline times from the
// injection instant, recovery times (TTR) from the end of the fault.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/conformance.hpp"
#include "models/drill/drill_check.hpp"
#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"
#include "report/report_rules.hpp"
#include "report/report_signals.hpp"

namespace caracal::report {

// What the report was made with, stated on its first page.
struct ReportProvenance {
    std::string rules_file;
    std::string profile;  // a file, or "built-in defaults"
    std::string seed;     // "per scenario" or the --seed value
    std::string docs_file;  // empty: no docs page
    std::string tool_version;
};

struct InjectedStep {
    std::string fault;  // Fault::describe()
    Duration at;        // from injection
    std::optional<Duration> until;  // unset: one-shot (or in effect to the end)
};

// Where an expected alert row comes from.
enum class AlertRole { Documented, ScenarioOnly, Unexpected };

struct AlertRow {
    std::string alert;   // the expectation's label (`A` or `any_of(A, B)`), or the unexpected alert
    std::string instance;  // the first instance that fired (`name{labels}`), empty when none did
    AlertRole role = AlertRole::Documented;
    std::string severity, first_response;  // from the rule pack ("" when the rule is missing)
    std::optional<Duration> pending, firing, resolved;  // from injection
    std::optional<Detection> detection;
    std::optional<Duration> ttr;  // from the fault end
    // What a real Prometheus recorded of the row's instance (report --observed); unset without.
    std::optional<analysis::InstanceConformance> observed;
};

// A stretch on a timeline row, from injection.
enum class SpanKind { Pending, Firing, Degraded, Unready };
std::string_view to_string(SpanKind kind);  // "pending", "firing", "degraded", "unready"
struct Span {
    SpanKind kind = SpanKind::Pending;
    Duration from, to;
};
struct TimelineRow {
    std::string label;   // the alert or service name
    std::string detail;  // the instance's labels (`{job="audit"}`), empty for a service
    std::vector<Span> spans;
};
struct Timeline {
    Duration from, fault_end, to;       // the run's start, fault end and end, from injection
    std::vector<TimelineRow> alerts;    // one per alert instance that was ever active
    std::vector<TimelineRow> readiness;  // one per service
};

// Protected requests by outcome in each phase, from caracal_gateway_requests_total.
struct TrafficRow {
    std::string outcome;
    bool fail_closed = false;  // a denial (no upstream dispatch)
    double warmup = 0, fault = 0, recovery = 0;
};

struct RecoveryStep {
    std::string step;  // a clause of the docs' Recover cell, or a scenario step
    std::vector<RecoveryVerdict> proofs;  // the simulated conditions that prove it
};

// Where the prediction disagrees with the docs or the scenario's expectations.
struct Finding {
    std::string title;
    std::string mechanism;  // read from the run: times, signal maxima against thresholds
};

// Where the drill's alerts page under an Alertmanager configuration (`report --alertmanager`,
// issue 18.3), in the words `run` prints them.
struct DrillPagingText {
    std::string config_file;
    std::vector<std::string> pages;              // one line per notification
    std::vector<std::vector<std::string>> rows;  // alert, fired, paged
    std::vector<std::string> unnotified;         // alerts that reached no one, with why
};

struct DrillReport {
    std::string title;  // "Redis outage [unavailable]"
    std::string anchor;  // the scenario's name, for links
    std::string scenario_file;
    std::uint64_t seed = 0;
    Duration warmup, fault_duration, recovery_window;
    std::string documented_inject;  // the docs' Inject cell ("" without docs)
    std::vector<InjectedStep> injected;
    BaselineVerdict baseline;
    bool passed = false;
    std::vector<AlertRow> alerts;
    Timeline timeline;
    std::vector<SignalPlot> signals;
    std::vector<TrafficRow> traffic;
    std::vector<InvariantCheck> invariants;
    RevocationLag revocation_lag;
    std::string documented_behavior;
    std::vector<BehaviorVerdict> behavior;
    std::string documented_recover;
    std::vector<RecoveryStep> recovery;
    std::optional<Duration> green_ttr;
    std::vector<Finding> findings;
    std::optional<DrillPagingText> paging;  // unset: no --alertmanager
    // report --observed: the instances a real Prometheus recorded otherwise than predicted (or not
    // predicted at all) that no alert row shows.
    std::vector<analysis::InstanceConformance> observed_elsewhere;
};

struct Report {
    ReportProvenance provenance;
    std::vector<DrillReport> drills;
};

// One drill's report from its scenario, run and verdict (`documented` may be null). The rules and
// the PromQL lookback are those the run carries.
DrillReport gather_drill_report(const Scenario& scenario, const RunResult& run, const DrillVerdict& verdict,
                                const DocumentedDrill* documented);

// Fills the alert rows' Observed cells from `conformance`, the drill's prediction against what a
// real Prometheus recorded (the run `drill` was gathered from); an instance observed otherwise than
// predicted that no row shows goes to observed_elsewhere.                                                 // report_observed.cpp
void add_observed(DrillReport& drill, const analysis::ConformanceReport& conformance);

// The parts of gather_drill_report(), one file each.
Timeline drill_timeline(const RunResult& run);                             // report_timeline.cpp
std::vector<TrafficRow> drill_traffic(const RunResult& run);               // report_traffic.cpp
std::vector<RecoveryStep> recovery_steps(const std::string& documented_recover,
                                         const std::vector<RecoveryVerdict>& conditions);  // report_recovery.cpp
std::vector<Finding> drill_findings(const DrillVerdict& verdict, const sim::alerting::RuleFacts& rules,
                                    const std::vector<SignalPlot>& signals);  // report_findings.cpp

}  // namespace caracal::report
