// Issue 14.6: Caracal's later release 6b5b47f21 as data: models/profiles/caracal-6b5b47f21.yaml
// over the built-in 46a980b6c profile. Each test pins one switch to the source behaviour it stands
// for, against the same world under the 46a980b6c profile.
#include <catch2/catch.hpp>

#include <string>

#include "models/platform/default_profile.hpp"
#include "world_fixture.hpp"

using caracal::Service;
using sim::Duration;
using world_test::WorldFixture;

namespace {

// The profile of 46a980b6c (the built-in one) or of 6b5b47f21 (its file over the built-in one).
caracal::Profile release(bool later) {
    return later ? caracal::load_profile("models/profiles/caracal-6b5b47f21.yaml") : caracal::default_profile();
}
const char* release_name(bool later) { return later ? "6b5b47f21" : "46a980b6c"; }

bool exposes(const caracal::Pod& pod, const std::string& name, sim::Time now) {
    for (const auto& s : pod.metrics.expose(now))
        if (s.labels.get("__name__") == name) return true;
    return false;
}

// The values Prometheus stored for `name` from `pod`; empty when it stored none.
std::vector<double> stored(const WorldFixture& f, const std::string& name, const std::string& pod) {
    std::vector<double> out;
    for (std::uint32_t i = 0; i < f.storage.size(); ++i) {
        const auto& s = f.storage.series(sim::tsdb::SeriesId{i});
        if (s.labels.get("__name__") != name || s.labels.get("pod") != pod) continue;
        for (const auto& sample : s.samples) out.push_back(sample.v);
    }
    return out;
}

// How many caracal_* series Prometheus stored from `pod`.
std::size_t caracal_series(const WorldFixture& f, const std::string& pod) {
    std::size_t n = 0;
    for (std::uint32_t i = 0; i < f.storage.size(); ++i) {
        const auto& s = f.storage.series(sim::tsdb::SeriesId{i});
        if (s.labels.get("pod") == pod && s.labels.get("__name__").rfind("caracal_", 0) == 0) ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("issue 14.6: the Gateway's /ready queries Postgres at 46a980b6c and not at 6b5b47f21 "
          "(HEAD:services/gateway/internal/server.go:224-259)") {
    for (const bool later : {false, true}) {
        INFO(release_name(later));
        WorldFixture f(release(later));
        f.run_for(Duration::minutes(2));
        f.apply("{primitive: block, from: gateway, to: postgres}");
        const caracal::Pod& gateway = f.pod(Service::Gateway);
        // At the instant of the block: Redis, the snapshot and STS are all still fine.
        const caracal::ProbeOutcome outcome = f.world.service(Service::Gateway).ready_check(gateway, f.sim.now());
        CHECK(outcome.ok == later);
    }
}

TEST_CASE("issue 14.6: at 6b5b47f21 every Caracal service answers the ServiceMonitor's scrape with 401 (up 0, no "
          "series), kube-state-metrics still answers; at 46a980b6c only the Coordinator does") {
    for (const bool later : {false, true}) {
        INFO(release_name(later));
        WorldFixture f(release(later));
        f.run_for(Duration::minutes(3));
        for (Service s : caracal::kServices) {
            const caracal::Pod& pod = f.pod(s);
            INFO(pod.name);
            const bool refused = later || s == Service::Coordinator;
            const auto up = stored(f, "up", pod.name);
            REQUIRE(!up.empty());
            for (double v : up) CHECK(v == (refused ? 0 : 1));
            CHECK((caracal_series(f, pod.name) == 0) == refused);
        }
        bool ksm_up = false;
        for (std::uint32_t i = 0; i < f.storage.size(); ++i) {
            const auto& series = f.storage.series(sim::tsdb::SeriesId{i});
            if (series.labels.get("__name__") == "up" && series.labels.get("job") == "kube-state-metrics")
                ksm_up = series.samples.back().v == 1;
        }
        CHECK(ksm_up);
    }
}

TEST_CASE("issue 14.6: the Gateway exports caracal_gateway_audit_dropped_total at 6b5b47f21 only, STS its counter in "
          "both releases, at 0: nothing fills a buffer or fails the replay volume (HEAD:services/gateway/internal/server.go:312, "
          "services/sts/internal/server.go:364@46a980b6c)") {
    for (const bool later : {false, true}) {
        INFO(release_name(later));
        WorldFixture f(release(later));
        f.run_for(Duration::minutes(2));
        const std::string gateway = "caracal_gateway_audit_dropped_total", sts = "caracal_sts_audit_dropped_total";
        CHECK(exposes(f.pod(Service::Gateway), gateway, f.sim.now()) == later);
        CHECK(exposes(f.pod(Service::Sts), sts, f.sim.now()));
        CHECK(f.metric(f.pod(Service::Gateway), gateway) == 0);
        CHECK(f.metric(f.pod(Service::Sts), sts) == 0);
    }
}
