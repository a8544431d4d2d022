#include <catch2/catch.hpp>

#include "analysis/compare.hpp"

using namespace caracal::analysis;
using sim::Duration;

namespace {

// One run's outcome for one alert: fired after `ttd` seconds, or not at all.
AlertOutcome alert(const std::string& name, bool expected, std::optional<int> ttd) {
    AlertOutcome a;
    a.alert = name;
    a.expected = expected;
    if (ttd) {
        a.fired = true;
        a.ttd = Duration::seconds(*ttd);
        a.ttr = Duration::seconds(60);
    }
    return a;
}

CaseStatistics stats(std::vector<AlertOutcome> alerts) {
    const Outcome o{true, std::move(alerts), {}};
    return case_statistics({&o});
}

const AlertComparison& row(const DrillComparison& d, const std::string& name) {
    for (const auto& c : d.alerts)
        if (c.alert == name) return c;
    FAIL("no row for " << name);
    throw;
}

}  // namespace

TEST_CASE("an expected alert that fires under A but not under B is lost") {
    const auto d = compare_drill("drill", "d.yaml", false, stats({alert("X", true, 90)}), stats({alert("X", true, {})}));
    REQUIRE(d.alerts.size() == 1);
    CHECK(d.alerts[0].regression == Regression::Lost);
    CHECK_FALSE(d.alerts[0].ttd_delta);
    CHECK(fails(Regression::Lost));
}

TEST_CASE("slower detection under B is a regression that does not fail, with the TTD delta") {
    const auto d = compare_drill("drill", "d.yaml", false, stats({alert("X", true, 90)}), stats({alert("X", true, 150)}));
    CHECK(d.alerts[0].regression == Regression::Slower);
    CHECK(d.alerts[0].ttd_delta == Duration::seconds(60));
    CHECK(d.alerts[0].ttr_delta == Duration());
    CHECK_FALSE(fails(Regression::Slower));
}

TEST_CASE("faster detection and an unchanged alert are no regression") {
    const auto d = compare_drill("drill", "d.yaml", false, stats({alert("X", true, 90), alert("Y", true, 30)}),
                                 stats({alert("X", true, 60), alert("Y", true, 30)}));
    CHECK_FALSE(row(d, "X").regression);
    CHECK(row(d, "X").ttd_delta == Duration::seconds(-30));
    CHECK_FALSE(row(d, "Y").regression);
}

TEST_CASE("an alert firing only under B in the no-fault run is a new false positive") {
    const auto d = compare_drill("quiet", "q.yaml", true, stats({}), stats({alert("Noisy", false, 600)}));
    REQUIRE(d.alerts.size() == 1);
    CHECK(d.alerts[0].alert == "Noisy");
    CHECK(d.alerts[0].a.fired == 0);
    CHECK(d.alerts[0].a.replications == 1);
    CHECK(d.alerts[0].regression == Regression::NewFalsePositive);
}

TEST_CASE("an unexpected alert that appears in a drill under B is reported but no regression") {
    const auto d = compare_drill("drill", "d.yaml", false, stats({alert("X", true, 90)}),
                                 stats({alert("X", true, 90), alert("Extra", false, 100)}));
    CHECK_FALSE(row(d, "Extra").regression);
}

TEST_CASE("compared alerts list the expected ones first, then the unexpected ones by name") {
    const auto d = compare_drill("drill", "d.yaml", false,
                                 stats({alert("Z", true, 10), alert("B", true, 10), alert("Q", false, 5)}),
                                 stats({alert("Z", true, 10), alert("B", true, 10), alert("C", false, 5)}));
    std::vector<std::string> names;
    for (const auto& c : d.alerts) names.push_back(c.alert);
    CHECK(names == std::vector<std::string>{"Z", "B", "C", "Q"});
}

TEST_CASE("a comparison fails on a lost alert or a new false positive but not on slower detection") {
    Comparison c;
    c.drills.push_back(compare_drill("d", "d.yaml", false, stats({alert("X", true, 90)}), stats({alert("X", true, 120)})));
    CHECK(c.passed());
    CHECK(c.count(Regression::Slower) == 1);
    c.drills.push_back(compare_drill("q", "q.yaml", true, stats({}), stats({alert("N", false, 1)})));
    CHECK_FALSE(c.passed());
    CHECK(c.count(Regression::NewFalsePositive) == 1);
}

TEST_CASE("the comparison read back from results pairs each scenario's A and B cases") {
    const Outcome fired{true, {alert("X", true, 90)}, {}}, missed{false, {alert("X", true, {})}, {}};
    Results results{"compare",
                    compare_header({"a.yaml", ""}, {"b.yaml", ""}, {{"Drill", "d.yaml", false}}, "text"),
                    {},
                    2,
                    {fired, missed}};
    const Comparison c = comparison_of(results);
    CHECK(c.a.rules == "a.yaml");
    CHECK(c.b.rules == "b.yaml");
    REQUIRE(c.drills.size() == 1);
    CHECK(c.drills[0].title == "Drill");
    CHECK(c.drills[0].alerts[0].regression == Regression::Lost);
}
