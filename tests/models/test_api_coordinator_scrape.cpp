// What Prometheus stores for the API and Coordinator pods when their /metrics handlers answer with
// an error: Caracal's API computes its outbox gauges from Postgres inside /metrics, and the
// Coordinator's /metrics needs an operator token.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/tsdb/sample.hpp"
#include "world_fixture.hpp"

using caracal::Endpoint;
using caracal::Link;
using caracal::Service;
using sim::Duration;
using world_test::WorldFixture;

namespace {

// The samples stored for `name` from pod `pod` (whatever other target labels the target has).
const std::vector<sim::tsdb::Sample>& stored(const WorldFixture& f, const std::string& name, const caracal::Pod& pod) {
    for (std::uint32_t i = 0; i < f.storage.size(); ++i) {
        const auto& s = f.storage.series(sim::tsdb::SeriesId{i});
        if (s.labels.get("__name__") == name && s.labels.get("pod") == pod.name) return s.samples;
    }
    FAIL("no series " << name << " for " << pod.name);
    static const std::vector<sim::tsdb::Sample> none;
    return none;
}

}  // namespace

TEST_CASE("issue 14.3: with Postgres refusing, every API scrape fails at once: up 0 and the outbox series go stale") {
    // apps/api/src/app.ts:252-263@46a980b6c: the outbox query runs inside /metrics; its error is a 500.
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    const caracal::Pod& api = f.pod(Service::Api);
    REQUIRE(stored(f, "up", api).back().v == 1);
    const sim::Time outage = f.sim.now();
    f.world.ctx().network.set_endpoint(Endpoint::Postgres, Link::Refused);
    f.run_for(Duration::minutes(2));
    const auto& up = stored(f, "up", api);
    CHECK(up.back().v == 0);
    CHECK(stored(f, "scrape_duration_seconds", api).back().v == 0);
    for (const char* name : {"caracal_api_outbox_pending_total", "caracal_api_outbox_dead_total",
                             "caracal_api_outbox_oldest_pending_age_seconds", "caracal_api_outbox_oldest_dead_age_seconds"}) {
        const auto& s = stored(f, name, api);
        CHECK(sim::tsdb::is_stale_nan(s.back().v));
        CHECK(s.back().t > outage);
        CHECK(s.back().t <= outage + f.profile.prometheus.scrape_interval);
    }
    // Back once Postgres answers.
    f.world.ctx().network.set_endpoint(Endpoint::Postgres, Link::Up);
    f.run_for(f.profile.prometheus.scrape_interval);
    CHECK(stored(f, "up", api).back().v == 1);
    CHECK(stored(f, "caracal_api_outbox_pending_total", api).back().v >= 0);
}

TEST_CASE("issue 14.3: with Postgres black-holed, the API scrape fails after the 5 s query timeout") {
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    const caracal::Pod& api = f.pod(Service::Api);
    f.world.ctx().network.set_endpoint(Endpoint::Postgres, Link::Blackhole);
    f.run_for(Duration::minutes(1));
    CHECK(stored(f, "up", api).back().v == 0);
    REQUIRE(f.profile.api.metrics_query_timeout < f.profile.prometheus.scrape_timeout);
    CHECK(stored(f, "scrape_duration_seconds", api).back().v == f.profile.api.metrics_query_timeout.secs());
    CHECK(sim::tsdb::is_stale_nan(stored(f, "caracal_api_outbox_pending_total", api).back().v));
}

TEST_CASE("issue 14.3: the Coordinator's /metrics answers the tokenless ServiceMonitor with 401, so it is never scraped") {
    // apps/coordinator/src/auth.ts:77,160-176 and servicemonitor.yaml:23-26 @46a980b6c.
    WorldFixture f;
    f.run_for(Duration::minutes(2));
    const caracal::Pod& coordinator = f.pod(Service::Coordinator);
    const auto& up = stored(f, "up", coordinator);
    REQUIRE(up.size() >= 3);
    for (const auto& s : up) CHECK(s.v == 0);
    // No Caracal series of the pod was ever stored.
    for (std::uint32_t i = 0; i < f.storage.size(); ++i) {
        const auto& s = f.storage.series(sim::tsdb::SeriesId{i});
        if (s.labels.get("pod") == coordinator.name) CHECK(s.labels.get("__name__").rfind("caracal_", 0) != 0);
    }
}

TEST_CASE("issue 14.3: with an operator token the Coordinator is scraped, and its outbox counts come from SQL") {
    caracal::Profile p;
    p.prometheus.scrape_unauthorized.clear();  // the ServiceMonitor presents the token
    WorldFixture f(p);
    f.run_for(Duration::minutes(2));
    const caracal::Pod& coordinator = f.pod(Service::Coordinator);
    CHECK(stored(f, "up", coordinator).back().v == 1);
    CHECK(!stored(f, "caracal_outbox_total", coordinator).empty());
}
