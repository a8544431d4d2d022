#include <catch2/catch.hpp>

#include "models/scenario/scenario_override.hpp"
#include "sim/base/error.hpp"

using namespace caracal;

namespace {

const char* kScenario = R"(name: s
warmup: 5m
fault_duration: 5m
recovery: 2m
profile:
  gateway.sts_timeout: 3s
faults:
  - primitive: block
    from: gateway
    to: sts
  - primitive: fault_datastore
    datastore: audit
    error_rate: 0.5
    at: 1m
    duration: 2m
)";

const ScenarioSource& source() {
    static const ScenarioSource s(kScenario, "s.yaml");
    return s;
}

std::string error_of(const std::vector<ScenarioEdit>& edits) {
    try {
        source().edited(edits);
    } catch (const sim::InputError& e) {
        return e.what();
    }
    FAIL("expected an InputError");
    return {};
}

}  // namespace

TEST_CASE("no edits give the scenario as loaded") {
    CHECK(source().edited({}).fault_duration == Duration::minutes(5));
    CHECK(source().scenario().name == "s");
}

TEST_CASE("a fault_duration edit also moves a step whose duration follows it") {
    const Scenario s = source().edited({{"scenario.fault_duration", "9m"}});
    CHECK(s.fault_duration == Duration::minutes(9));
    CHECK(s.faults[0].duration == Duration::minutes(9));
    CHECK(s.faults[1].duration == Duration::minutes(2));
    CHECK(s.warmup == Duration::minutes(5));
}

TEST_CASE("top-level, fault step and profile edits land where the file would say them") {
    const Scenario s = source().edited({{"scenario.warmup", "1m"},
                                        {"scenario.traffic.multiplier", "2.5"},
                                        {"faults.1.at", "30s"},
                                        {"faults.1.error_rate", "0.9"},
                                        {"profile.gateway.sts_timeout", "7s"},
                                        {"profile.postgres.pool_size", "4"}});
    CHECK(s.warmup == Duration::minutes(1));
    CHECK(s.traffic_multiplier == 2.5);
    CHECK(s.faults[1].at == Duration::seconds(30));
    CHECK_THAT(s.faults[1].fault->describe(), Catch::Contains("0.9"));
    const Profile p = s.apply_overrides(Profile{});
    CHECK(p.gateway.sts_timeout == Duration::seconds(7));
    CHECK(p.postgres.pool_size == 4);
}

TEST_CASE("a value the scenario schema rejects is an error naming the edit") {
    CHECK_THAT(error_of({{"faults.1.error_rate", "3"}}), Catch::StartsWith("s.yaml: faults.1.error_rate=3: "));
    CHECK_THAT(error_of({{"scenario.fault_duration", "soon"}}), Catch::StartsWith("s.yaml: scenario.fault_duration=soon: "));
    CHECK_THAT(error_of({{"profile.nope", "1"}}), Catch::Contains("unknown profile key \"nope\""));
    CHECK_THAT(error_of({{"faults.0.colour", "red"}}), Catch::StartsWith("s.yaml: faults.0.colour=red: "));
}

TEST_CASE("a key outside the editable ones is an error listing them") {
    CHECK(error_of({{"scenario.name", "x"}}) ==
          "s.yaml: scenario.name=x: not an editable scenario key; editable: scenario.warmup, scenario.fault_duration, "
          "scenario.recovery, scenario.seed, scenario.traffic.multiplier, faults.0.at, faults.0.duration, "
          "faults.0.from, faults.0.to, faults.0.<parameter>, faults.1.at, faults.1.duration, faults.1.datastore, "
          "faults.1.error_rate, faults.1.<parameter>, profile.<key>");
    CHECK_THAT(error_of({{"faults.2.at", "1m"}}), Catch::Contains("faults.2.at=1m: no fault step 2 (the scenario has 2)"));
    CHECK_THAT(error_of({{"faults.0.primitive", "outage"}}), Catch::Contains("not an editable scenario key"));
}
