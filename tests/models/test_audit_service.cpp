#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>

#include "models/services/audit_service.hpp"
#include "models/world/world.hpp"

using namespace caracal;

namespace {

constexpr const char* kGroup = "audit-ingestor";
constexpr std::uint64_t kSeed = 7;

// One AuditService on its own WorldContext, fed by a producer at a known rate.
class AuditRig {
public:
    explicit AuditRig(Profile profile = {}) : sim_(kSeed), profile_(std::move(profile)) {
        ctx_ = std::make_unique<WorldContext>(sim_, profile_);
        audit_ = std::make_unique<AuditService>(*ctx_);
        for (const auto& pod : audit_->deployment().pods()) audit_->start(*pod);
    }

    // From now on, `per_tick` events every `period` (λ = per_tick / period).
    void produce(Duration period, int per_tick) {
        sim_.every(period, sim_.now() + period, [this, per_tick] { emit(per_tick); });
    }
    void emit(int n) {
        for (int i = 0; i < n; ++i) {
            const AuditEventId id = ctx_->audit_events.produce("producer", sim_.now(), AuditPlace::Stream);
            events().add(sim_.now(), id);
        }
    }
    void run_for(Duration d) { sim_.run_until(sim_.now() + d); }
    // Runs until `done` holds (checked every second) or `limit` passes; returns when it held.
    template <typename Done>
    std::optional<sim::Time> run_until(Done done, Duration limit) {
        const sim::Time end = sim_.now() + limit;
        while (sim_.now() < end) {
            run_for(Duration::seconds(1));
            if (done()) return sim_.now();
        }
        return std::nullopt;
    }

    // The value pod `index` exports for `metric` at the current time.
    double metric(const std::string& name, int index = 0) const {
        const Pod& pod = *audit_->deployment().pods().at(static_cast<std::size_t>(index));
        for (const auto& s : pod.metrics.expose(sim_.now()))
            if (s.labels.get("__name__") == name) return s.value;
        FAIL("no metric " << name);
        return 0;
    }

    RedisStream& events() { return ctx_->redis.stream(streams::kAuditEvents); }
    sim::des::Simulation& sim() { return sim_; }
    WorldContext& ctx() { return *ctx_; }
    AuditService& audit() { return *audit_; }
    const AuditBook& book() const { return ctx_->audit_events; }

private:
    sim::des::Simulation sim_;
    Profile profile_;
    std::unique_ptr<WorldContext> ctx_;
    std::unique_ptr<AuditService> audit_;
};

// Every produced event is in exactly one place, and each place agrees with Redis and the ledger.
void check_conservation(AuditRig& r) {
    r.audit().reconcile_book();
    const AuditBook& b = r.book();
    std::uint64_t placed = 0;
    for (auto p : {AuditPlace::Replay, AuditPlace::Stream, AuditPlace::Stored, AuditPlace::Dlq, AuditPlace::Lost})
        placed += b.count(p);
    CHECK(placed == b.produced());
    CHECK(b.count(AuditPlace::Stored) == r.audit().stored());
    CHECK(b.count(AuditPlace::Stored) == r.audit().ledger().last_seq());
    CHECK(b.count(AuditPlace::Stream) == r.events().lag(kGroup) + r.events().pending(kGroup).count);
    CHECK(b.count(AuditPlace::Dlq) == r.audit().dlq_events());
    CHECK(b.count(AuditPlace::Lost) == r.audit().lost());
}

// A minute of steady production (100 events/s), then Postgres refuses connections for `outage`.
void run_into_postgres_outage(AuditRig& r, Duration outage) {
    r.produce(Duration::millis(100), 10);
    r.run_for(Duration::minutes(1));
    r.ctx().network.set_endpoint(Endpoint::Postgres, Link::Refused);
    r.run_for(outage);
}

// The sum of `name` over both Audit pods.
double both_pods(const AuditRig& r, const std::string& name) { return r.metric(name, 0) + r.metric(name, 1); }

Profile with_audit(void (*tweak)(Profile::Audit&)) {
    Profile p;
    tweak(p.audit);
    return p;
}

}  // namespace

