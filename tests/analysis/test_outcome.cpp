#include <catch2/catch.hpp>

#include "analysis/outcome.hpp"

using namespace caracal;
using analysis::Outcome;
using sim::Duration;

namespace {

// A verdict with one expected group that fired (member B, first), one that did not, and one
// unexpected alert that is still active at the end.
DrillVerdict verdict() {
    DrillVerdict v;
    v.fault_duration = Duration::minutes(10);
    AlertVerdict fired;
    fired.expected.names = {"A", "B"};
    fired.detection = Detection{{"B", "{}", Duration::seconds(150)}, Duration::seconds(30), Duration::minutes(2),
                                Duration(), true};
    v.alerts.push_back(fired);
    AlertVerdict missed;
    missed.expected.names = {"C"};
    v.alerts.push_back(missed);
    v.alert_recovery = {{"B", Duration::seconds(45)}, {"Noise", std::nullopt}};
    v.unexpected = {{"Noise", "{}", Duration::minutes(11)}};
    return v;
}

}  // namespace

TEST_CASE("an outcome keeps per alert whether it fired, its TTD from injection and its TTR from the fault end") {
    const Outcome o = analysis::outcome_of(verdict());
    REQUIRE(o.alerts.size() == 3);
    const auto* group = o.find("any_of(A, B)");
    REQUIRE(group);
    CHECK(group->expected);
    CHECK(group->fired);
    CHECK(group->during_fault);
    CHECK(group->ttd == Duration::seconds(150));
    CHECK(group->ttr == Duration::seconds(45));
    const auto* missed = o.find("C");
    REQUIRE(missed);
    CHECK_FALSE(missed->fired);
    CHECK_FALSE(missed->ttd);
    const auto* noise = o.find("Noise");
    REQUIRE(noise);
    CHECK_FALSE(noise->expected);
    CHECK(noise->fired);
    CHECK_FALSE(noise->during_fault);  // first fired at +11:00, after a 10-minute fault
    CHECK_FALSE(noise->ttr);
    CHECK(o.passed == verdict().passed());
    CHECK_FALSE(o.find("B"));
}

TEST_CASE("an outcome's JSON reads back to the same outcome") {
    const Outcome o = analysis::outcome_of(verdict());
    const auto text = analysis::to_json(o).dump();
    const Outcome back = analysis::outcome_from_json(nlohmann::json::parse(text));
    CHECK(analysis::to_json(back).dump() == text);
    CHECK(back.alerts[0].ttd == o.alerts[0].ttd);
}
