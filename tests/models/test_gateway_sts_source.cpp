// Issue 14.3: the Gateway and STS mechanisms of Caracal 46a980b6c, each test citing the source
// behaviour it reproduces.
#include <catch2/catch.hpp>

#include <string>

#include "models/platform/default_profile.hpp"
#include "models/services/provider_refresh.hpp"
#include "models/twin/twin.hpp"
#include "world_fixture.hpp"

using caracal::ProviderRefresh;
using caracal::Service;
using sim::Duration;
using sim::Time;
using world_test::WorldFixture;

namespace {

Time at_s(std::int64_t s) { return Time::epoch() + Duration::seconds(s); }

double sum_over_pods(WorldFixture& f, Service s, const std::string& metric) {
    double sum = 0;
    for (const auto& pod : f.world.service(s).deployment().pods()) sum += f.metric(*pod, metric);
    return sum;
}

caracal::Profile quiet_admin() {
    caracal::Profile p = caracal::default_profile();
    p.traffic.admin_writes_per_second = 0;  // only the revocations a test makes
    return p;
}

}  // namespace

// proxy.go:402-411@46a980b6c: only the request path writes the gauge.
TEST_CASE("issue 14.3: the Gateway circuit gauge is written only on the request path and stays frozen at 1 after traffic stops") {
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    auto& gw = f.pod(Service::Gateway);
    const auto revert = f.apply("{primitive: block, from: gateway, to: sts}");
    f.run_for(Duration::seconds(20));
    REQUIRE(f.metric(gw, "caracal_gateway_sts_circuit_open") == 1);
    f.world.gateway().set_load(0);
    f.run_for(Duration::minutes(10));
    CHECK_FALSE(f.world.gateway().sts_breaker(gw).open_at(f.sim.now()));
    CHECK(f.metric(gw, "caracal_gateway_sts_circuit_open") == 1);
}

// proxy.go:237-259,421-424@46a980b6c; services/sts/internal/exchange.go:339-345,530-535@46a980b6c
TEST_CASE("issue 14.3: provider failures (403 and 500 internal) count as exchange errors but never open the Gateway circuit") {
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    const double before = sum_over_pods(f, Service::Gateway, "caracal_gateway_sts_exchange_errors_total");
    const auto revert = f.apply("{primitive: expire_credential}");
    f.run_for(Duration::minutes(3));
    CHECK(sum_over_pods(f, Service::Gateway, "caracal_gateway_sts_exchange_errors_total") > before);
    CHECK(f.world.gateway().outcomes().denied_provider > 0);
    for (const auto& pod : f.world.gateway().deployment().pods()) CHECK(f.world.gateway().sts_breaker(*pod).opened() == 0);
}

// services/gateway/internal/jwks.go:28-32,131-175@46a980b6c
TEST_CASE("issue 14.3: once the JWKS entry expires while STS is unreachable, requests are denied before the circuit and exchange errors stop") {
    caracal::Profile p = caracal::default_profile();
    p.readiness.gateway = {"postgres", "redis"};  // keep the pods in the Service: only the JWKS path stops traffic
    WorldFixture f(p);
    f.run_for(Duration::minutes(2));
    const auto revert = f.apply("{primitive: block, from: gateway, to: sts}");
    f.run_for(f.profile.gateway.jwks_ttl + Duration::seconds(30));
    const double errors = sum_over_pods(f, Service::Gateway, "caracal_gateway_sts_exchange_errors_total");
    const auto signature = f.world.gateway().outcomes().denied_signature;
    f.run_for(Duration::minutes(1));
    CHECK(f.world.gateway().outcomes().denied_signature > signature);
    CHECK(sum_over_pods(f, Service::Gateway, "caracal_gateway_sts_exchange_errors_total") == errors);
}

// services/sts/internal/opa.go:242-263,355-360,397-399@46a980b6c
TEST_CASE("issue 14.3: the policy-bundle age grows in steady state and resets only when a changed bundle compiles") {
    WorldFixture f;
    f.run_for(Duration::minutes(12));
    for (const auto& pod : f.world.sts().deployment().pods()) {
        CHECK(f.metric(*pod, "caracal_sts_opa_max_policy_age_seconds") == Approx(720).margin(1));
        CHECK(f.metric(*pod, "caracal_sts_opa_compile_total") == 0);
        CHECK(f.metric(*pod, "caracal_sts_opa_poll_interval_seconds") == 60);
    }
    f.apply("{primitive: activate_policy, compiles: true}");
    f.run_for(f.profile.sts.opa_poll + Duration::seconds(5));
    for (const auto& pod : f.world.sts().deployment().pods()) {
        CHECK(f.metric(*pod, "caracal_sts_opa_max_policy_age_seconds") < f.profile.sts.opa_poll.secs() + 5);
        CHECK(f.metric(*pod, "caracal_sts_opa_compile_total") == 1);
    }
}