TEST_CASE("healthy ingestion stores every event and keeps nothing pending") {
    AuditRig r;
    r.produce(Duration::millis(100), 10);  // 100 events/s
    r.run_for(Duration::minutes(10));
    // At most one read's worth of entries is pending at any time.
    CHECK(r.metric("caracal_audit_consumer_lag") <= 110);
    CHECK(r.metric("caracal_audit_consumer_pel_oldest_seconds") < 1.0);
    CHECK(r.audit().stored() >= r.book().produced() - 110);
    CHECK(r.audit().write_errors() == 0);
    CHECK(r.audit().ledger().verify().empty());
    CHECK(both_pods(r, "caracal_audit_inserts_total") == static_cast<double>(r.audit().stored()));
    check_conservation(r);
}

TEST_CASE("issue 14.2: caracal_audit_consumer_lag is the group's XPENDING count, first polled 30 s after start, the same on both pods") {
    // services/audit/internal/server.go:604-634@46a980b6c.
    AuditRig r;
    r.audit().set_datastore_error_rate(1.0);  // transient: the entries stay pending
    r.run_for(Duration::seconds(1));
    r.emit(50);
    r.run_for(Duration::seconds(27));  // t = 28 s: no tick yet
    CHECK(r.events().pending(kGroup).count == 50);
    CHECK(r.metric("caracal_audit_consumer_lag", 0) == 0);
    r.run_for(Duration::seconds(3));  // t = 31 s: the first tick ran
    CHECK(r.metric("caracal_audit_consumer_lag", 0) == 50);
    CHECK(r.metric("caracal_audit_consumer_lag", 1) == 50);
    check_conservation(r);
}

TEST_CASE("issue 14.2: pausing the consumer leaves caracal_audit_consumer_lag at 0 while the stream backlog grows, and the backlog drains after resuming") {
    // Undelivered entries are not in the PEL (services/audit/internal/server.go:612-617@46a980b6c).
    AuditRig r;
    r.produce(Duration::millis(100), 10);
    r.run_for(Duration::minutes(1));
    r.ctx().consumers.pause(kGroup, true);
    r.run_for(Duration::minutes(5));
    CHECK(r.events().lag(kGroup) == Approx(100.0 * 300).epsilon(0.01));
    CHECK(r.metric("caracal_audit_consumer_lag") == 0);
    check_conservation(r);
    r.ctx().consumers.pause(kGroup, false);
    r.run_for(Duration::minutes(5));
    CHECK(r.events().lag(kGroup) <= 110);
    check_conservation(r);
}

TEST_CASE("a consumer slower than production lets the stream backlog grow at lambda minus mu, as the fluid model says") {
    // Capacity is set by the write time: each pod writes a full batch in query_time + batch·write_time.
    Profile p = with_audit([](Profile::Audit& a) { a.write_time = Duration::millis(20); });
    const double batch = static_cast<double>(p.audit.consumer_batch);
    const double mu = static_cast<double>(p.replicas.audit) * batch /
                      (p.postgres.query_time.secs() + batch * p.audit.write_time.secs());
    const double lambda = 150;
    REQUIRE(mu < lambda);
    AuditRig r(p);
    r.produce(Duration::millis(20), 3);
    r.run_for(Duration::minutes(10));
    const auto lag_early = static_cast<double>(r.events().lag(kGroup));
    r.run_for(Duration::minutes(50));
    const auto lag_late = static_cast<double>(r.events().lag(kGroup));
    const double growth_per_second = (lag_late - lag_early) / (50 * 60.0);
    CHECK(growth_per_second == Approx(lambda - mu).epsilon(0.05));
    check_conservation(r);
}

TEST_CASE("issue 14.2: a transient write error dead-letters an entry at its 8th delivery, after 7 reaper claims") {
    // AUDIT_MAX_DELIVERIES 8, AUDIT_CLAIM_IDLE_SECS 30 (services/audit/internal/config.go:57-58@46a980b6c).
    AuditRig r;
    const Profile::Audit& a = r.ctx().profile.audit;
    REQUIRE(a.max_deliveries == 8);
    r.audit().set_datastore_error_rate(1.0);
    r.run_for(Duration::seconds(5));
    const sim::Time produced_at = r.sim().now();
    r.emit(20);
    const auto all_dead = r.run_until([&] { return r.audit().dlq_events() == 20; }, Duration::minutes(10));
    REQUIRE(all_dead);
    const Duration took = *all_dead - produced_at;
    const Duration claims = a.claim_min_idle * (a.max_deliveries - 1);
    CHECK(took >= claims);
    CHECK(took <= claims + a.claim_interval + a.consumer_poll + Duration::seconds(1));
    CHECK(r.audit().write_errors() == 20 * static_cast<std::uint64_t>(a.max_deliveries));
    CHECK(r.ctx().redis.stream(streams::kAuditDlq).length() == 20);
    CHECK(both_pods(r, "caracal_audit_dlq_total") == 20);
    CHECK(both_pods(r, "caracal_audit_retries_total") == 20 * (a.max_deliveries - 1));
    r.run_for(a.lag_poll_interval);
    CHECK(r.metric("caracal_audit_dlq_size") == 20);
    CHECK(r.metric("caracal_audit_consumer_lag") == 0);
    check_conservation(r);
}

