#include "analysis/statistics.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <Eigen/Core>

namespace caracal::analysis {

namespace {

using Json = nlohmann::ordered_json;
using Millis = Eigen::Array<std::int64_t, Eigen::Dynamic, 1>;

Millis sorted_millis(const std::vector<Duration>& samples) {
    Millis ms(static_cast<Eigen::Index>(samples.size()));
    for (std::size_t i = 0; i < samples.size(); ++i) ms[static_cast<Eigen::Index>(i)] = samples[i].ms();
    std::sort(ms.data(), ms.data() + ms.size());
    return ms;
}

// Nearest rank over sorted samples: the ceil(percent·n/100)-th smallest, the smallest for 0.
Duration ranked(const Millis& sorted, unsigned percent) {
    const auto n = static_cast<std::size_t>(sorted.size());
    const std::size_t rank = std::max<std::size_t>((percent * n + 99) / 100, 1);
    return Duration::millis(sorted[static_cast<Eigen::Index>(rank - 1)]);
}

AlertStatistics alert_statistics(const std::string& alert, bool expected, const std::vector<const Outcome*>& replications) {
    AlertStatistics stats{alert, expected, replications.size(), 0, std::nullopt, std::nullopt};
    std::vector<Duration> ttd, ttr;
    for (const Outcome* o : replications) {
        const AlertOutcome* a = o->find(alert);
        if (!a || !a->fired) continue;
        ++stats.fired;
        if (a->ttd) ttd.push_back(*a->ttd);
        if (a->ttr) ttr.push_back(*a->ttr);
    }
    stats.ttd = spread(ttd);
    stats.ttr = spread(ttr);
    return stats;
}

Json seconds(Duration d) { return d.secs(); }

}  // namespace

Duration quantile(std::vector<Duration> samples, unsigned percent) { return ranked(sorted_millis(samples), percent); }

std::optional<DurationSpread> spread(const std::vector<Duration>& samples) {
    if (samples.empty()) return std::nullopt;
    const Millis sorted = sorted_millis(samples);
    return DurationSpread{samples.size(), Duration::millis(sorted.minCoeff()), ranked(sorted, 50), ranked(sorted, 95),
                          Duration::millis(sorted.maxCoeff())};
}

bool CaseStatistics::detected_always() const {
    return std::all_of(alerts.begin(), alerts.end(),
                       [](const AlertStatistics& a) { return !a.expected || a.fired == a.replications; });
}

CaseStatistics case_statistics(const std::vector<const Outcome*>& replications) {
    CaseStatistics stats;
    stats.replications = replications.size();
    std::vector<std::string> expected;
    std::set<std::string> others;
    std::map<std::string, std::size_t> failed;
    for (const Outcome* o : replications) {
        if (o->passed) ++stats.passed;
        for (const auto& f : o->failed) ++failed[f];
        for (const auto& a : o->alerts) {
            if (!a.expected) others.insert(a.alert);
            else if (std::find(expected.begin(), expected.end(), a.alert) == expected.end()) expected.push_back(a.alert);
        }
    }
    for (const auto& name : expected) stats.alerts.push_back(alert_statistics(name, true, replications));
    for (const auto& name : others) stats.alerts.push_back(alert_statistics(name, false, replications));
    stats.failed_checks.assign(failed.begin(), failed.end());
    std::stable_sort(stats.failed_checks.begin(), stats.failed_checks.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return stats;
}

nlohmann::ordered_json to_json(const DurationSpread& s) {
    return {{"samples", s.samples},
            {"min_seconds", seconds(s.min)},
            {"p50_seconds", seconds(s.p50)},
            {"p95_seconds", seconds(s.p95)},
            {"max_seconds", seconds(s.max)}};
}

nlohmann::ordered_json to_json(const AlertStatistics& stats) {
    return {{"alert", stats.alert},
            {"expected", stats.expected},
            {"replications", stats.replications},
            {"fired", stats.fired},
            {"p_fired", stats.p_fired()},
            {"ttd", stats.ttd ? to_json(*stats.ttd) : Json(nullptr)},
            {"ttr", stats.ttr ? to_json(*stats.ttr) : Json(nullptr)}};
}

nlohmann::ordered_json to_json(const CaseStatistics& stats) {
    Json alerts = Json::array();
    for (const auto& a : stats.alerts) alerts.push_back(to_json(a));
    Json failed = Json::array();
    for (const auto& [check, count] : stats.failed_checks) failed.push_back({{"check", check}, {"replications", count}});
    return {{"replications", stats.replications},
            {"passed", stats.passed},
            {"failed_checks", failed},
            {"detected_always", stats.detected_always()},
            {"alerts", alerts}};
}

}  // namespace caracal::analysis
