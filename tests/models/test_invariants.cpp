#include <catch2/catch.hpp>

#include "world_fixture.hpp"

using caracal::Service;
using caracal::Verdict;
using sim::Duration;
using world_test::WorldFixture;

namespace {

const caracal::InvariantCheck& check_named(const caracal::Invariants& inv, const std::string& name) {
    for (const auto& c : inv.checks)
        if (c.name == name) return c;
    FAIL("no invariant " << name);
    throw;
}

}  // namespace

TEST_CASE("a healthy world holds every invariant") {
    WorldFixture f;
    f.run_for(Duration::minutes(5));
    const auto inv = caracal::check_invariants(f.world, {f.sim.now(), false});
    for (const auto& c : inv.checks) {
        INFO(c.name << ": " << c.detail);
        CHECK(c.verdict != Verdict::Violated);
    }
    CHECK_FALSE(inv.violated());
    CHECK(inv.revocation_lag.revocations > 0);
    CHECK(inv.revocation_lag.p95 <= inv.revocation_lag.max);
    CHECK(inv.revocation_lag.max < f.profile.gateway.revocation_reload_interval);
}

// Issue 14.3: Gateway audit events whose XADD fails wait in replay files until the process
// restarts (packages/core/go/audit/client.go:259-278@46a980b6c, services/gateway/internal/server.go:123@46a980b6c).
TEST_CASE("audit events stay conserved through a Gateway Redis block, in replay files until the Gateway restarts") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    const auto revert = f.apply("{primitive: block, from: gateway, to: redis}");
    f.run_for(Duration::seconds(15));  // exchanges still succeed (STS has Redis): their events fail to XADD
    const auto during = caracal::check_invariants(f.world, {f.sim.now(), false});
    INFO(check_named(during, "audit_events_conserved").detail);
    CHECK(check_named(during, "audit_events_conserved").verdict == Verdict::Held);
    CHECK(f.world.ctx().audit_events.count(caracal::AuditPlace::Replay) > 0);
    revert();
    f.run_for(Duration::minutes(3));
    CHECK(f.world.ctx().audit_events.count(caracal::AuditPlace::Replay) > 0);  // no periodic drain
    f.world.scale(caracal::Service::Gateway, 0);
    f.world.scale(caracal::Service::Gateway, 2);
    CHECK(f.world.ctx().audit_events.count(caracal::AuditPlace::Replay) == 0);
    f.run_for(Duration::minutes(1));
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("a revocation the Gateway cannot load or stream for longer than a reload interval is a violation") {
    WorldFixture f;
    f.run_for(Duration::seconds(30));
    f.apply("{primitive: block, from: gateway, to: postgres}");
    f.apply("{primitive: block, from: gateway, to: redis}");
    f.apply("{primitive: revoke}");
    f.run_for(f.profile.gateway.revocation_reload_interval + Duration::seconds(30));
    const auto inv = caracal::check_invariants(f.world, {f.sim.now(), false});
    INFO(check_named(inv, "revocations_applied").detail);
    CHECK(check_named(inv, "revocations_applied").verdict == Verdict::Violated);
    CHECK(inv.revocation_lag.pending > 0);
}

TEST_CASE("a revocation committed within a reload interval of the end is reported unsettled, not violated") {
    caracal::Profile p;
    p.traffic.admin_writes_per_second = 0;
    WorldFixture f(p);
    f.apply("{primitive: delay, consumer_group: gateway-revocation, by: 10m}");
    f.run_for(Duration::seconds(20));  // the first reload has run; the next is due at 30s
    f.apply("{primitive: revoke}");
    f.run_for(Duration::seconds(2));
    const auto inv = caracal::check_invariants(f.world, {f.sim.now(), false});
    INFO(check_named(inv, "revocations_applied").detail);
    CHECK(check_named(inv, "revocations_applied").verdict == Verdict::Unsettled);
}

TEST_CASE("a broken hash chain holds only while a tamper step is in effect") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    f.world.audit().tamper_latest_record();
    const auto expected = caracal::check_invariants(f.world, {f.sim.now(), /*tamper_in_effect=*/true});
    CHECK(check_named(expected, "hash_chain_intact").verdict == Verdict::Held);
    const auto unexpected = caracal::check_invariants(f.world, {f.sim.now(), false});
    CHECK(check_named(unexpected, "hash_chain_intact").verdict == Verdict::Violated);
}

TEST_CASE("the fail-closed invariant reports dispatches and denials") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    f.apply("{primitive: block, from: gateway, to: sts}");
    f.run_for(Duration::minutes(1));
    const auto inv = caracal::check_invariants(f.world, {f.sim.now(), false});
    const auto& c = check_named(inv, "no_dispatch_without_exchange");
    CHECK(c.verdict == Verdict::Held);
    CHECK(c.detail.rfind("0 dispatched without a successful exchange", 0) == 0);
    CHECK(f.world.gateway().outcomes().denied_exchange + f.world.gateway().outcomes().denied_circuit > 0);
}
