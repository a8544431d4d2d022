#include "analysis/paging.hpp"

#include <algorithm>
#include <tuple>

#include "sim/alerting/alert_episode.hpp"
#include "sim/alertmanager/dispatcher.hpp"

namespace caracal::analysis {

namespace am = sim::alertmanager;

std::vector<const am::Notification*> DrillPaging::pages() const {
    std::vector<const am::Notification*> out;
    for (const auto& n : timeline.notifications)
        if (n.at >= injection) out.push_back(&n);
    return out;
}

const am::Notification* DrillPaging::first_page_to(const std::string& receiver) const {
    for (const auto* n : pages())
        if (n->receiver == receiver && !n->firing.empty()) return n;
    return nullptr;
}

DrillPaging drill_paging(const RunResult& result, const am::Config& config, sim::Duration resend_delay) {
    std::vector<sim::alerting::AlertTransition> transitions;
    for (const auto& a : result.alerts) transitions.insert(transitions.end(), a.transitions.begin(), a.transitions.end());
    std::stable_sort(transitions.begin(), transitions.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
    const auto episodes = sim::alerting::alert_episodes(transitions);
    am::SendSchedule schedule{resend_delay, result.evaluation_intervals, result.end};
    DrillPaging out;
    out.injection = result.injection;
    out.timeline = am::dispatch(config, am::prometheus_sends(episodes, schedule), result.end);
    for (const auto& e : episodes) {
        if (!e.firing_at || *e.firing_at < result.injection) continue;
        out.alerts.push_back({e.labels, *e.firing_at, out.timeline.first_page(e.labels, *e.firing_at)});
    }
    std::stable_sort(out.alerts.begin(), out.alerts.end(), [](const AlertPage& a, const AlertPage& b) {
        return std::tie(a.fired_at, a.labels) < std::tie(b.fired_at, b.labels);
    });
    return out;
}

PageVerdict check_paged(const ExpectedPage& expected, const DrillPaging& paging) {
    const auto within = sim::format_duration(expected.within);
    const am::Notification* first = paging.first_page_to(expected.receiver);
    if (!first) return {false, "no page to " + expected.receiver + " (within " + within + ")"};
    const sim::Duration after = first->at - paging.injection;
    const bool passed = after <= expected.within;
    return {passed, (passed ? "paged " : "first paged ") + expected.receiver + " at +" + sim::format_duration(after) +
                        (passed ? " (within " : " (not within ") + within + ")"};
}

}  // namespace caracal::analysis
