#include <catch2/catch.hpp>

#include "analysis/sweep.hpp"
#include "sim/base/error.hpp"

using namespace caracal;
using namespace caracal::analysis;

namespace {

const std::string kRules = std::string(SOURCE_DIR) + "/tests/fixtures/whatif/rules-a.yaml";

const char* kScenario = R"(name: s
fault_duration: 5m
faults:
  - primitive: block
    from: gateway
    to: sts
expectations:
  alerts: [CaracalGatewaySTSCircuitOpen]
)";

RunOptions base() {
    RunOptions o;
    o.rules_file = kRules;
    return o;
}

}  // namespace

TEST_CASE("sweep cases apply each point's scenario edits and rule overrides, checked against the overridden rules") {
    const ScenarioSource source(kScenario, "s.yaml");
    const auto cases = sweep_cases(source, grid({{"rule.CaracalGatewaySTSCircuitOpen.for", {"1m", "7m"}},
                                                  {"scenario.fault_duration", {"2m", "8m"}}}),
                                   base(), {});
    REQUIRE(cases.size() == 4);
    CHECK(cases[1].scenario.fault_duration == Duration::minutes(8));
    CHECK(cases[2].scenario.fault_duration == Duration::minutes(2));
    REQUIRE(cases[3].run.rule_overrides.size() == 1);
    CHECK(cases[3].run.rule_overrides[0].value == "7m");
    CHECK(caracal::rule_facts(cases[0].run).at("CaracalGatewaySTSCircuitOpen").hold == Duration::minutes(1));
    CHECK(caracal::rule_facts(cases[3].run).at("CaracalGatewaySTSCircuitOpen").hold == Duration::minutes(7));
    for (const auto& c : cases) CHECK(c.id == "s.yaml");
}

TEST_CASE("a profile point changes the lookback of the run, which the check reads") {
    const ScenarioSource source(kScenario, "s.yaml");
    const auto cases = sweep_cases(source, grid({{"profile.prometheus.lookback_delta", {"2m"}}}), base(), {});
    CHECK(cases[0].scenario.apply_overrides(cases[0].run.profile).prometheus.lookback_delta == Duration::minutes(2));
}

TEST_CASE("a bad rule override in any point fails before anything runs") {
    const ScenarioSource source(kScenario, "s.yaml");
    CHECK_THROWS_WITH(sweep_cases(source, grid({{"rule.Nope.for", {"1m"}}}), base(), {}),
                      Catch::Contains("rule.Nope.for: no rule named \"Nope\""));
}

TEST_CASE("the sweep read back from results has each point's values and statistics") {
    Outcome fired{true, {{"A", true, true, true, Duration::seconds(90), std::nullopt}}, {}};
    Outcome quiet{false, {{"A", true, false, false, std::nullopt, std::nullopt}}, {}};
    const std::vector<Parameter> parameters{{"scenario.fault_duration", {"1m", "9m"}}};
    Results results{"sweep", sweep_header("Title", "s.yaml", "r.yaml", parameters, "csv"), {}, 2, {quiet, fired}};
    const Sweep sweep = sweep_of(results);
    CHECK(sweep.title == "Title");
    CHECK(sweep.keys == std::vector<std::string>{"scenario.fault_duration"});
    REQUIRE(sweep.points.size() == 2);
    CHECK(sweep.points[0].values == std::vector<std::string>{"1m"});
    CHECK(sweep.points[0].stats.alerts[0].fired == 0);
    CHECK(sweep.points[1].stats.alerts[0].fired == 1);
    CHECK(sweep.points[1].stats.alerts[0].ttd->p50 == Duration::seconds(90));
}
