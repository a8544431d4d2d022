#include <catch2/catch.hpp>

#include <array>

#include "analysis/advise.hpp"

using namespace caracal::analysis;
using sim::Duration;

namespace {

const std::vector<Duration> kCandidates{Duration(), Duration::minutes(1), Duration::minutes(5)};

// A case where each listed alert fired in `fired` of 2 replications (TTD 100 s and 200 s).
CaseStatistics runs(const std::vector<std::pair<std::string, int>>& alerts, bool expected) {
    std::vector<Outcome> outcomes(2);
    for (const auto& [name, fired] : alerts)
        for (int r = 0; r < 2; ++r) {
            AlertOutcome a;
            a.alert = name;
            a.expected = expected;
            if (r < fired) {
                a.fired = true;
                a.ttd = Duration::seconds(100 * (r + 1));
            }
            outcomes[r].alerts.push_back(a);
        }
    return case_statistics({&outcomes[0], &outcomes[1]});
}

const std::vector<AdvisedScenario> kScenarios{
    {"quiet", "q.yaml", {}},
    {"Drill A", "a.yaml", {{"X", "X"}}},
    {"Drill B", "b.yaml", {{"X", "any_of(X, Y)"}}},
};

// Per candidate: how often X fires in the no-fault run, and in each drill.
CandidateRuns candidate_runs(const std::vector<std::array<int, 3>>& fired) {
    CandidateRuns out;
    for (const auto& f : fired)
        out.push_back({runs(f[0] ? std::vector<std::pair<std::string, int>>{{"X", f[0]}} : std::vector<std::pair<std::string, int>>{}, false),
                       runs({{"X", f[1]}}, true), runs({{"any_of(X, Y)", f[2]}}, true)});
    return out;
}

}  // namespace

TEST_CASE("the advised for is the shortest candidate quiet without faults that every drill detects every time") {
    // 0s: noisy; 1m: quiet and detected; 5m: quiet, drill A missed once.
    const Advice a = advise_alert("X", Duration::minutes(2), kCandidates, kScenarios,
                                  candidate_runs({{1, 2, 2}, {0, 2, 2}, {0, 1, 2}}));
    REQUIRE(a.advised);
    CHECK(*a.advised == Duration::minutes(1));
    CHECK(a.current == Duration::minutes(2));
    REQUIRE(a.drills.size() == 2);
    CHECK(a.drills[0].title == "Drill A");
    CHECK(a.drills[1].stats.alert == "any_of(X, Y)");
    REQUIRE(a.drills[0].stats.ttd);
    CHECK(a.drills[0].stats.ttd->p95 == Duration::seconds(200));
}

TEST_CASE("no candidate works when the alert fires without faults at every candidate") {
    const Advice a = advise_alert("X", Duration::minutes(2), kCandidates, kScenarios,
                                  candidate_runs({{2, 2, 2}, {1, 2, 2}, {1, 2, 2}}));
    CHECK_FALSE(a.advised);
    CHECK(a.reason == "fires in the no-fault run at every candidate up to 5m");
}

TEST_CASE("no candidate works when the first quiet candidate already misses a drill, which is named") {
    const Advice a = advise_alert("X", Duration::minutes(2), kCandidates, kScenarios,
                                  candidate_runs({{2, 2, 2}, {0, 2, 1}, {0, 0, 0}}));
    CHECK_FALSE(a.advised);
    CHECK(a.reason == "quiet from 1m, but then missed by Drill B");
    CHECK(a.drills.empty());
}

TEST_CASE("an alert no drill expects gets the shortest quiet candidate") {
    const Advice a = advise_alert("Other", Duration::minutes(2), kCandidates, kScenarios,
                                  candidate_runs({{0, 2, 2}, {0, 2, 2}, {0, 2, 2}}));
    REQUIRE(a.advised);
    CHECK(*a.advised == Duration());
    CHECK(a.drills.empty());
}

TEST_CASE("advice read back from results takes candidates and scenarios from the header") {
    std::vector<Outcome> outcomes(kCandidates.size() * kScenarios.size());
    // Candidate 0s: the no-fault run fires X; the others: nothing fires anywhere.
    outcomes[0].alerts.push_back({"X", false, true, true, Duration::seconds(10), std::nullopt});
    Results results{"advise", advise_header("r.yaml", {{"X", Duration::minutes(2)}}, kCandidates, kScenarios, "text"),
                    {}, outcomes.size(), outcomes};
    const AdviceReport report = advice_of(results);
    CHECK(report.rules == "r.yaml");
    CHECK(report.no_fault == "q.yaml");
    CHECK(report.drills == 2);
    REQUIRE(report.alerts.size() == 1);
    CHECK_FALSE(report.alerts[0].advised);
    CHECK(report.alerts[0].reason == "quiet from 1m, but then missed by Drill A, Drill B");
}
