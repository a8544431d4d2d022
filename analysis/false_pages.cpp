#include "analysis/false_pages.hpp"

#include <algorithm>

#include "sim/alerting/alert_episode.hpp"

namespace caracal::analysis {

namespace {

constexpr double kMillisPerWeek = 7.0 * 24 * 3600 * 1000;

bool in_effect_at(const AppliedStep& s, sim::Time t) {
    return s.applied_at <= t && (!s.reverted_at || t < *s.reverted_at);
}

// What explains an alert that became active at `t`: see FalsePage::disturbance.
void attribute(const std::vector<AppliedStep>& steps, FalsePage& page) {
    const AppliedStep* in_effect = nullptr;
    const AppliedStep* before = nullptr;
    for (const auto& s : steps) {
        if (s.applied_at > page.active_at) continue;
        if (in_effect_at(s, page.active_at)) {
            if (!in_effect || s.applied_at >= in_effect->applied_at) in_effect = &s;
        } else if (s.reverted_at && (!before || *s.reverted_at >= *before->reverted_at)) {
            before = &s;
        }
    }
    const AppliedStep* chosen = in_effect ? in_effect : before;
    if (chosen) page.disturbance = *chosen;
    page.disturbance_in_effect = in_effect != nullptr;
}

}  // namespace

std::vector<FalsePage> false_pages(const RunResult& run) {
    std::vector<FalsePage> out;
    for (const auto& a : run.alerts)
        for (const auto& e : sim::alerting::alert_episodes(a.transitions)) {
            if (!e.firing_at || *e.firing_at < run.injection) continue;
            FalsePage page{a.name, a.labels, e.active_at, *e.firing_at, std::nullopt, false};
            attribute(run.steps, page);
            out.push_back(std::move(page));
        }
    std::stable_sort(out.begin(), out.end(), [](const FalsePage& a, const FalsePage& b) { return a.firing_at < b.firing_at; });
    return out;
}

std::map<std::string, double> false_pages_per_week(const RunResult& run) {
    std::map<std::string, double> out;
    for (const auto& [name, facts] : run.rules) out[name] = 0;
    const double weeks = static_cast<double>((run.end - run.injection).ms()) / kMillisPerWeek;
    if (weeks <= 0) return out;
    for (const auto& page : false_pages(run)) out[page.alert] += 1 / weeks;
    return out;
}

}  // namespace caracal::analysis
