#include "analysis/compare.hpp"

#include <algorithm>

namespace caracal::analysis {

namespace {

// The statistics of `alert` in `stats`, or "never fired" over the same replications.
AlertStatistics side(const CaseStatistics& stats, const AlertStatistics& seen) {
    for (const auto& a : stats.alerts)
        if (a.alert == seen.alert) return a;
    return {seen.alert, seen.expected, stats.replications, 0, std::nullopt, std::nullopt};
}

std::optional<Duration> p95_delta(const std::optional<DurationSpread>& a, const std::optional<DurationSpread>& b) {
    if (!a || !b) return std::nullopt;
    return b->p95 - a->p95;
}

std::optional<Regression> regression(const AlertComparison& c, bool no_fault) {
    if (c.expected && c.b.fired < c.a.fired) return Regression::Lost;
    if (c.expected && c.ttd_delta && *c.ttd_delta > Duration()) return Regression::Slower;
    if (no_fault && c.b.fired > c.a.fired) return Regression::NewFalsePositive;
    return std::nullopt;
}

constexpr const char* kNames[] = {"expected alert lost", "detection slower", "new false positive"};

}  // namespace

std::vector<Case> compare_cases(const std::vector<Scenario>& scenarios, const RunOptions& a, const RunOptions& b) {
    std::vector<Case> cases;
    for (const auto& s : scenarios)
        for (const RunOptions* pack : {&a, &b}) cases.push_back(what_if_case(s.file, s, *pack, {}));
    return cases;
}

std::string_view to_string(Regression r) { return kNames[static_cast<int>(r)]; }

bool fails(Regression r) { return r != Regression::Slower; }

DrillComparison compare_drill(std::string title, std::string file, bool no_fault, const CaseStatistics& a,
                              const CaseStatistics& b) {
    DrillComparison out{std::move(title), std::move(file), no_fault, {}};
    // Both sides list the scenario's expected alerts in the same order; unexpected ones by name.
    std::vector<AlertStatistics> seen;
    for (const auto& x : a.alerts) seen.push_back(x);
    for (const auto& x : b.alerts)
        if (std::none_of(seen.begin(), seen.end(), [&](const AlertStatistics& s) { return s.alert == x.alert; }))
            seen.push_back(x);
    std::stable_sort(seen.begin(), seen.end(), [](const AlertStatistics& x, const AlertStatistics& y) {
        return x.expected != y.expected ? x.expected : (!x.expected && x.alert < y.alert);
    });
    for (const auto& s : seen) {
        AlertComparison c{s.alert, s.expected, side(a, s), side(b, s), std::nullopt, std::nullopt, std::nullopt};
        c.ttd_delta = p95_delta(c.a.ttd, c.b.ttd);
        c.ttr_delta = p95_delta(c.a.ttr, c.b.ttr);
        c.regression = regression(c, no_fault);
        out.alerts.push_back(std::move(c));
    }
    return out;
}

std::size_t Comparison::count(Regression r) const {
    std::size_t n = 0;
    for (const auto& d : drills)
        n += std::count_if(d.alerts.begin(), d.alerts.end(), [&](const AlertComparison& c) { return c.regression == r; });
    return n;
}

bool Comparison::passed() const {
    return count(Regression::Lost) == 0 && count(Regression::NewFalsePositive) == 0;
}

nlohmann::ordered_json compare_header(const ComparedSetup& a, const ComparedSetup& b,
                                      const std::vector<ComparedScenario>& scenarios, const nlohmann::ordered_json& extra) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& s : scenarios) list.push_back({{"title", s.title}, {"file", s.file}, {"no_fault", s.no_fault}});
    return {{"rules_a", a.rules}, {"rules_b", b.rules}, {"profile_a", a.profile}, {"profile_b", b.profile},
            {"scenarios", list}, {"output", extra}};
}

Comparison comparison_of(const Results& results) {
    const auto& h = results.header;
    Comparison out{{h.at("rules_a").get<std::string>(), h.at("profile_a").get<std::string>()},
                   {h.at("rules_b").get<std::string>(), h.at("profile_b").get<std::string>()},
                   results.plan,
                   {}};
    const auto& scenarios = h.at("scenarios");
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const auto& s = scenarios.at(i);
        out.drills.push_back(compare_drill(s.at("title").get<std::string>(), s.at("file").get<std::string>(), s.at("no_fault").get<bool>(),
                                           case_statistics(results.replications_of(2 * i)),
                                           case_statistics(results.replications_of(2 * i + 1))));
    }
    return out;
}

}  // namespace caracal::analysis