TEST_CASE("issue 14.2: a permanent write error dead-letters an entry at its first delivery") {
    // pg_permanent_error (services/audit/internal/consumer.go:249-304@46a980b6c).
    AuditRig r;
    r.audit().set_datastore_error_rate(1.0, WriteFailure::Permanent);
    r.run_for(Duration::seconds(5));
    r.emit(20);
    r.run_for(Duration::seconds(3));
    CHECK(r.audit().dlq_events() == 20);
    CHECK(r.audit().write_errors() == 20);
    CHECK(both_pods(r, "caracal_audit_retries_total") == 0);
    check_conservation(r);
}

TEST_CASE("issue 14.2: a black-holed Postgres holds each consumer on one message per hang, so nothing reaches the DLQ") {
    // Inserts carry no deadline (services/audit/internal/pg.go:43-48@46a980b6c); the hang length is
    // the profile's assumption.
    AuditRig r;
    r.produce(Duration::millis(100), 1);
    r.run_for(Duration::minutes(1));
    r.ctx().network.set_endpoint(Endpoint::Postgres, Link::Blackhole);
    r.run_for(Duration::minutes(15));
    CHECK(r.audit().dlq_events() == 0);
    const auto batch = static_cast<std::size_t>(r.ctx().profile.audit.consumer_batch);
    // Each pod holds the read in flight when the black hole began and at most one more.
    CHECK(r.events().pending(kGroup).count <= 2 * 2 * batch);
    CHECK(r.events().lag(kGroup) > 5000);
    check_conservation(r);
}

TEST_CASE("the DLQ gauge grows while writes fail, and a DLQ replay after recovery stores every event") {
    AuditRig r;
    r.produce(Duration::millis(100), 1);
    r.audit().set_datastore_error_rate(1.0);
    r.run_for(Duration::minutes(5));
    const double dlq_early = r.metric("caracal_audit_dlq_size");
    r.run_for(Duration::minutes(5));
    const double dlq_late = r.metric("caracal_audit_dlq_size");
    CHECK(dlq_early > 0);
    CHECK(dlq_late > dlq_early + 2000);
    CHECK(r.metric("caracal_audit_dlq_oldest_age_seconds") > 300);
    check_conservation(r);

    // Once writes succeed again the reaper empties the PEL (entries at their last delivery still go
    // to the DLQ); then the operator replays the DLQ.
    r.audit().set_datastore_error_rate(0);
    r.run_for(Duration::minutes(2));
    CHECK(r.events().pending(kGroup).count <= 10);
    const std::uint64_t dead = r.audit().dlq_events();
    CHECK(r.audit().replay_dlq() == dead);
    CHECK(r.audit().dlq_events() == 0);
    r.run_for(Duration::minutes(1));
    CHECK(r.metric("caracal_audit_dlq_size") == 0);
    CHECK(r.book().count(AuditPlace::Dlq) == 0);
    CHECK(r.audit().stored() >= r.book().produced() - 10);
    check_conservation(r);
}

TEST_CASE("a random datastore error rate retries failed writes and still stores almost everything") {
    AuditRig r;
    const double error_rate = 0.2;
    r.audit().set_datastore_error_rate(error_rate);
    r.produce(Duration::millis(100), 10);
    r.run_for(Duration::minutes(10));
    // Every attempt fails alone with the error rate, so the share of failed attempts matches it,
    // and an event dead-letters only after max_deliveries failures in a row (0.2^8 of them).
    const double attempts = static_cast<double>(r.audit().stored() + r.audit().write_errors());
    CHECK(static_cast<double>(r.audit().write_errors()) / attempts == Approx(error_rate).epsilon(0.05));
    CHECK(r.audit().write_errors() > 0);
    CHECK(static_cast<double>(r.audit().dead_lettered()) < 0.01 * static_cast<double>(r.book().produced()));
    check_conservation(r);
}

