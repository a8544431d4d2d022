#include <catch2/catch.hpp>

#include <algorithm>

#include "models/datastores/redis.hpp"
#include "world_fixture.hpp"

using caracal::Service;
using caracal::Verdict;
using sim::Duration;
using world_test::WorldFixture;

namespace {

// The latest stored sample of `name` for `pod` at `t` (5m lookback), or nullopt when stale/absent.
std::optional<double> stored_value(const sim::tsdb::Storage& storage, const std::string& name, const std::string& pod,
                                   sim::Time t) {
    for (std::uint32_t i = 0; i < storage.size(); ++i) {
        const auto& s = storage.series({i});
        if (s.labels.get("__name__") != name || s.labels.get("pod") != pod) continue;
        const auto sample = storage.instant({i}, t, Duration::minutes(5), sim::tsdb::RangeBoundary::Closed);
        return sample ? std::optional<double>(sample->v) : std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("block(gateway, sts) makes exchanges time out, opens the circuit, and the first success after the fault closes it") {
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    auto& gw = f.pod(Service::Gateway);
    const double errors_before = f.metric(gw, "caracal_gateway_sts_exchange_errors_total");
    const auto revert = f.apply("{primitive: block, from: gateway, to: sts}");
    f.run_for(f.profile.gateway.sts_timeout + Duration::seconds(5));
    CHECK(f.metric(gw, "caracal_gateway_sts_exchange_errors_total") >= errors_before + f.profile.gateway.sts_breaker_failures);
    CHECK(f.metric(gw, "caracal_gateway_sts_circuit_open") == 1);
    CHECK(f.world.gateway().sts_breaker(gw).opened() >= 1);
    f.run_for(f.profile.gateway.sts_breaker_open);
    CHECK(f.world.gateway().outcomes().denied_circuit > 0);

    revert();
    f.run_for(Duration::minutes(1));
    CHECK(f.metric(gw, "caracal_gateway_sts_circuit_open") == 0);
    CHECK(f.world.gateway().sts_breaker(gw).failures() == 0);
    CHECK(f.verdict("no_dispatch_without_exchange") == Verdict::Held);
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("issue 14.3: outage(redis) creates no API outbox rows, as every /v1 write first needs the Redis rate limiter") {
    // apps/api/src/app.ts:190-218@46a980b6c: the INCR fails before any row is written.
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    auto& api = f.pod(Service::Api);
    const caracal::ApiService& svc = f.world.api();
    const auto revert = f.apply("{primitive: outage, component: redis}");
    f.run_for(Duration::seconds(5));
    const std::uint64_t inserted = svc.outbox().inserted();
    const std::uint64_t errors = svc.admin_errors();
    f.run_for(Duration::minutes(5));
    CHECK(svc.outbox().inserted() == inserted);
    CHECK(svc.admin_errors() > errors);
    CHECK(f.metric(api, "caracal_api_outbox_oldest_pending_age_seconds") < 300);
    CHECK(api.metrics.answer(f.sim.now()).status == sim::scrape::ScrapeResult::Status::Answered);
    revert();
    f.run_for(Duration::minutes(2));
    CHECK(f.metric(api, "caracal_api_outbox_pending_total") == 0);
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("block(*, postgres) saturates the connection pools within the acquire timeout") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    auto& sts = f.pod(Service::Sts);
    const auto& pool = f.world.ctx().postgres.pool(sts);
    CHECK(pool.in_use() < pool.max());
    const auto revert = f.apply("{primitive: block, from: '*', to: postgres}");
    f.run_for(f.profile.postgres.acquire_timeout);
    CHECK(pool.in_use() == pool.max());

    revert();
    f.run_for(f.profile.postgres.hang_timeout + Duration::seconds(5));
    CHECK(pool.in_use() < pool.max());
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("scale(sts, 0) stales the STS pods' series and reverting brings the pods back") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    const std::string pod = f.pod(Service::Sts).name;
    CHECK(stored_value(f.storage, "caracal_sts_opa_max_policy_age_seconds", pod, f.sim.now()).has_value());
    const auto revert = f.apply("{primitive: scale, service: sts, replicas: 0}");
    f.run_for(Duration::seconds(1));
    CHECK(f.world.sts().deployment().running().empty());
    CHECK_FALSE(stored_value(f.storage, "caracal_sts_opa_max_policy_age_seconds", pod, f.sim.now()).has_value());
    CHECK_FALSE(stored_value(f.storage, "up", pod, f.sim.now()).has_value());

    revert();
    f.run_for(Duration::minutes(1));
    CHECK(f.world.sts().deployment().running().size() == static_cast<std::size_t>(f.profile.replicas.sts));
    CHECK(stored_value(f.storage, "up", pod, f.sim.now()) == 1.0);
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("outage(sts) scales STS to zero and restores the replicas it had") {
    WorldFixture f;
    const auto revert = f.apply("{primitive: outage, component: sts}");
    CHECK(f.world.sts().deployment().running().empty());
    revert();
    CHECK(f.world.sts().deployment().running().size() == static_cast<std::size_t>(f.profile.replicas.sts));
}

TEST_CASE("flap(postgres) alternates refused and up on its own schedule until reverted") {
    WorldFixture f;
    const auto& net = f.world.ctx().network;
    const auto revert = f.apply("{primitive: flap, component: postgres, up: 40s, down: 20s}");
    auto link = [&] { return net.link(Service::Api, caracal::Endpoint::Postgres); };
    CHECK(link() == caracal::Link::Refused);
    f.run_for(Duration::seconds(30));
    CHECK(link() == caracal::Link::Up);
    f.run_for(Duration::seconds(40));  // t = 70s: second down phase (60s..80s)
    CHECK(link() == caracal::Link::Refused);
    revert();
    CHECK(link() == caracal::Link::Up);
    f.run_for(Duration::minutes(2));
    CHECK(link() == caracal::Link::Up);
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("issue 14.2: pause(audit-ingestor) leaves caracal_audit_consumer_lag at 0: undelivered entries are not pending") {
    // services/audit/internal/server.go:612-617@46a980b6c: the gauge is the XPENDING count.
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    auto& audit = f.pod(Service::Audit);
    const auto revert = f.apply("{primitive: pause, consumer_group: audit-ingestor}");
    f.run_for(Duration::minutes(5));
    CHECK(f.world.ctx().redis.stream(caracal::streams::kAuditEvents).lag("audit-ingestor") > 500);
    CHECK(f.metric(audit, "caracal_audit_consumer_lag") == 0);
    revert();
    f.run_for(Duration::minutes(1));
    CHECK(f.world.ctx().redis.stream(caracal::streams::kAuditEvents).lag("audit-ingestor") < 200);
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("delay(gateway-revocation) holds revocations for the delay; the pod that applies one shows its propagation") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    const auto revert = f.apply("{primitive: delay, consumer_group: gateway-revocation, by: 60s}");
    f.apply("{primitive: revoke, sessions: 2}");
    f.run_for(Duration::seconds(90));
    const auto propagation = [&] {
        return std::max(f.metric(f.pod(Service::Gateway, 0), "caracal_gateway_revocation_propagation_seconds"),
                        f.metric(f.pod(Service::Gateway, 1), "caracal_gateway_revocation_propagation_seconds"));
    };
    CHECK(propagation() >= 60);
    revert();
    f.run_for(Duration::minutes(2));  // background revocations are applied promptly again
    CHECK(propagation() < 10);
    CHECK(f.verdict("revocations_applied") != Verdict::Violated);
}

TEST_CASE("revoke commits revocations through the API") {
    caracal::Profile no_admin_traffic;
    no_admin_traffic.traffic.admin_writes_per_second = 0;
    WorldFixture quiet(no_admin_traffic);
    quiet.apply("{primitive: revoke, sessions: 3}");
    quiet.run_for(Duration::seconds(1));
    CHECK(quiet.world.ctx().revocations.committed() == 3);
}

TEST_CASE("pause_distribution(policy) holds an activation back until distribution resumes") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    auto& sts = f.pod(Service::Sts);
    const auto revert = f.apply("{primitive: pause_distribution, distribution: policy}");
    f.apply("{primitive: activate_policy}");
    f.run_for(Duration::minutes(4));
    CHECK(f.world.sts().active_policy(sts) == 1);
    CHECK(f.metric(sts, "caracal_sts_opa_max_policy_age_seconds") >= 300);  // since start: nothing compiled
    revert();
    f.run_for(f.profile.sts.opa_poll + Duration::seconds(5));
    CHECK(f.world.sts().active_policy(sts) == 2);
    CHECK(f.metric(sts, "caracal_sts_opa_max_policy_age_seconds") <= f.profile.sts.opa_poll.secs() + 5);
}

TEST_CASE("activate_policy with a compile error is rejected and the last good bundle stays active") {
    WorldFixture f;
    f.run_for(Duration::seconds(30));
    auto& sts = f.pod(Service::Sts);
    f.apply("{primitive: activate_policy, compiles: false}");
    f.run_for(Duration::minutes(2));
    CHECK(f.metric(sts, "caracal_sts_opa_compile_errors_total") > 0);
    CHECK(f.world.sts().active_policy(sts) == 1);
    f.apply("{primitive: activate_policy}");  // the next version, compiling
    f.run_for(Duration::minutes(2));
    CHECK(f.world.sts().active_policy(sts) == 3);
}

TEST_CASE("expire_credential opens the shared provider circuit and restoring it closes the circuit") {
    WorldFixture f;
    const auto revert = f.apply("{primitive: expire_credential}");
    f.run_for(Duration::minutes(2));
    CHECK(f.world.sts().provider_refresh().circuit_open(f.sim.now()));
    revert();
    f.run_for(f.profile.sts.provider_circuit_open + Duration::seconds(30));
    CHECK_FALSE(f.world.sts().provider_refresh().circuit_open(f.sim.now()));
    CHECK(f.world.sts().provider_refresh().failures(f.sim.now()) == 0);
    CHECK(f.verdict("no_dispatch_without_exchange") == Verdict::Held);
}

TEST_CASE("fault_datastore(audit, 1) dead-letters events after their deliveries and stops when removed") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    const auto stored_before = f.world.audit().stored();
    const auto revert = f.apply("{primitive: fault_datastore, error_rate: 1}");
    f.run_for(Duration::minutes(6));
    CHECK(f.world.audit().stored() == stored_before);
    CHECK(f.world.audit().dlq_events() > 0);
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
    revert();
    f.run_for(Duration::minutes(1));
    CHECK(f.world.audit().stored() > stored_before);
    CHECK(f.verdict("audit_events_conserved") == Verdict::Held);
}

TEST_CASE("tamper breaks the hash chain and the revert restores it from backup") {
    WorldFixture f;
    f.run_for(Duration::minutes(1));
    const auto revert = f.apply("{primitive: tamper}");
    CHECK_FALSE(f.world.audit().ledger().verify().empty());
    CHECK(f.verdict("hash_chain_intact") == Verdict::Violated);
    f.run_for(f.profile.audit.tamper_sweep_interval);  // the first hourly sweep
    CHECK(f.metric(f.pod(Service::Audit), "caracal_audit_tamper_mismatch_total") +
              f.metric(f.pod(Service::Audit, 1), "caracal_audit_tamper_mismatch_total") >
          0);
    revert();
    CHECK(f.world.audit().ledger().verify().empty());
    CHECK(f.verdict("hash_chain_intact") == Verdict::Held);
}

TEST_CASE("load multiplies protected traffic and reverting returns to the baseline") {
    WorldFixture f;
    auto dispatched_in = [&](Duration d) {
        const auto before = f.world.gateway().outcomes().dispatched;
        f.run_for(d);
        return static_cast<double>(f.world.gateway().outcomes().dispatched - before);
    };
    const double base = dispatched_in(Duration::minutes(2));
    const auto revert = f.apply("{primitive: load, multiplier: 3}");
    const double loaded = dispatched_in(Duration::minutes(2));
    revert();
    const double after = dispatched_in(Duration::minutes(2));
    CHECK(loaded / base == Approx(3).epsilon(0.3));
    CHECK(after / base == Approx(1).epsilon(0.3));
}

TEST_CASE("latency(postgres) holds connections longer, and the pools empty again once removed") {
    WorldFixture f;
    f.run_for(Duration::seconds(30));
    const auto& pool = f.world.ctx().postgres.pool(f.pod(Service::Sts));
    CHECK(pool.in_use() <= 2);
    const auto revert = f.apply("{primitive: latency, component: postgres, add: 500ms}");
    f.run_for(Duration::seconds(30));
    CHECK(pool.in_use() >= 2);
    revert();
    f.run_for(Duration::seconds(30));
    CHECK(pool.in_use() <= 2);
}

TEST_CASE("every primitive describes itself with its parameters") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{primitive: outage, component: redis}", "outage(redis)"},
        {"{primitive: block, from: '*', to: postgres}", "block(*, postgres)"},
        {"{primitive: flap, component: postgres}", "flap(postgres)"},
        {"{primitive: scale, service: audit, replicas: 1}", "scale(audit, 1)"},
        {"{primitive: pause, consumer_group: audit-ingestor}", "pause(audit-ingestor)"},
        {"{primitive: delay, consumer_group: sts-revocation, by: 1m}", "delay(sts-revocation, 1m)"},
        {"{primitive: activate_policy, version: 7, compiles: false}", "activate_policy(7, compiles=false)"},
        {"{primitive: fault_datastore, datastore: audit, error_rate: 0.5}", "fault_datastore(audit, 0.5)"},
        {"{primitive: latency, component: postgres, add: 250ms}", "latency(postgres, 250ms)"},
    };
    for (const auto& [yaml, text] : cases) {
        const YAML::Node step = YAML::Load(yaml);
        caracal::FaultParams params(step["primitive"].as<std::string>(), step, "t");
        CHECK(caracal::parse_fault(step["primitive"].as<std::string>(), params)->describe() == text);
    }
}
