// The verdict lines of one drill, shared by the terminal and JUnit writers.
#include <algorithm>

#include "report/check_report.hpp"
#include "report/run_report.hpp"

namespace caracal::report {

namespace {

ItemStatus status(bool held) { return held ? ItemStatus::Pass : ItemStatus::Fail; }

std::string source_suffix(Source s) { return s == Source::Docs ? " (docs)" : ""; }

std::string sighting(const AlertSighting& s) { return s.alert + s.labels + " at " + format_offset(s.at); }

CheckItem baseline_item(const BaselineVerdict& b) {
    std::string detail;
    for (const auto& f : b.firing) detail += (detail.empty() ? "" : "; ") + sighting(f) + " firing before injection";
    for (const auto& p : b.unready_pods) detail += (detail.empty() ? "" : "; ") + p + " not ready at injection";
    if (detail.empty())
        detail = "no alert firing before injection, " + std::to_string(b.pods) + " pod(s) ready at injection";
    return {"green baseline", status(b.held()), detail};
}

// "X never fired", or why X cannot be predicted at all.
std::string unfired(const std::string& alert, const UnpredictableAlerts& unpredictable) {
    const auto it = unpredictable.find(alert);
    return alert + (it == unpredictable.end() ? " never fired" : " " + not_simulated(it->second));
}

CheckItem alert_item(const AlertVerdict& a, const UnpredictableAlerts& unpredictable) {
    std::string detail;
    bool covered = true;
    if (const auto& d = a.detection) {
        detail = d->fired.alert + " fired " + format_offset(d->fired.at) + " = onset " + format_offset(d->onset) +
                 " + for " + sim::format_duration(d->hold) + " + phase " + sim::format_duration(d->quantisation) +
                 (d->during_fault ? ", during the fault" : ", only in recovery");
    } else {
        detail = "never fired";
        for (const auto& name : a.expected.names)
            if (const auto it = unpredictable.find(name); it != unpredictable.end()) {
                detail = not_simulated(it->second);
                covered = false;
            }
        if (a.pending) detail += "; " + a.pending->alert + " pending at " + format_offset(a.pending->at);
    }
    for (const auto& m : a.missing_rules) detail += "; no rule " + m + " in the rule file";
    // An alert the twin cannot predict has its reason already: the selectors that match nothing.
    if (!a.mechanism.empty() && covered) detail += " — why: " + a.mechanism;
    return {a.expected.label() + source_suffix(a.source), status(a.held()), detail};
}

CheckItem order_item(const OrderVerdict& o, const UnpredictableAlerts& unpredictable) {
    const auto& e = o.expected;
    std::string detail;
    if (!o.earlier_at || !o.later_at) {
        detail = unfired(!o.earlier_at ? e.earlier : e.later, unpredictable);
    } else if (*o.earlier_at == *o.later_at) {
        detail = "both fired at the same evaluation, " + format_offset(*o.earlier_at);
    } else {
        detail = e.earlier + " " + format_offset(*o.earlier_at) + ", " + e.later + " " + format_offset(*o.later_at);
    }
    return {"order " + e.earlier + " then " + e.later + source_suffix(o.source), status(o.held()), detail};
}

CheckItem recovery_item(const RecoveryVerdict& r) {
    const ItemStatus s = r.held() ? ItemStatus::Pass : r.required ? ItemStatus::Fail : ItemStatus::Note;
    std::string name = "recovery " + std::string(to_string(r.condition));
    if (!r.required) name += " (not required)";
    return {name, s, (r.ttr ? "TTR " + format_offset(*r.ttr) + ": " : "not restored: ") + r.detail};
}

std::string alert_ttrs(const std::vector<AlertRecovery>& alerts) {
    std::string out;
    for (const auto& a : alerts)
        out += (out.empty() ? "" : ", ") + a.alert + " " +
               (!a.ttr ? std::string("unresolved")
                       : format_offset(*a.ttr) + (a.during_fault() ? " (resolved during the fault)" : ""));
    return out.empty() ? "no alert active after injection" : out;
}

}  // namespace

std::string format_offset(Duration d) { return format_relative(sim::Time::epoch() + d, sim::Time::epoch()); }

std::string drill_title(const std::string& scenario, const std::string& drill, const std::string& variant) {
    std::string title = drill.empty() ? scenario : drill;
    if (!variant.empty()) title += " [" + variant + "]";
    return title;
}

std::string drill_title(const DrillVerdict& v) { return drill_title(v.scenario, v.drill, v.variant); }

std::vector<CheckItem> check_items(const DrillVerdict& v, const UnpredictableAlerts& unpredictable) {
    std::vector<CheckItem> items{baseline_item(v.baseline)};
    for (const auto& p : v.baseline.pending)
        items.push_back({"baseline pending", ItemStatus::Note, sighting(p) + " pending, not firing before injection"});
    for (const auto& a : v.alerts) items.push_back(alert_item(a, unpredictable));
    for (const auto& o : v.order) items.push_back(order_item(o, unpredictable));
    for (const auto& b : v.behavior) items.push_back({b.name, status(b.held), b.detail});
    for (const auto& c : v.invariants)
        items.push_back({"invariant " + c.name, status(c.verdict != Verdict::Violated),
                         std::string(to_string(c.verdict)) + " (" + c.detail + ")"});
    for (const auto& e : v.rule_errors) items.push_back({"rule evaluation", ItemStatus::Fail, e});
    for (const auto& r : v.recovery) items.push_back(recovery_item(r));
    items.push_back({"alert TTR", ItemStatus::Note, alert_ttrs(v.alert_recovery)});
    items.push_back({"green baseline TTR", ItemStatus::Note,
                     v.green_ttr ? format_offset(*v.green_ttr) + " after the fault" : std::string("not restored")});
    for (const auto& u : v.unexpected)
        items.push_back({"unexpected " + u.alert, v.strict ? ItemStatus::Fail : ItemStatus::Note,
                         "fired " + format_offset(u.at) + " " + u.labels});
    for (const auto& d : v.drift) items.push_back({"docs drift", ItemStatus::Fail, d});
    return items;
}

std::vector<const AlertVerdict*> CheckReport::fired_without_fault() const {
    std::vector<const AlertVerdict*> out;
    for (const auto& a : no_fault.alerts)
        if (a.held()) out.push_back(&a);
    return out;
}

bool CheckReport::drill_passed(std::size_t i) const {
    if (!drills.at(i).passed()) return false;
    if (i >= paging.size()) return true;
    return std::none_of(paging[i].begin(), paging[i].end(), [](const CheckItem& c) { return c.status == ItemStatus::Fail; });
}

bool CheckReport::passed() const {
    if (!docs_drift.empty() || (strict && !unpredictable.empty()) || (strict && !fired_without_fault().empty())) return false;
    for (std::size_t i = 0; i < drills.size(); ++i)
        if (!drill_passed(i)) return false;
    return true;
}

}  // namespace caracal::report
