// Why an expected alert fired or did not, in one line: what its condition's signal did during the
// fault, read from the run's series, and what in Caracal moves that signal, from the metric
// contract (models/METRICS.md). Derived from the run, never looked up per drill.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include "models/drill/drill_check_parts.hpp"
#include "models/platform/metric_contract.hpp"
#include "sim/promql/parser.hpp"
#include "sim/promql/selectors.hpp"

namespace caracal::drill {

namespace {

std::string number(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

// `+MM:SS` from injection, whole seconds, as the check report writes times.
std::string offset(const RunResult& run, sim::Time t) {
    const std::int64_t ms = (t - run.injection).ms();
    const std::int64_t secs = (ms < 0 ? -ms : ms) / 1000;
    char text[32];
    std::snprintf(text, sizeof text, "%c%02lld:%02lld", ms < 0 ? '-' : '+', static_cast<long long>(secs / 60),
                  static_cast<long long>(secs % 60));
    return text;
}

// The metric names the expression reads, once each, in order.
std::vector<std::string> metrics_read(const sim::promql::Expr& expr) {
    std::vector<std::string> out;
    for (const auto* s : sim::promql::vector_selectors(expr))
        if (!s->name.empty() && std::find(out.begin(), out.end(), s->name) == out.end()) out.push_back(s->name);
    return out;
}

// "M: what moves it (source)" for the first metric the contract knows.
std::string contract_note(const std::vector<std::string>& metrics) {
    for (const auto& m : metrics) {
        const auto it = metric_contract().find(m);
        if (it == metric_contract().end()) continue;
        const MetricContract& c = it->second;
        std::string note = m + ": " + c.semantics;
        if (!c.exposure.empty()) note += "; " + c.exposure;
        return note + " (" + c.source + ")";
    }
    return {};
}

// The `job` labels of a metric's series: whose scrapes carry it.
std::set<std::string> jobs_of(const RunResult& run, const sim::promql::VectorSelector& selector) {
    std::set<std::string> out;
    for (const auto id : run.storage->select(selector.matchers)) {
        const auto job = run.storage->series(id).labels.get("job");
        if (!job.empty()) out.emplace(job);
    }
    return out;
}

// Why the signal had no sample during the fault: a job whose scrapes failed (up 0) then.
std::string stale_reason(const RunQuery& query, const sim::promql::Expr& signal, const std::vector<sim::Time>& fault) {
    for (const auto* selector : sim::promql::vector_selectors(signal))
        for (const auto& job : jobs_of(query.run(), *selector)) {
            const auto up = sim::promql::parse("min(up{job=\"" + job + "\"})");
            for (sim::Time t : fault)
                if (const auto v = query.value(*up, t); v && *v == 0)
                    return "the " + job + " scrape failed from " + offset(query.run(), t) +
                           " (up 0), so its series went stale";
        }
    return "it had no sample during the fault";
}

std::string why_not(const AlertVerdict& verdict, const RunQuery& query, const sim::alerting::AlertRuleFacts& rule,
                    const std::vector<sim::Time>& fault) {
    const RunResult& run = query.run();
    const auto& expr = *rule.expr;
    for (const auto* selector : sim::promql::vector_selectors(expr))
        if (run.storage->select(selector->matchers).empty())
            return "not simulated: the twin produces no series for " + sim::promql::to_string(*selector);
    if (verdict.pending)
        return "its condition held from " + offset(run, run.injection + verdict.pending->at) +
               " but not for " + sim::format_duration(rule.hold) + " at a stretch";
    if (!rule.watched) return "its expression returned nothing during the fault";
    const auto& w = *rule.watched;
    const bool upward = w.alerts_upward();
    const auto extreme = sim::promql::parse(std::string(upward ? "max" : "min") + "(" + w.signal_text + ")");
    std::optional<double> reached;
    for (sim::Time t : fault)
        if (const auto v = query.value(*extreme, t); v && !std::isnan(*v))
            reached = !reached ? *v : upward ? std::max(*reached, *v) : std::min(*reached, *v);
    if (!reached) return "cannot fire: " + w.signal_text + " had no data: " + stale_reason(query, *w.signal, fault);
    return "never held: " + w.signal_text + (upward ? " reached at most " : " stayed at or above ") + number(*reached) +
           " during the fault, against " + std::string(sim::promql::to_string(w.op)) + " " + number(w.threshold);
}

}  // namespace

std::string alert_mechanism(const AlertVerdict& verdict, const RunQuery& query, const CheckOptions& options) {
    const RunResult& run = query.run();
    const std::string& name = verdict.detection ? verdict.detection->fired.alert : verdict.expected.names.front();
    const auto rule = run.rules.find(name);
    if (rule == run.rules.end()) return {};
    const auto metrics = metrics_read(*rule->second.expr);
    std::string line;
    if (const auto& d = verdict.detection) {
        line = "its condition held from " + offset(run, run.injection + d->onset);
        if (rule->second.watched) line += " (" + rule->second.watched->signal_text + " " +
                                          std::string(sim::promql::to_string(rule->second.watched->op)) + " " +
                                          number(rule->second.watched->threshold) + ")";
    } else {
        line = why_not(verdict, query, rule->second, grid(run.injection, run.fault_end, options.sample_step));
    }
    const std::string note = contract_note(metrics);
    return note.empty() ? line : line + "; " + note;
}

}  // namespace caracal::drill
