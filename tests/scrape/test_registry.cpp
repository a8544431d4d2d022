#include <catch2/catch.hpp>

#include "sim/scrape/registry.hpp"

using namespace sim;
using sim::scrape::Registry;

TEST_CASE("registry instruments are found again by name and labels") {
    Registry r;
    r.counter("requests_total", {{"code", "200"}}).inc();
    r.counter("requests_total", {{"code", "200"}}).inc(2);
    r.counter("requests_total", {{"code", "500"}}).inc();
    r.gauge("queue_length").set(7);
    const auto samples = r.expose(Time::epoch());
    REQUIRE(samples.size() == 3);
    CHECK(samples[0].labels.get("__name__") == "queue_length");
    CHECK(samples[0].value == 7);
    CHECK(samples[1].labels.get("code") == "200");
    CHECK(samples[1].value == 3);
    CHECK(samples[2].value == 1);
}

TEST_CASE("computed gauges are evaluated at the scrape instant") {
    Registry r;
    const Time since = Time::epoch() + Duration::seconds(10);
    r.gauge_fn("oldest_age_seconds", {}, [since](Time now) { return (now - since).secs(); });
    CHECK(r.expose(Time::epoch() + Duration::seconds(25))[0].value == 15);
    CHECK(r.expose(Time::epoch() + Duration::seconds(70))[0].value == 60);
}
