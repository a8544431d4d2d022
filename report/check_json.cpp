// `caracal-twin check --json`.
#include "report/check_report.hpp"

namespace caracal::report {

namespace {

using Json = nlohmann::ordered_json;

Json seconds(const std::optional<Duration>& d) {
    if (!d) return nullptr;
    return d->secs();
}

Json sighting(const AlertSighting& s) { return {{"alert", s.alert}, {"labels", s.labels}, {"at_seconds", s.at.secs()}}; }

Json sightings(const std::vector<AlertSighting>& list) {
    Json out = Json::array();
    for (const auto& s : list) out.push_back(sighting(s));
    return out;
}

std::string source(Source s) { return s == Source::Docs ? "docs" : "scenario"; }

Json alert_json(const AlertVerdict& a) {
    Json j{{"expected", a.expected.label()}, {"any_of", a.expected.names}, {"source", source(a.source)}, {"held", a.held()}};
    if (const auto& d = a.detection) {
        j["detection"] = {{"fired", sighting(d->fired)},
                          {"ttd_seconds", d->fired.at.secs()},
                          {"onset_seconds", d->onset.secs()},
                          {"for_seconds", d->hold.secs()},
                          {"phase_seconds", d->quantisation.secs()},
                          {"during_fault", d->during_fault}};
    } else {
        j["detection"] = nullptr;
    }
    j["pending"] = a.pending ? sighting(*a.pending) : Json(nullptr);
    j["missing_rules"] = a.missing_rules;
    j["mechanism"] = a.mechanism;
    return j;
}

Json order_json(const OrderVerdict& o) {
    return {{"earlier", o.expected.earlier},   {"later", o.expected.later},
            {"source", source(o.source)},      {"held", o.held()},
            {"earlier_seconds", seconds(o.earlier_at)}, {"later_seconds", seconds(o.later_at)}};
}

// Present only when timing was sampled: the items whose outcome the redraws did not all share.
Json timing_json(const DrillVerdict& v, const TimingTally& timing) {
    Json dependent = Json::array();
    for (const auto& [item, held_in_redraws] : check_items(v, {}, timing))
        if (held_in_redraws) dependent.push_back({{"item", item.name}, {"held_in", *held_in_redraws}});
    return {{"redraws", timing.runs}, {"depends_on_timing", dependent}};
}

const char* status_text(ItemStatus s) {
    switch (s) {
        case ItemStatus::Pass: return "pass";
        case ItemStatus::Fail: return "fail";
        case ItemStatus::Note: return "note";
    }
    return "?";
}

Json drill_json(const CheckReport& report, std::size_t i) {
    const DrillVerdict& v = report.drills[i];
    const TimingTally timing = i < report.timing.size() ? report.timing[i] : TimingTally{};
    Json j;
    j["scenario"] = v.scenario;
    j["file"] = v.file;
    j["drill"] = v.drill;
    j["variant"] = v.variant;
    j["seed"] = v.seed;
    j["fault_seconds"] = v.fault_duration.secs();
    j["recovery_seconds"] = v.recovery_window.secs();
    j["passed"] = report.drill_passed(i);
    j["baseline"] = {{"held", v.baseline.held()},
                     {"pods", v.baseline.pods},
                     {"firing", sightings(v.baseline.firing)},
                     {"pending", sightings(v.baseline.pending)},
                     {"unready_pods", v.baseline.unready_pods}};
    Json alerts = Json::array();
    for (const auto& a : v.alerts) alerts.push_back(alert_json(a));
    j["alerts"] = alerts;
    Json order = Json::array();
    for (const auto& o : v.order) order.push_back(order_json(o));
    j["order"] = order;
    Json behavior = Json::array();
    for (const auto& b : v.behavior) behavior.push_back({{"name", b.name}, {"held", b.held}, {"detail", b.detail}});
    j["behavior"] = behavior;
    Json invariants = Json::array();
    for (const auto& c : v.invariants)
        invariants.push_back({{"name", c.name}, {"verdict", std::string(to_string(c.verdict))}, {"detail", c.detail}});
    j["invariants"] = invariants;
    j["rule_errors"] = v.rule_errors;
    Json alert_ttr = Json::array();
    for (const auto& a : v.alert_recovery) alert_ttr.push_back({{"alert", a.alert}, {"ttr_seconds", seconds(a.ttr)}});
    Json conditions = Json::array();
    for (const auto& r : v.recovery)
        conditions.push_back({{"condition", std::string(to_string(r.condition))},
                              {"required", r.required},
                              {"held", r.held()},
                              {"ttr_seconds", seconds(r.ttr)},
                              {"detail", r.detail}});
    j["recovery"] = {{"alerts", alert_ttr}, {"conditions", conditions}, {"green_baseline_ttr_seconds", seconds(v.green_ttr)}};
    j["unexpected"] = sightings(v.unexpected);
    j["drift"] = v.drift;
    if (timing.runs > 0) j["timing"] = timing_json(v, timing);
    if (i < report.paging.size() && !report.paging[i].empty()) {
        Json paging = Json::array();
        for (const auto& item : report.paging[i])
            paging.push_back({{"item", item.name}, {"status", status_text(item.status)}, {"detail", item.detail}});
        j["paging"] = paging;
    }
    return j;
}

}  // namespace

nlohmann::ordered_json check_json(const CheckReport& report) {
    Json doc;
    doc["passed"] = report.passed();
    Json drills = Json::array();
    for (std::size_t i = 0; i < report.drills.size(); ++i)
        drills.push_back(drill_json(report, i));
    doc["scenarios"] = drills;
    doc["docs_drift"] = report.docs_drift;
    doc["not_simulated"] = report.unpredictable;
    if (!report.no_fault_file.empty()) {
        Json fired = Json::array();
        for (const auto* a : report.fired_without_fault())
            fired.push_back({{"alert", a->detection->fired.alert},
                             {"at_seconds", a->detection->fired.at.secs()},
                             {"mechanism", a->mechanism}});
        doc["no_fault"] = {{"file", report.no_fault_file}, {"fired", fired}};
    }
    return doc;
}

}  // namespace caracal::report
