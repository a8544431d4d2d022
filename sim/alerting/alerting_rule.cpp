#include "sim/alerting/alerting_rule.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/promql/parser.hpp"

namespace sim::alerting {

namespace {

// How long a resolved alert is kept so that "resolved" can still be sent (rules/alerting.go).
constexpr Duration kResolvedRetention = Duration::minutes(15);

std::vector<tsdb::Label> raw_labels(const std::vector<TemplatedField>& fields) {
    std::vector<tsdb::Label> out;
    for (const auto& f : fields) out.push_back({f.name, f.value.text()});
    return out;
}

// A template's `query "expr"` at the rule's query instant, worded as Prometheus words its errors
// (`1:4: parse error: ...`, which `error calling query: ` then prefixes).
std::vector<QuerySample> template_query(const std::string& text, Time at, const tsdb::Storage& storage,
                                        const RuleContext& ctx) {
    promql::ExprPtr expr;
    try {
        expr = promql::parse(text);
    } catch (const promql::ParseError& e) {
        const auto offset = std::min(static_cast<std::size_t>(std::max(0, e.pos().start)), text.size());
        const std::string_view before = std::string_view(text).substr(0, offset);
        const auto line = 1 + std::count(before.begin(), before.end(), '\n');
        const auto line_start = before.rfind('\n');
        const auto column = 1 + (line_start == std::string_view::npos ? offset : offset - line_start - 1);
        throw std::runtime_error(std::to_string(line) + ":" + std::to_string(column) + ": parse error: " + e.what());
    }
    std::vector<QuerySample> out;
    for (auto& s : instant_query(*expr, at, storage, ctx)) out.push_back({std::move(s.metric), s.v});
    return out;
}

promql::VectorSample output_sample(tsdb::Labels labels, std::string_view metric, Time at, double v) {
    labels.set(tsdb::kMetricName, metric);
    return {std::move(labels), v, at};
}

}  // namespace

AlertingRule::AlertingRule(std::string name, SourcePos pos, std::string expr_text, promql::ExprPtr expr,
                           std::vector<TemplatedField> labels, AlertingRuleSpec spec)
    : Rule(std::move(name), pos, std::move(expr_text), std::move(expr), raw_labels(labels)),
      label_templates_(std::move(labels)),
      spec_(std::move(spec)) {}

AlertingRule::AlertingRule(const AlertingRule& other, Definition d)
    : Rule(other, d), label_templates_(other.label_templates_), spec_(other.spec_) {}

std::unique_ptr<Rule> AlertingRule::clone() const {
    return std::unique_ptr<Rule>(new AlertingRule(*this, Definition{}));  // the constructor is protected
}

void AlertingRule::transition(Time at, Alert& alert, AlertState to) {
    if (log_) log_->push_back({at, name(), alert.labels, alert.state, to, alert.value});
    alert.state = to;
}

// The whole state machine of rules/alerting.go AlertingRule.Eval, step by step.
promql::Vector AlertingRule::evaluate(Time ts, Duration query_offset, const tsdb::Storage& storage,
                                      const RuleContext& ctx, int limit) {
    const Time query_time = ts - query_offset;
    // A query error propagates from here: no alert changes state and nothing is written.
    const promql::Vector result = query(query_time, storage, ctx);

    // 1. One candidate per result element. Label templates are expanded before the identity is
    //    taken, so `$value` in a label makes a new alert whenever the value changes.
    std::map<tsdb::Labels, Alert> returned;
    const TemplateQuery run_query = [&](const std::string& text) { return template_query(text, query_time, storage, ctx); };
    for (const auto& sample : result) {
        const TemplateData data{sample.metric, sample.v, ctx.external_labels, ctx.external_url, name(), &run_query};
        tsdb::Labels labels = sample.metric.without_name();
        for (const auto& l : label_templates_) labels.set(l.name, l.value.expand(data));
        labels.set("alertname", name());
        tsdb::Labels annotations;
        for (const auto& a : spec_.annotations) annotations.set(a.name, a.value.expand(data));
        Alert candidate;
        candidate.labels = labels;
        candidate.annotations = std::move(annotations);
        candidate.state = AlertState::Inactive;
        candidate.value = sample.v;
        candidate.active_at = ts;
        if (!returned.emplace(std::move(labels), std::move(candidate)).second)
            throw RuleError("vector contains metrics with the same labelset after applying alert labels");
    }

    // 2. An alert that is still pending or firing keeps its ActiveAt and only takes the new value
    //    and annotations; anything else (unknown, or resolved and retained) starts afresh.
    for (auto& [labels, candidate] : returned) {
        auto known = alerts_.find(labels);
        if (known != alerts_.end() && known->second.state != AlertState::Inactive) {
            known->second.value = candidate.value;
            known->second.annotations = candidate.annotations;
            continue;
        }
        transition(ts, candidate, AlertState::Pending);
        alerts_.insert_or_assign(labels, candidate);
    }

    // 3. Advance every known alert and write ALERTS / ALERTS_FOR_STATE for the active ones.
    promql::Vector out;
    int active = 0;
    for (auto it = alerts_.begin(); it != alerts_.end();) {
        Alert& alert = it->second;
        if (returned.contains(it->first)) {
            alert.keep_firing_since.reset();  // the condition is back: cancel any countdown
        } else {
            bool keep_firing = false;
            if (alert.state == AlertState::Firing && spec_.keep_firing_for > Duration()) {
                if (!alert.keep_firing_since) alert.keep_firing_since = ts;
                keep_firing = ts - *alert.keep_firing_since < spec_.keep_firing_for;
            }
            if (!keep_firing) {
                if (alert.state == AlertState::Pending) {  // a single absent tick resets `for`
                    transition(ts, alert, AlertState::Inactive);
                    it = alerts_.erase(it);
                    continue;
                }
                if (alert.state == AlertState::Firing) {
                    alert.resolved_at = ts;
                    transition(ts, alert, AlertState::Inactive);
                } else if (ts - *alert.resolved_at > kResolvedRetention) {
                    it = alerts_.erase(it);
                    continue;
                }
                ++it;
                continue;
            }
        }

        ++active;
        if (alert.state == AlertState::Pending && ts - alert.active_at >= spec_.hold) {
            alert.fired_at = ts;
            transition(ts, alert, AlertState::Firing);
        }
        if (restored_) {
            tsdb::Labels with_state = alert.labels;
            with_state.set("alertstate", to_string(alert.state));
            out.push_back(output_sample(std::move(with_state), "ALERTS", query_time, 1));
            // Whole seconds, as Prometheus stores ActiveAt.Unix().
            const double active_at = std::floor(alert.active_at.unix_secs());
            out.push_back(output_sample(alert.labels, "ALERTS_FOR_STATE", query_time, active_at));
        }
        ++it;
    }

    // 4. Too many alerts: all of them are dropped and the evaluation fails.
    if (limit > 0 && active > limit) {
        alerts_.clear();
        throw RuleError("exceeded limit of " + std::to_string(limit) + " with " + std::to_string(active) + " alerts");
    }
    return out;
}

std::vector<Alert> AlertingRule::active_alerts() const {
    std::vector<Alert> out;
    for (const auto& [labels, alert] : alerts_)
        if (alert.state != AlertState::Inactive) out.push_back(alert);
    return out;
}

std::vector<Alert> AlertingRule::all_alerts() const {
    std::vector<Alert> out;
    for (const auto& [labels, alert] : alerts_) out.push_back(alert);
    return out;
}

}  // namespace sim::alerting
