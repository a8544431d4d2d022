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

TEST_CASE("a page lists counters, gauges and computed gauges together in label order") {
    Registry r;
    r.gauge_fn("b_computed", {}, [](Time) { return 2.0; });
    r.counter("c_total").inc(3);
    r.gauge("a_gauge").set(1);
    r.gauge("d_gauge").set(4);
    r.gauge_fn("e_computed", {}, [](Time) { return 5.0; });
    r.counter("a_total", {{"x", "y"}}).inc(6);
    std::vector<std::string> names;
    std::vector<double> values;
    for (const auto& s : r.expose(Time::epoch())) {
        names.emplace_back(s.labels.get("__name__"));
        values.push_back(s.value);
    }
    CHECK(names == std::vector<std::string>{"a_gauge", "a_total", "b_computed", "c_total", "d_gauge", "e_computed"});
    CHECK(values == std::vector<double>{1, 6, 2, 3, 4, 5});
}

TEST_CASE("issue 14.2: a registry gate that fails at scrape time answers with its failure instead of the page") {
    Registry r;
    r.gauge("outbox_pending").set(3);
    bool database_down = false;
    r.set_gate([&database_down](Time) -> std::optional<sim::scrape::ScrapeResult> {
        if (database_down) return sim::scrape::ScrapeResult::failure(Duration::seconds(5));
        return std::nullopt;
    });
    const auto page = r.answer(Time::epoch());
    CHECK(page.status == sim::scrape::ScrapeResult::Status::Answered);
    REQUIRE(page.samples.size() == 1);
    database_down = true;
    const auto failed = r.answer(Time::epoch());
    CHECK(failed.status == sim::scrape::ScrapeResult::Status::Failed);
    CHECK(failed.samples.empty());
    CHECK(failed.response_time == Duration::seconds(5));
}

TEST_CASE("issue 14.2: a process restart zeroes counters and set gauges but keeps computed gauges") {
    Registry r;
    r.counter("dlq_total").inc(4);
    r.gauge("consumer_lag").set(12);
    r.gauge_fn("age_seconds", {}, [](Time) { return 9.0; });
    r.reset_values();
    for (const auto& s : r.expose(Time::epoch())) CHECK(s.value == (s.labels.get("__name__") == "age_seconds" ? 9.0 : 0.0));
}