TEST_CASE("entries trimmed by MAXLEN before the group read them are booked as lost") {
    Profile p;
    p.redis.maxlen[streams::kAuditEvents] = 500;
    AuditRig r(p);
    r.ctx().consumers.pause(kGroup, true);
    r.produce(Duration::millis(100), 10);
    r.run_for(Duration::minutes(2));
    r.audit().reconcile_book();
    CHECK(r.events().lost(kGroup) > 0);
    CHECK(r.audit().lost() == r.events().lost(kGroup));
    check_conservation(r);
    r.ctx().consumers.pause(kGroup, false);
    r.run_for(Duration::minutes(1));
    r.audit().reconcile_book();
    CHECK(r.audit().lost() == r.events().lost(kGroup));
    CHECK(r.events().lag(kGroup) <= 110);
    check_conservation(r);
}

TEST_CASE("a consumer delay processes entries only once they are that old, so the stream backlog holds lambda x delay") {
    AuditRig r;
    r.produce(Duration::millis(100), 10);
    r.ctx().consumers.delay(kGroup, Duration::seconds(60));
    r.run_for(Duration::minutes(5));
    CHECK(static_cast<double>(r.events().lag(kGroup)) == Approx(100.0 * 60).epsilon(0.03));
    for (AuditEventId id = 0; id < r.book().produced(); ++id)
        if (r.book().place(id) == AuditPlace::Stored) REQUIRE(r.sim().now() - r.book().produced_at(id) >= Duration::seconds(60));
    check_conservation(r);
}

TEST_CASE("issue 14.2: without Redis the lag poll skips its ticks and the gauges hold, until liveness restarts the container and they reset to 0") {
    // server.go:612-616 (skipped tick), 171-177 (/health 503) @46a980b6c; Helm liveness on /health.
    AuditRig r;
    r.produce(Duration::millis(100), 10);
    r.audit().set_datastore_error_rate(1.0);
    r.run_for(Duration::seconds(65));
    const double lag = r.metric("caracal_audit_consumer_lag");
    CHECK(lag > 1000);
    r.ctx().network.set_path(Service::Audit, Endpoint::Redis, Link::Refused);
    r.run_for(Duration::seconds(10));
    CHECK(r.metric("caracal_audit_consumer_lag") == lag);
    CHECK(r.audit().restarts() == 0);
    CHECK_FALSE(r.audit().ready_check(*r.audit().deployment().pods()[0], r.sim().now()).ok);
    r.run_for(Duration::seconds(50));
    CHECK(r.audit().restarts() >= 2);  // each pod at least once
    CHECK(r.metric("caracal_audit_consumer_lag", 0) == 0);
    CHECK(r.metric("caracal_audit_consumer_lag", 1) == 0);
    check_conservation(r);
}

TEST_CASE("issue 14.2: a refused Postgres (transient) leaves entries pending, grows consumer_lag, fails readiness and loses nothing") {
    AuditRig r;
    run_into_postgres_outage(r, Duration::minutes(1));
    CHECK(r.events().pending(kGroup).count > 500);
    CHECK(r.metric("caracal_audit_consumer_lag") > 500);
    CHECK(r.audit().write_errors() > 0);
    CHECK_FALSE(r.audit().ready_check(*r.audit().deployment().pods()[0], r.sim().now()).ok);
    check_conservation(r);
    r.ctx().network.set_endpoint(Endpoint::Postgres, Link::Up);
    r.run_for(Duration::minutes(2));
    CHECK(r.events().pending(kGroup).count <= 110);
    CHECK(r.book().count(AuditPlace::Dlq) == 0);
    check_conservation(r);
}

TEST_CASE("readiness fails once the polled DLQ size exceeds AUDIT_READY_DLQ_MAX") {
    AuditRig r(with_audit([](Profile::Audit& a) { a.ready_dlq_max = 5; }));
    const Pod& pod = *r.audit().deployment().pods()[0];
    CHECK(r.audit().ready_check(pod, r.sim().now()).ok);
    r.audit().set_datastore_error_rate(1.0);
    r.emit(6);
    r.run_for(Duration::minutes(5));
    REQUIRE(r.audit().dlq_events() == 6);
    CHECK_FALSE(r.audit().ready_check(pod, r.sim().now()).ok);
    r.audit().set_datastore_error_rate(0);
    r.audit().replay_dlq();
    r.run_for(r.ctx().profile.audit.lag_poll_interval);
    CHECK(r.audit().ready_check(pod, r.sim().now()).ok);
    check_conservation(r);
}