// opa.go:388-395@46a980b6c: a changed bundle that does not compile is retried by every poll on every pod.
TEST_CASE("issue 14.3: a bundle that fails to compile counts an error on every pod at every poll and leaves the age alone") {
    WorldFixture f;
    f.run_for(Duration::minutes(6));
    f.apply("{primitive: activate_policy, compiles: false}");
    f.run_for(f.profile.sts.opa_poll * 3 + Duration::seconds(5));
    for (const auto& pod : f.world.sts().deployment().pods()) {
        CHECK(f.metric(*pod, "caracal_sts_opa_compile_errors_total") >= 3);
        CHECK(f.metric(*pod, "caracal_sts_opa_max_policy_age_seconds") > 500);
        CHECK(f.world.sts().active_policy(*pod) == 1);
    }
}

// opa.go:355-360@46a980b6c with the chart's rule (infra/helm/caracal/templates/prometheusrule.yaml:32@46a980b6c)
TEST_CASE("issue 14.3: six hours with no fault under the chart pack: only CaracalSTSPolicyBundleStale fires, on every STS pod, about 10 min after start, and stays") {
    caracal::RunOptions o;
    o.rules_file = std::string(SOURCE_DIR) + "/models/rules/caracal-alerts.yaml";
    const auto r = caracal::run(caracal::parse_scenario_text("name: quiet\nwarmup: 10m\nfault_duration: 6h\n", "s.yaml"), o);
    int stale_pods = 0;
    for (const auto& a : r.alerts) {
        INFO(a.name << " " << a.labels.to_string());
        bool fired = false;
        for (const auto& t : a.transitions)
            if (t.to == sim::alerting::AlertState::Firing && !fired) {
                fired = true;
                // age > 300 s, then `for` 5m, plus a scrape and an evaluation interval at most.
                CHECK(t.at >= r.start + Duration::minutes(10));
                CHECK(t.at <= r.start + Duration::minutes(11) + Duration::seconds(1));
            }
        if (!fired) continue;
        CHECK(a.name == "CaracalSTSPolicyBundleStale");
        CHECK(a.transitions.back().to == sim::alerting::AlertState::Firing);
        ++stale_pods;
    }
    CHECK(stale_pods == 2);
}

// services/sts/internal/refresh.go:37-50,153-155,205-283,671-699@46a980b6c
TEST_CASE("issue 14.3: the provider circuit opens on the 5th failure in 5 min for 30 s and is re-armed by each further failure") {
    ProviderRefresh p({5, Duration::minutes(5), Duration::seconds(30), Duration::seconds(5)});
    for (int i = 0; i < 4; ++i) CHECK_FALSE(p.fetch_token(at_s(i), false).ok);
    CHECK_FALSE(p.circuit_open(at_s(4)));
    p.fetch_token(at_s(4), false);
    CHECK(p.circuit_open(at_s(4)));
    const auto blocked = p.fetch_token(at_s(10), true);  // even a valid credential is not tried
    CHECK(blocked.found_circuit_open);
    CHECK_FALSE(blocked.ok);
    CHECK_FALSE(p.circuit_open(at_s(34)));
    p.fetch_token(at_s(40), false);  // 6th failure inside the window: 30 s more
    CHECK(p.circuit_open(at_s(69)));
    CHECK_FALSE(p.circuit_open(at_s(70)));
    CHECK(p.fetch_token(at_s(71), true).ok);  // a success deletes both keys
    CHECK(p.failures(at_s(71)) == 0);
    // The failure key expires 5 min after its first INCR: old failures stop counting.
    ProviderRefresh q({5, Duration::minutes(5), Duration::seconds(30), Duration::seconds(5)});
    for (int i = 0; i < 4; ++i) q.fetch_token(at_s(i * 60), false);
    q.fetch_token(at_s(301), false);
    CHECK_FALSE(q.circuit_open(at_s(301)));
    CHECK(q.failures(at_s(301)) == 1);
}

TEST_CASE("issue 14.3: an auth-code refresh reuses a peer's result for 5 s without calling the provider") {
    ProviderRefresh p({5, Duration::minutes(5), Duration::seconds(30), Duration::seconds(5)});
    CHECK_FALSE(p.refresh_grant(at_s(0), false).ok);
    CHECK_FALSE(p.refresh_grant(at_s(4), false).ok);
    CHECK(p.failures(at_s(4)) == 1);
    p.refresh_grant(at_s(5), false);
    CHECK(p.failures(at_s(5)) == 2);
}

// refresh.go:233-271,671-680@46a980b6c
TEST_CASE("issue 14.3: an expired credential raises caracal_sts_provider_circuit_open_total, never caracal_sts_provider_refresh_errors_total") {
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    const auto revert = f.apply("{primitive: expire_credential}");
    f.run_for(Duration::minutes(2));
    CHECK(f.world.sts().provider_refresh().circuit_open(f.sim.now()));
    CHECK(sum_over_pods(f, Service::Sts, "caracal_sts_provider_circuit_open_total") > 0);
    CHECK(sum_over_pods(f, Service::Sts, "caracal_sts_provider_refresh_errors_total") == 0);
    revert();
    f.run_for(Duration::minutes(1));
    CHECK_FALSE(f.world.sts().provider_refresh().circuit_open(f.sim.now()));
}

