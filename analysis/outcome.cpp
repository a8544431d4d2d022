#include "analysis/outcome.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/scenario/scenario_limits.hpp"

namespace caracal::analysis {

namespace {

using Json = nlohmann::ordered_json;

std::optional<Duration> recovery_of(const DrillVerdict& verdict, const std::string& alert) {
    const auto& list = verdict.alert_recovery;
    const auto it = std::find_if(list.begin(), list.end(), [&](const AlertRecovery& r) { return r.alert == alert; });
    if (it == list.end()) return std::nullopt;
    return it->ttr;
}

Json millis(const std::optional<Duration>& d) {
    if (!d) return nullptr;
    return d->ms();
}

// A time read back from a shard: time to detect (since injection, so >= 0) or to resolve (since
// the fault ended; negative when resolved during the fault). Checked before converting: a float
// beyond 64 bits would be undefined behaviour, and an absurd time would be printed in a merged
// report as if measured.
std::optional<Duration> millis_from(const nlohmann::json& json, const char* field, bool may_be_negative) {
    const nlohmann::json& j = json.at(field);
    if (j.is_null()) return std::nullopt;
    const double limit = static_cast<double>(kMaxRunSpan.ms());
    const double v = j.is_number() ? j.get<double>() : std::nan("");
    const double lowest = may_be_negative ? -limit : 0;
    if (!(std::trunc(v) == v && v >= lowest && v <= limit))
        throw std::domain_error(std::string(field) + " " + j.dump() + " is not a whole number of milliseconds from " +
                                std::to_string(static_cast<std::int64_t>(lowest)) + " to " +
                                std::to_string(kMaxRunSpan.ms()) + " (the longest run)");
    return Duration::millis(static_cast<std::int64_t>(v));
}

}  // namespace

const AlertOutcome* Outcome::find(const std::string& alert) const {
    const auto it = std::find_if(alerts.begin(), alerts.end(), [&](const AlertOutcome& a) { return a.alert == alert; });
    return it == alerts.end() ? nullptr : &*it;
}

Outcome outcome_of(const DrillVerdict& verdict) {
    Outcome out;
    out.passed = verdict.passed();
    out.failed = verdict.failed_checks();
    for (const auto& a : verdict.alerts) {
        AlertOutcome o{a.expected.label(), true, false, false, std::nullopt, std::nullopt};
        if (const auto& d = a.detection) {
            o.fired = true;
            o.during_fault = d->during_fault;
            o.ttd = d->fired.at;
            o.ttr = recovery_of(verdict, d->fired.alert);
        }
        out.alerts.push_back(std::move(o));
    }
    for (const auto& s : verdict.unexpected)
        out.alerts.push_back({s.alert, false, true, s.at <= verdict.fault_duration, s.at, recovery_of(verdict, s.alert)});
    return out;
}

nlohmann::ordered_json to_json(const Outcome& outcome) {
    Json alerts = Json::array();
    for (const auto& a : outcome.alerts)
        alerts.push_back({{"alert", a.alert},
                          {"expected", a.expected},
                          {"fired", a.fired},
                          {"during_fault", a.during_fault},
                          {"ttd_ms", millis(a.ttd)},
                          {"ttr_ms", millis(a.ttr)}});
    return {{"passed", outcome.passed}, {"failed", outcome.failed}, {"alerts", alerts}};
}

Outcome outcome_from_json(const nlohmann::json& json) {
    Outcome out;
    out.passed = json.at("passed").get<bool>();
    out.failed = json.at("failed").get<std::vector<std::string>>();
    for (const auto& a : json.at("alerts"))
        out.alerts.push_back({a.at("alert").get<std::string>(), a.at("expected").get<bool>(), a.at("fired").get<bool>(),
                              a.at("during_fault").get<bool>(), millis_from(a, "ttd_ms", false), millis_from(a, "ttr_ms", true)});
    return out;
}

}  // namespace caracal::analysis
