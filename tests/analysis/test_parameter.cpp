#include <catch2/catch.hpp>

#include "analysis/parameter.hpp"
#include "sim/base/error.hpp"

using namespace caracal;
using namespace caracal::analysis;

namespace {

const char* kScenario = R"(name: redis-down
fault_duration: 5m
faults:
  - primitive: outage
    component: redis
)";

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const sim::InputError& e) {
        return e.what();
    }
    FAIL("expected an InputError");
    return {};
}

}  // namespace

TEST_CASE("a parameter is a key and its comma-separated values in order") {
    const Parameter p = parse_parameter("scenario.fault_duration=4m,2m,10m");
    CHECK(p.key == "scenario.fault_duration");
    CHECK(p.values == std::vector<std::string>{"4m", "2m", "10m"});
}

TEST_CASE("a parameter without a key, a value or with an empty value is an error at --set") {
    CHECK(error_of([] { parse_parameter("scenario.warmup"); }) ==
          "--set: expected KEY=V1,V2,..., got \"scenario.warmup\"");
    CHECK(error_of([] { parse_parameter("=1m"); }) == "--set: expected KEY=V1,V2,..., got \"=1m\"");
    CHECK(error_of([] { parse_parameter("k="); }) == "--set: k: no values in \"k=\"");
    CHECK(error_of([] { parse_parameter("k=1,,2"); }) == "--set: k: empty value in \"k=1,,2\"");
}

TEST_CASE("the grid holds every combination with the first parameter varying slowest") {
    const auto points = grid({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
    REQUIRE(points.size() == 6);
    CHECK(points[0][0].value == "1");
    CHECK(points[0][1].value == "x");
    CHECK(points[2][1].value == "z");
    CHECK(points[3][0].value == "2");
    CHECK(points[3][1].value == "x");
    const auto none = grid({});
    REQUIRE(none.size() == 1);
    CHECK(none[0].empty());
}

TEST_CASE("rule keys become rule overrides and the other families scenario edits") {
    const ScenarioSource source(kScenario, "s.yaml");
    const WhatIf w = what_if({{"rule.Caracal.Dotted.Name.for", "5m"},
                              {"scenario.fault_duration", "3m"},
                              {"faults.0.at", "1m"},
                              {"profile.gateway.sts_timeout", "5s"}},
                             source);
    REQUIRE(w.rules.size() == 1);
    CHECK(w.rules[0].rule == "Caracal.Dotted.Name");
    CHECK(w.rules[0].field == "for");
    CHECK(w.rules[0].value == "5m");
    REQUIRE(w.scenario.size() == 3);
    CHECK(w.scenario[0].key == "scenario.fault_duration");
    CHECK(w.scenario[2].key == "profile.gateway.sts_timeout");
}

TEST_CASE("a key in no family is an error listing the scenario's keys and the rule keys") {
    const ScenarioSource source(kScenario, "s.yaml");
    CHECK(error_of([&] { what_if({{"fault_duration", "1m"}}, source); }) ==
          "--set: unknown key \"fault_duration\"; valid: scenario.warmup, scenario.fault_duration, scenario.recovery, "
          "scenario.seed, scenario.traffic.multiplier, faults.0.at, faults.0.duration, faults.0.component, "
          "faults.0.<parameter>, profile.<key>, rule.<name>.for, rule.<name>.keep_firing_for, rule.<name>.threshold");
    CHECK_THAT(error_of([&] { what_if({{"rule.for", "1m"}}, source); }), Catch::StartsWith("--set: unknown key \"rule.for\""));
}