TEST_CASE("readiness fails when the oldest pending entry is idle longer than AUDIT_READY_PEL_OLDEST_SECS_MAX") {
    AuditRig r(with_audit([](Profile::Audit& a) { a.ready_pel_oldest_max = Duration::seconds(10); }));
    const Pod& pod = *r.audit().deployment().pods()[0];
    r.audit().set_datastore_error_rate(1.0);
    r.emit(1);
    r.run_for(Duration::seconds(31));
    CHECK(r.metric("caracal_audit_consumer_pel_oldest_seconds") > 10);
    CHECK_FALSE(r.audit().ready_check(pod, r.sim().now()).ok);
    check_conservation(r);
}

TEST_CASE("issue 14.2: the tamper sweep runs hourly over a 4 h ingest window on both pods, and re-counts a tampered row every sweep") {
    // services/audit/internal/tamper.go:45-57,112-115@46a980b6c.
    AuditRig r;
    r.produce(Duration::millis(100), 1);
    r.run_for(Duration::minutes(2));
    REQUIRE(r.audit().ledger().last_seq() > 0);
    r.audit().tamper_latest_record();  // ingested about 2 min after start
    const auto mismatches = [&r] { return both_pods(r, "caracal_audit_tamper_mismatch_total"); };
    r.run_for(Duration::minutes(57));  // t = 59 min: only the startup sweeps (empty ledger) ran
    CHECK(mismatches() == 0);
    r.run_for(Duration::minutes(2));  // t = 61 min: each pod's first hourly sweep found it
    CHECK(mismatches() == 2);
    CHECK(r.metric("caracal_audit_tamper_checked_total") > 30000);
    CHECK(both_pods(r, "caracal_audit_tamper_chain_breaks_total") == 0);
    r.run_for(Duration::hours(3));  // sweeps at 2 h, 3 h, 4 h: the row is still in each window
    CHECK(mismatches() == 8);
    r.run_for(Duration::hours(1));  // at 5 h the window starts at 1 h: the row is out
    CHECK(mismatches() == 8);
    CHECK(r.audit().tamper_violations() == 8);
    check_conservation(r);
}

TEST_CASE("a restored ledger is counted by no further sweep") {
    AuditRig r;
    r.produce(Duration::millis(100), 1);
    r.run_for(Duration::minutes(30));
    r.audit().tamper_latest_record();
    r.run_for(Duration::minutes(31));
    CHECK(r.audit().tamper_violations() == 2);
    r.audit().restore_from_backup();
    CHECK(r.audit().ledger().verify().empty());
    r.run_for(Duration::hours(1));
    CHECK(r.audit().tamper_violations() == 2);
    check_conservation(r);
}

TEST_CASE("in the whole world, audit events from STS and Gateway are stored with the backlog near zero") {
    sim::des::Simulation sim(11);
    sim::tsdb::Storage storage;
    Profile profile;
    World world(sim, storage, profile);
    sim.run_until(sim.now() + Duration::minutes(10));
    const AuditBook& book = world.ctx().audit_events;
    const RedisStream& events = world.ctx().redis.stream(streams::kAuditEvents);
    REQUIRE(book.produced() > 1000);
    CHECK(events.lag(kGroup) < 200);
    CHECK(world.audit().stored() + events.lag(kGroup) + events.pending(kGroup).count == book.produced());
    CHECK(book.count(AuditPlace::Stored) == world.audit().ledger().last_seq());
    CHECK(book.count(AuditPlace::Dlq) + book.count(AuditPlace::Lost) + book.count(AuditPlace::Replay) == 0);
}

TEST_CASE("entries left pending by a stopped pod are claimed and stored by the pod still running") {
    AuditRig r;
    run_into_postgres_outage(r, Duration::seconds(20));
    const std::string stopped = r.audit().deployment().pods()[1]->name;
    REQUIRE(r.events().pending(kGroup).per_consumer.count(stopped) == 1);
    r.audit().deployment().scale(1);
    r.ctx().network.set_endpoint(Endpoint::Postgres, Link::Up);
    r.run_for(Duration::minutes(2));
    CHECK(r.events().pending(kGroup).per_consumer.count(stopped) == 0);
    CHECK(r.events().pending(kGroup).count <= 110);
    CHECK(r.book().count(AuditPlace::Dlq) == 0);
    check_conservation(r);

    r.audit().deployment().scale(2);
    r.run_for(Duration::minutes(1));
    CHECK(r.events().pending(kGroup).per_consumer.count(stopped) <= 1);
    check_conservation(r);
}
