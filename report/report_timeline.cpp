// The report's timeline: alert instances' pending and firing stretches from their transitions, and
// each service's readiness (degraded while some of its pods are not ready, unready while none is)
// read from the pods' readiness histories on the drill check's grid.
#include <map>

#include "models/drill/pod_history.hpp"
#include "report/output_timeline.hpp"
#include "report/report_model.hpp"

namespace caracal::report {

namespace {

// Readiness is read every 5s, as the drill check reads series conditions.
constexpr Duration kReadinessStep = Duration::seconds(5);

TimelineRow alert_row(const AlertInstance& alert, const RunResult& run) {
    // Severity is in the alerts table; the row keeps the labels that tell instances apart.
    TimelineRow row{alert.name, alert.labels.drop({"alertname", "severity"}).to_string(), {}};
    for (const auto& e : sim::alerting::alert_episodes(alert.transitions)) {
        const sim::Time closed = e.resolved_at.value_or(run.end);
        const sim::Time fired = e.firing_at.value_or(closed);
        if (fired > e.active_at) row.spans.push_back({SpanKind::Pending, e.active_at - run.injection, fired - run.injection});
        if (e.firing_at) row.spans.push_back({SpanKind::Firing, fired - run.injection, closed - run.injection});
    }
    return row;
}

// Appends `kind` over [from, to), merging with the previous span when they touch.
void extend(std::vector<Span>& spans, SpanKind kind, Duration from, Duration to) {
    if (!spans.empty() && spans.back().kind == kind && spans.back().to == from) spans.back().to = to;
    else spans.push_back({kind, from, to});
}

TimelineRow readiness_row(Service service, const std::vector<const drill::PodHistory*>& pods, const RunResult& run) {
    TimelineRow row{std::string(name(service)), "", {}};
    const sim::Time before = drill::just_before(run.injection);
    std::size_t expected = 0;  // pods of the green baseline
    for (const auto* p : pods) expected += p->running_at(before) ? 1 : 0;
    if (expected == 0) return row;
    for (sim::Time t = run.start; t < run.end; t += kReadinessStep) {
        std::size_t ready = 0;
        for (const auto* p : pods) ready += p->running_at(t) && p->ready_at(t) ? 1 : 0;
        if (ready >= expected) continue;
        const sim::Time next = std::min(t + kReadinessStep, run.end);
        extend(row.spans, ready == 0 ? SpanKind::Unready : SpanKind::Degraded, t - run.injection, next - run.injection);
    }
    return row;
}

}  // namespace

std::string_view to_string(SpanKind kind) {
    switch (kind) {
        case SpanKind::Pending: return "pending";
        case SpanKind::Firing: return "firing";
        case SpanKind::Degraded: return "degraded";
        case SpanKind::Unready: return "unready";
    }
    return "";
}

Timeline drill_timeline(const RunResult& run) {
    Timeline out{run.start - run.injection, run.fault_end - run.injection, run.end - run.injection, {}, {}};
    for (const auto& a : run.alerts) out.alerts.push_back(alert_row(a, run));
    const std::vector<drill::PodHistory> histories = drill::pod_histories(run);
    std::map<Service, std::vector<const drill::PodHistory*>> by_service;
    for (const auto& h : histories) by_service[h.service].push_back(&h);
    for (Service s : kServices) out.readiness.push_back(readiness_row(s, by_service[s], run));
    return out;
}

}  // namespace caracal::report
