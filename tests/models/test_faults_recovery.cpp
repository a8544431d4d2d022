#include <catch2/catch.hpp>

#include "tests/models/world_fixture.hpp"

using caracal::Verdict;
using sim::Duration;
using world_test::WorldFixture;

namespace {

std::unique_ptr<caracal::Fault> recovery_step(const std::string& step_yaml) {
    const YAML::Node step = YAML::Load(step_yaml);
    caracal::FaultParams params(step["primitive"].as<std::string>(), step, "test");
    auto fault = caracal::parse_recovery_fault(step["primitive"].as<std::string>(), params);
    if (fault) params.finish();  // as parse_fault does once a family knows the primitive
    return fault;
}

}  // namespace

TEST_CASE("replay_dlq sends every dead-lettered event back to the stream, where it is stored once Audit writes again") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    const auto revert = f.apply("{primitive: fault_datastore, error_rate: 1}");
    f.run_for(Duration::minutes(6));
    const auto dead = f.world.audit().dlq_events();
    REQUIRE(dead > 0);
    revert();
    const auto stored_before = f.world.audit().stored();
    caracal::FaultTarget target{f.world, 1};
    const auto fault = recovery_step("{primitive: replay_dlq, service: audit}");
    REQUIRE(fault);
    CHECK(fault->describe() == "replay_dlq(audit)");
    CHECK_FALSE(fault->apply(target));  // one-shot: nothing to revert
    CHECK(f.world.audit().dlq_events() == 0);
    f.run_for(Duration::minutes(2));
    CHECK(f.world.audit().stored() >= stored_before + dead);
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("replay_dlq is not one of the other families' primitives and accepts only the audit service") {
    CHECK_FALSE(recovery_step("{primitive: pause, consumer_group: audit-ingestor}"));
    CHECK_THROWS_AS(recovery_step("{primitive: replay_dlq, service: sts}"), sim::InputError);
}
