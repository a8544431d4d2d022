// gather_drill_report(): the drill's header, injection, alert rows and signals; the timeline,
// traffic, recovery steps and findings come from their own files.
#include <algorithm>
#include <set>

#include "report/check_report.hpp"
#include "report/output_timeline.hpp"
#include "report/report_model.hpp"

namespace caracal::report {

namespace {

// Signals are sampled at half the default scrape interval, enough to show every scraped value.
constexpr Duration kSignalStep = Duration::seconds(15);

std::optional<Duration> offset(const std::optional<sim::Time>& t, sim::Time injection) {
    if (!t) return std::nullopt;
    return *t - injection;
}

// The episode of instance `name``labels` that fired at `fired` (from injection).
std::optional<sim::alerting::AlertEpisode> fired_episode(const RunResult& run, const AlertSighting& fired) {
    for (const auto& a : run.alerts) {
        if (a.name != fired.alert || a.labels.drop({"alertname"}).to_string() != fired.labels) continue;
        for (const auto& e : sim::alerting::alert_episodes(a.transitions))
            if (e.firing_at && *e.firing_at - run.injection == fired.at) return e;
    }
    return std::nullopt;
}

std::optional<Duration> ttr_of(const DrillVerdict& v, const std::string& alert) {
    for (const auto& r : v.alert_recovery)
        if (r.alert == alert) return r.ttr;
    return std::nullopt;
}

void add_rule_facts(AlertRow& row, const sim::alerting::RuleFacts& rules, const std::string& alert) {
    if (const auto it = rules.find(alert); it != rules.end()) {
        row.severity = it->second.severity;
        row.first_response = it->second.summary;
    }
}

void add_firing(AlertRow& row, const RunResult& run, const DrillVerdict& v, const AlertSighting& fired) {
    row.instance = fired.alert + fired.labels;
    row.firing = fired.at;
    if (const auto e = fired_episode(run, fired)) {
        row.pending = e->active_at - run.injection;
        row.resolved = offset(e->resolved_at, run.injection);
    }
    row.ttr = ttr_of(v, fired.alert);
}

AlertRole role_of(const AlertVerdict& a, const DocumentedDrill* documented) {
    if (a.source == Source::Docs) return AlertRole::Documented;
    const bool in_docs = documented && std::all_of(a.expected.names.begin(), a.expected.names.end(), [&](const std::string& n) {
                             return std::find(documented->alerts.begin(), documented->alerts.end(), n) != documented->alerts.end();
                         });
    return in_docs ? AlertRole::Documented : AlertRole::ScenarioOnly;
}

std::vector<AlertRow> alert_rows(const RunResult& run, const DrillVerdict& v, const sim::alerting::RuleFacts& rules,
                                 const DocumentedDrill* documented) {
    std::vector<AlertRow> out;
    for (const auto& a : v.alerts) {
        AlertRow row;
        row.alert = a.expected.label();
        row.role = role_of(a, documented);
        row.detection = a.detection;
        add_rule_facts(row, rules, a.detection ? a.detection->fired.alert : a.expected.names.front());
        if (a.detection) add_firing(row, run, v, a.detection->fired);
        else if (a.pending) row.pending = a.pending->at;
        out.push_back(std::move(row));
    }
    for (const auto& u : v.unexpected) {
        AlertRow row;
        row.alert = u.alert;
        row.role = AlertRole::Unexpected;
        add_rule_facts(row, rules, u.alert);
        add_firing(row, run, v, u);
        if (row.pending) {
            const auto it = rules.find(u.alert);
            const Duration hold = it == rules.end() ? Duration() : it->second.hold;
            row.detection = Detection{u, *row.pending, hold, u.at - *row.pending - hold, u.at <= run.fault_end - run.injection};
        }
        out.push_back(std::move(row));
    }
    return out;
}

// Every expected alert's signal, then those of the other alerts active after injection.
std::vector<SignalPlot> drill_signals(const RunResult& run, const DrillVerdict& v, const sim::alerting::RuleFacts& rules, Duration lookback) {
    std::vector<std::string> names;
    for (const auto& a : v.alerts) names.insert(names.end(), a.expected.names.begin(), a.expected.names.end());
    std::set<std::string> others;
    for (const auto& a : run.alerts)
        for (const auto& e : sim::alerting::alert_episodes(a.transitions))
            if (!e.resolved_at || *e.resolved_at > run.injection) others.insert(a.name);
    for (const auto& n : others)
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    std::vector<SignalPlot> out;
    for (const auto& n : names) {
        const auto it = rules.find(n);
        if (it != rules.end() && it->second.watched) out.push_back(sample_signal(n, *it->second.watched, run, lookback, kSignalStep));
    }
    return out;
}

}  // namespace

DrillReport gather_drill_report(const Scenario& scenario, const RunResult& run, const DrillVerdict& verdict,
                                const DocumentedDrill* documented) {
    const sim::alerting::RuleFacts& rules = run.rules;
    DrillReport r;
    r.title = drill_title(verdict);
    r.anchor = scenario.name;
    r.scenario_file = scenario.file;
    r.seed = run.seed;
    r.warmup = run.injection - run.start;
    r.fault_duration = verdict.fault_duration;
    r.recovery_window = verdict.recovery_window;
    if (documented) {
        r.documented_inject = documented->inject;
        r.documented_behavior = documented->behavior;
        r.documented_recover = documented->recover;
    }
    for (const auto& s : run.steps) r.injected.push_back({s.fault, s.applied_at - run.injection, offset(s.reverted_at, run.injection)});
    r.baseline = verdict.baseline;
    r.passed = verdict.passed();
    r.alerts = alert_rows(run, verdict, rules, documented);
    r.timeline = drill_timeline(run);
    r.signals = drill_signals(run, verdict, rules, run.profile.prometheus.lookback_delta);
    r.traffic = drill_traffic(run);
    r.invariants = verdict.invariants;
    r.revocation_lag = run.invariants.revocation_lag;
    r.behavior = verdict.behavior;
    r.recovery = recovery_steps(r.documented_recover, verdict.recovery);
    r.green_ttr = verdict.green_ttr;
    r.findings = drill_findings(verdict, rules, r.signals);
    return r;
}

}  // namespace caracal::report
