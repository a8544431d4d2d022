#include "models/drill/drill_check.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "models/drill/drill_check_parts.hpp"
#include "sim/alerting/alerting_rule.hpp"

namespace caracal {

namespace {

using sim::alerting::AlertEpisode;

std::string labels_text(const AlertInstance& a) { return a.labels.drop({"alertname"}).to_string(); }

// The first firing at or after injection of any of `names`, ties broken by name then labels.
struct FirstFiring {
    const AlertInstance* alert = nullptr;
    AlertEpisode episode;
};

std::optional<FirstFiring> first_firing(const RunResult& run, const std::vector<std::string>& names) {
    std::optional<FirstFiring> best;
    for (const auto& a : run.alerts) {
        if (std::find(names.begin(), names.end(), a.name) == names.end()) continue;
        for (const auto& e : sim::alerting::alert_episodes(a.transitions)) {
            if (!e.firing_at || *e.firing_at < run.injection) continue;
            if (!best || std::tie(*e.firing_at, a.name, a.labels) <
                             std::tie(*best->episode.firing_at, best->alert->name, best->alert->labels))
                best = FirstFiring{&a, e};
        }
    }
    return best;
}

std::optional<AlertSighting> first_pending(const RunResult& run, const std::vector<std::string>& names) {
    std::optional<AlertSighting> best;
    for (const auto& a : run.alerts) {
        if (std::find(names.begin(), names.end(), a.name) == names.end()) continue;
        for (const auto& e : sim::alerting::alert_episodes(a.transitions))
            if (e.active_at >= run.injection && (!best || e.active_at - run.injection < best->at))
                best = AlertSighting{a.name, labels_text(a), e.active_at - run.injection};
    }
    return best;
}

BaselineVerdict check_baseline(const RunResult& run, const std::vector<drill::PodHistory>& pods) {
    BaselineVerdict out;
    for (const auto& a : run.alerts)
        for (const auto& e : sim::alerting::alert_episodes(a.transitions)) {
            if (e.active_at >= run.injection) continue;
            if (e.firing_at && *e.firing_at < run.injection)
                out.firing.push_back({a.name, labels_text(a), *e.firing_at - run.injection});
            else
                out.pending.push_back({a.name, labels_text(a), e.active_at - run.injection});
        }
    const sim::Time injected = drill::just_before(run.injection);
    for (const auto& pod : pods) {
        if (!pod.running_at(injected)) continue;
        ++out.pods;
        if (!pod.ready_at(injected)) out.unready_pods.push_back(pod.pod);
    }
    return out;
}

AlertVerdict check_alert(const RunResult& run, const ExpectedAlert& expected, Source source, const sim::alerting::RuleFacts& rules) {
    AlertVerdict out;
    out.expected = expected;
    out.source = source;
    for (const auto& n : expected.names)
        if (!rules.count(n)) out.missing_rules.push_back(n);
    const auto first = first_firing(run, expected.names);
    if (!first) {
        out.pending = first_pending(run, expected.names);
        return out;
    }
    const auto rule = rules.find(first->alert->name);
    Detection d;
    d.fired = {first->alert->name, labels_text(*first->alert), *first->episode.firing_at - run.injection};
    d.onset = first->episode.active_at - run.injection;
    d.hold = rule == rules.end() ? Duration() : rule->second.hold;
    d.quantisation = *first->episode.firing_at - first->episode.active_at - d.hold;
    d.during_fault = *first->episode.firing_at <= run.fault_end;
    out.detection = d;
    return out;
}

OrderVerdict check_order(const RunResult& run, const ExpectedOrder& expected, Source source) {
    OrderVerdict out{expected, source, std::nullopt, std::nullopt};
    if (const auto f = first_firing(run, {expected.earlier})) out.earlier_at = *f->episode.firing_at - run.injection;
    if (const auto f = first_firing(run, {expected.later})) out.later_at = *f->episode.firing_at - run.injection;
    return out;
}

// Alert names that fired after injection without being expected, at their first firing.
std::vector<AlertSighting> unexpected_alerts(const RunResult& run, const Expectations& expected,
                                             const std::vector<AlertVerdict>& checked) {
    std::set<std::string> names;
    for (const auto& a : run.alerts) names.insert(a.name);
    std::vector<AlertSighting> out;
    for (const auto& n : names) {
        const bool known = expected.mentions(n) || std::any_of(checked.begin(), checked.end(), [&](const AlertVerdict& v) {
                               return std::find(v.expected.names.begin(), v.expected.names.end(), n) != v.expected.names.end();
                           });
        if (known) continue;
        if (const auto f = first_firing(run, {n}))
            out.push_back({n, labels_text(*f->alert), *f->episode.firing_at - run.injection});
    }
    return out;
}

// Documented alert groups and orders the scenario leaves out, so the run is judged on them too.
void add_documented(const DocumentedDrill& docs, const Expectations& expected, std::vector<ExpectedAlert>& alerts,
                    std::vector<ExpectedOrder>& order) {
    for (const auto& group : docs.alert_groups) {
        ExpectedAlert missing{{}, docs.alerts_pos};
        for (const auto& n : group)
            if (!expected.mentions(n)) missing.names.push_back(n);
        if (!missing.names.empty()) alerts.push_back(std::move(missing));
    }
    for (const auto& [earlier, later] : docs.order)
        if (!expected.asserts_order(earlier, later)) order.push_back({earlier, later, docs.alerts_pos});
}

}  // namespace

bool DrillVerdict::passed() const {
    const auto failed = [](const auto& items) {
        return std::any_of(items.begin(), items.end(), [](const auto& i) { return !i.held(); });
    };
    if (!baseline.held() || failed(alerts) || failed(order) || !rule_errors.empty() || !drift.empty()) return false;
    if (std::any_of(behavior.begin(), behavior.end(), [](const BehaviorVerdict& b) { return !b.held; })) return false;
    if (std::any_of(invariants.begin(), invariants.end(),
                    [](const InvariantCheck& c) { return c.verdict == Verdict::Violated; }))
        return false;
    if (std::any_of(recovery.begin(), recovery.end(), [](const RecoveryVerdict& r) { return r.required && !r.held(); }))
        return false;
    return !(strict && !unexpected.empty());
}

std::vector<std::string> DrillVerdict::failed_checks() const {
    std::vector<std::string> out;
    const auto add = [&](std::string name) {
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
    };
    if (!baseline.held()) add("green baseline");
    for (const auto& a : alerts)
        if (!a.held()) add("alert " + a.expected.label());
    for (const auto& o : order)
        if (!o.held()) add("order");
    for (const auto& b : behavior)
        if (!b.held) add(b.name);
    for (const auto& c : invariants)
        if (c.verdict == Verdict::Violated) add("invariant " + c.name);
    if (!rule_errors.empty()) add("rule evaluation");
    for (const auto& r : recovery)
        if (r.required && !r.held()) add("recovery " + std::string(to_string(r.condition)));
    if (strict && !unexpected.empty()) add("unexpected alerts");
    if (!drift.empty()) add("docs drift");
    return out;
}

DrillVerdict check_drill(const Scenario& scenario, const RunResult& run, const CheckOptions& options) {
    const sim::alerting::RuleFacts& rules = run.rules;
    const Expectations& expected = scenario.expectations;
    DrillVerdict out;
    out.scenario = scenario.name;
    out.file = scenario.file;
    out.drill = scenario.drill;
    out.variant = scenario.variant;
    out.seed = run.seed;
    out.fault_duration = run.fault_end - run.injection;
    out.recovery_window = run.end - run.fault_end;
    out.strict = options.strict;

    const auto pods = drill::pod_histories(run);
    const drill::RunQuery query(run, run.profile.prometheus.lookback_delta);
    out.baseline = check_baseline(run, pods);

    std::vector<ExpectedAlert> documented_alerts;
    std::vector<ExpectedOrder> documented_order;
    if (options.documented) add_documented(*options.documented, expected, documented_alerts, documented_order);
    for (const auto& a : expected.alerts) out.alerts.push_back(check_alert(run, a, Source::Scenario, rules));
    for (const auto& a : documented_alerts) out.alerts.push_back(check_alert(run, a, Source::Docs, rules));
    for (auto& a : out.alerts) a.mechanism = drill::alert_mechanism(a, query, options);
    for (const auto& o : expected.order) out.order.push_back(check_order(run, o, Source::Scenario));
    for (const auto& o : documented_order) out.order.push_back(check_order(run, o, Source::Docs));

    out.behavior = drill::check_behavior(expected, query, pods);
    out.invariants = run.invariants.checks;
    out.rule_errors = run.rule_errors;
    out.alert_recovery = drill::alert_recovery(run);
    out.recovery = drill::check_recovery(expected, query, pods, out.alert_recovery, options);
    if (std::all_of(out.recovery.begin(), out.recovery.end(), [](const RecoveryVerdict& r) { return r.held(); })) {
        Duration latest;
        for (const auto& r : out.recovery) latest = std::max(latest, *r.ttr);
        out.green_ttr = latest;
    }
    out.unexpected = unexpected_alerts(run, expected, out.alerts);
    if (options.docs_given) out.drift = drill::drill_drift(scenario, options);
    return out;
}

std::vector<std::string> uncovered_drills(const DrillDocs& docs, const std::string& docs_file,
                                          const std::vector<Scenario>& scenarios) {
    std::vector<std::string> out;
    for (const auto& d : docs.drills) {
        const bool covered = std::any_of(scenarios.begin(), scenarios.end(),
                                         [&](const Scenario& s) { return s.drill == d.heading; });
        if (!covered)
            out.push_back(sim::format_location(docs_file, d.pos) + ": documented drill \"" + d.heading +
                          "\" has no scenario");
    }
    return out;
}

}  // namespace caracal