// packages/core/go/audit/client.go:99-147,259-278@46a980b6c; services/gateway/internal/server.go:123@46a980b6c
TEST_CASE("issue 14.3: replay files are written when the XADD fails and drained only when the process starts") {
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    auto& gw0 = f.pod(Service::Gateway, 0);
    auto& gw1 = f.pod(Service::Gateway, 1);
    const auto revert = f.apply("{primitive: block, from: gateway, to: redis}");
    f.run_for(Duration::seconds(15));  // before readiness withdraws the pods
    revert();
    REQUIRE(f.metric(gw0, "caracal_gateway_audit_replay_files") > 0);
    REQUIRE(f.metric(gw1, "caracal_gateway_audit_replay_files") > 0);
    f.run_for(Duration::minutes(10));  // Redis is back: nothing drains the files
    CHECK(f.metric(gw0, "caracal_gateway_audit_replay_files") > 0);
    CHECK(f.metric(gw0, "caracal_gateway_audit_replay_oldest_age_seconds") >= 600);
    CHECK(f.metric(gw0, "caracal_gateway_audit_replay_bytes") ==
          double(f.world.gateway().emitter(gw0).pending() * f.profile.gateway.replay_event_bytes));
    f.world.scale(Service::Gateway, 1);  // pod 1 stops...
    f.world.scale(Service::Gateway, 2);  // ...and starts again on its volume
    CHECK(f.metric(gw1, "caracal_gateway_audit_replay_files") == 0);
    CHECK(f.metric(gw1, "caracal_gateway_audit_replay_oldest_age_seconds") == 0);
    CHECK(f.metric(gw0, "caracal_gateway_audit_replay_files") > 0);
    CHECK(f.verdict("audit_events_conserved") == caracal::Verdict::Held);
}

// services/gateway/internal/revocations.go:202-281@46a980b6c, server.go:339-349@46a980b6c
TEST_CASE("issue 14.3: the revocation snapshot reloads from Postgres only: a Redis outage leaves it fresh, a Postgres outage errs every tick") {
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    auto& gw = f.pod(Service::Gateway);
    {
        const auto revert = f.apply("{primitive: outage, component: redis}");
        f.run_for(Duration::minutes(3));
        CHECK(f.metric(gw, "caracal_gateway_revocation_reload_errors_total") == 0);
        CHECK(f.metric(gw, "caracal_gateway_revocation_snapshot_fresh") == 1);
        revert();
    }
    f.run_for(Duration::minutes(1));
    const auto revert = f.apply("{primitive: outage, component: postgres}");
    f.run_for(Duration::minutes(3));
    CHECK(f.metric(gw, "caracal_gateway_revocation_reload_errors_total") >= 5);
    CHECK(f.metric(gw, "caracal_gateway_revocation_snapshot_fresh") == 0);
    CHECK(f.metric(gw, "caracal_gateway_revocation_snapshot_age_seconds") > 150);
    CHECK_FALSE(gw.ready());
}

// revocations.go:373-377,464-478@46a980b6c
TEST_CASE("issue 14.3: the propagation gauge is set only on the pod that applied the message and never decays") {
    WorldFixture f(quiet_admin());
    f.run_for(Duration::minutes(2));
    const auto delay = f.apply("{primitive: delay, consumer_group: gateway-revocation, by: 45s}");
    f.apply("{primitive: revoke, sessions: 1}");
    f.run_for(Duration::minutes(1));
    delay();
    const double p0 = f.metric(f.pod(Service::Gateway, 0), "caracal_gateway_revocation_propagation_seconds");
    const double p1 = f.metric(f.pod(Service::Gateway, 1), "caracal_gateway_revocation_propagation_seconds");
    CHECK(std::max(p0, p1) >= 45);
    CHECK(std::min(p0, p1) == 0);
    f.run_for(Duration::minutes(20));
    CHECK(f.metric(f.pod(Service::Gateway, 0), "caracal_gateway_revocation_propagation_seconds") == p0);
    CHECK(f.metric(f.pod(Service::Gateway, 1), "caracal_gateway_revocation_propagation_seconds") == p1);
}

// services/gateway/internal/server.go:306-318@46a980b6c, db.go:18@46a980b6c
TEST_CASE("issue 14.3: only the Gateway exports the pool gauges, from a pool of 20") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    CHECK(f.metric(f.pod(Service::Gateway), "caracal_db_pool_max_conns") == 20);
    CHECK(f.metric(f.pod(Service::Gateway), "caracal_db_pool_in_use_ratio") < 0.9);
    for (Service s : {Service::Sts, Service::Api, Service::Audit, Service::Coordinator})
        CHECK(f.metric(f.pod(s), "caracal_db_pool_max_conns") == 0);
}
