#include "report/report_text.hpp"

#include <algorithm>
#include <cmath>

#include "report/check_report.hpp"

namespace caracal::report {

std::string role_text(AlertRole role) {
    switch (role) {
        case AlertRole::Documented: return "documented";
        case AlertRole::ScenarioOnly: return "scenario only";
        case AlertRole::Unexpected: return "not documented";
    }
    return "";
}

std::string offset_text(const std::optional<Duration>& d) { return d ? format_offset(*d) : "—"; }

std::string decomposition_text(const std::optional<Detection>& d) {
    if (!d) return "—";
    return "onset " + format_offset(d->onset) + " + for " + sim::format_duration(d->hold) + " + phase " +
           sim::format_duration(d->quantisation);
}

std::string baseline_text(const BaselineVerdict& b) {
    std::string text = std::to_string(b.pods) + " pod(s) running at injection, " +
                       std::to_string(b.pods - b.unready_pods.size()) + " ready; " +
                       std::to_string(b.firing.size()) + " alert(s) firing before injection";
    if (!b.pending.empty()) text += ", " + std::to_string(b.pending.size()) + " pending (not firing)";
    return text + (b.held() ? " — green baseline holds" : " — green baseline does NOT hold");
}

std::string step_until(const InjectedStep& s) { return s.until ? format_offset(*s.until) : "one-shot"; }

std::string proof_text(const RecoveryVerdict& r) {
    return std::string(to_string(r.condition)) + (r.required ? "" : " (not required)") + ": " + r.detail;
}

std::string readiness_text(const TimelineRow& row) {
    if (row.spans.empty()) return "ready throughout";
    std::string text;
    for (const auto& s : row.spans)
        text += (text.empty() ? "" : "; ") + std::string(s.kind == SpanKind::Unready ? "unready " : "degraded ") +
                format_offset(s.from) + "–" + format_offset(s.to);
    return text;
}

std::string count_text(double v) { return std::to_string(static_cast<long long>(std::llround(v))); }

std::string observed_text(const AlertRow& row, ObservedInstant which) {
    if (!row.observed) return "";
    const analysis::InstantComparison& c = (*row.observed).*which;
    if (!c.observed) return c.predicted ? "not observed" : "—";
    std::string text = offset_text(c.observed);
    if (c.conforms) return text;
    const auto d = c.difference();
    return text + (d ? " (Δ " + format_offset(*d) + ")" : " (not predicted)");
}

std::string observed_firing_text(const AlertRow& row) {
    if (!row.observed) return "";
    const analysis::ConformanceVerdict v = row.observed->verdict;
    if (v == analysis::ConformanceVerdict::NotObserved) return analysis::verdict_name(v);
    const bool fired = row.observed->firing.observed.has_value();
    return (fired ? observed_text(row, &analysis::InstanceConformance::firing) : "not fired") + " — " +
           analysis::verdict_name(v);
}

std::string observed_ttr_text(const AlertRow& row, Duration fault_duration) {
    if (!row.observed) return "";
    const auto& resolved = row.observed->resolved.observed;
    return offset_text(resolved ? std::optional(*resolved - fault_duration) : std::nullopt);
}

std::string observed_elsewhere_text(const analysis::InstanceConformance& c) {
    return "`" + c.alertname + c.labels + "` pending " + offset_text(c.pending.observed) + ", firing " +
           offset_text(c.firing.observed) + ": " + analysis::verdict_name(c.verdict);
}

DrillSummary summarise(const DrillReport& drill) {
    DrillSummary out;
    std::size_t expected = 0, fired = 0;
    for (const auto& a : drill.alerts) {
        if (a.role == AlertRole::Unexpected) continue;
        ++expected;
        if (!a.firing) continue;
        ++fired;
        out.first_detection = out.first_detection ? std::min(*out.first_detection, *a.firing) : *a.firing;
        out.last_detection = out.last_detection ? std::max(*out.last_detection, *a.firing) : *a.firing;
    }
    out.fired = std::to_string(fired) + " of " + std::to_string(expected);
    out.verdict = drill.findings.empty() ? "as documented" : std::to_string(drill.findings.size()) + " finding(s)";
    return out;
}

}  // namespace caracal::report
