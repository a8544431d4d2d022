// Findings: where the prediction disagrees with the docs or the scenario's expectations, each with
// the mechanism read from the run — when the alert went pending, how far its signal got against
// the threshold, which alert fired first — rather than from a table of known causes.
#include <algorithm>

#include "report/check_report.hpp"
#include "report/report_model.hpp"

namespace caracal::report {

namespace {

std::string source_text(Source s) { return s == Source::Docs ? "documented" : "expected"; }

const SignalPlot* plot_of(const std::vector<SignalPlot>& signals, const std::string& alert) {
    const auto it = std::find_if(signals.begin(), signals.end(), [&](const SignalPlot& p) { return p.alert == alert; });
    return it == signals.end() ? nullptr : &*it;
}

std::string hold_text(const sim::alerting::RuleFacts& rules, const std::string& alert) {
    const auto it = rules.find(alert);
    return it == rules.end() ? "no rule" : "for " + sim::format_duration(it->second.hold);
}

// Why one alert did not fire: its condition never held, or held for less than its `for`.
std::string unfired_mechanism(const std::string& alert, const AlertVerdict& verdict, const sim::alerting::RuleFacts& rules,
                              const std::vector<SignalPlot>& signals) {
    if (std::find(verdict.missing_rules.begin(), verdict.missing_rules.end(), alert) != verdict.missing_rules.end())
        return alert + ": the rule file has no such rule";
    std::string text = alert + " (" + hold_text(rules, alert) + ")";
    if (verdict.pending && verdict.pending->alert == alert)
        text += " went pending at " + format_offset(verdict.pending->at) + " but its condition cleared before the `for` elapsed";
    else
        text += " never went pending";
    if (const auto* plot = plot_of(signals, alert)) {
        text += "; " + describe_peak(*plot);
        if (plot->peak && !plot->condition.holds(plot->peak->value)) text += ", so the threshold is never crossed";
    }
    return text;
}

Finding alert_finding(const AlertVerdict& a, const sim::alerting::RuleFacts& rules, const std::vector<SignalPlot>& signals) {
    std::string mechanism;
    for (const auto& name : a.expected.names)
        mechanism += (mechanism.empty() ? "" : "; ") + unfired_mechanism(name, a, rules, signals);
    return {source_text(a.source) + " alert " + a.expected.label() + " does not fire", mechanism + "."};
}

Finding order_finding(const OrderVerdict& o, const sim::alerting::RuleFacts& rules) {
    const auto& e = o.expected;
    std::string mechanism;
    if (!o.earlier_at || !o.later_at) {
        mechanism = (!o.earlier_at ? e.earlier : e.later) + " never fires, so the order cannot be seen";
    } else {
        mechanism = e.earlier + " (" + hold_text(rules, e.earlier) + ") fires at " + format_offset(*o.earlier_at) + ", " +
                    e.later + " (" + hold_text(rules, e.later) + ") at " + format_offset(*o.later_at);
        if (*o.earlier_at == *o.later_at) mechanism += ": the same evaluation";
    }
    return {source_text(o.source) + " order " + e.earlier + " then " + e.later + " does not hold", mechanism + "."};
}

Finding unexpected_finding(const AlertSighting& u, const std::vector<SignalPlot>& signals) {
    std::string mechanism = u.alert + u.labels + " fires at " + format_offset(u.at);
    if (const auto* plot = plot_of(signals, u.alert)) {
        mechanism += "; " + describe_peak(*plot);
        if (plot->first_held) mechanism += ", the condition first held at " + format_offset(*plot->first_held);
    }
    return {"alert " + u.alert + " fires but is not expected for this drill", mechanism + "."};
}

}  // namespace

std::vector<Finding> drill_findings(const DrillVerdict& v, const sim::alerting::RuleFacts& rules, const std::vector<SignalPlot>& signals) {
    std::vector<Finding> out;
    if (!v.baseline.held()) {
        std::string mechanism;
        for (const auto& f : v.baseline.firing) mechanism += f.alert + f.labels + " firing at " + format_offset(f.at) + "; ";
        for (const auto& p : v.baseline.unready_pods) mechanism += p + " not ready at injection; ";
        out.push_back({"the green baseline does not hold before injection", mechanism.substr(0, mechanism.size() - 2) + "."});
    }
    for (const auto& a : v.alerts)
        if (!a.held()) out.push_back(alert_finding(a, rules, signals));
    for (const auto& o : v.order)
        if (!o.held()) out.push_back(order_finding(o, rules));
    for (const auto& u : v.unexpected) out.push_back(unexpected_finding(u, signals));
    for (const auto& b : v.behavior)
        if (!b.held) out.push_back({"behaviour " + b.name + " does not hold", b.detail});
    for (const auto& c : v.invariants)
        if (c.verdict == Verdict::Violated) out.push_back({"invariant " + c.name + " is violated", c.detail});
    for (const auto& r : v.recovery)
        if (r.required && !r.held())
            out.push_back({"recovery " + std::string(to_string(r.condition)) + " is not reached", r.detail});
    for (const auto& e : v.rule_errors) out.push_back({"a rule fails to evaluate", e});
    for (const auto& d : v.drift) out.push_back({"the docs and the scenario disagree", d});
    return out;
}

}  // namespace caracal::report
