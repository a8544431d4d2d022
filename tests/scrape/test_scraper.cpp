#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/base/error.hpp"
#include "sim/scrape/scrape_phase.hpp"
#include "sim/scrape/scraper.hpp"

using namespace sim;
using namespace sim::scrape;
using sim::tsdb::Labels;
using sim::tsdb::Sample;

namespace {

Time at(double secs) { return Time::epoch() + Duration::from_seconds(secs); }

TargetConfig config(std::string instance, Duration interval, std::optional<Duration> phase) {
    TargetConfig c;
    c.job = "api";
    c.instance = std::move(instance);
    c.interval = interval;
    c.phase = phase;
    return c;
}

// A model whose answers the test switches: up with a set of metrics, or failing.
struct FakeTarget {
    bool failing = false;
    Duration response_time = Duration::millis(20);
    std::vector<std::string> metrics{"requests_total", "queue_depth"};

    Exporter exporter() {
        return [this](Time now) {
            if (failing) return ScrapeResult::failure(response_time);
            std::vector<ExposedSample> page;
            for (const auto& name : metrics) page.push_back({Labels{{"__name__", name}}, now.unix_secs()});
            return ScrapeResult::success(std::move(page), response_time);
        };
    }
};

struct Harness {
    des::Simulation sim{1};
    tsdb::Storage storage;
    Scraper scraper{sim, storage};

    const std::vector<Sample>& samples(std::string name, std::string instance = "api-0") const {
        const auto id = storage.find(Labels{{"__name__", name}, {"job", "api"}, {"instance", instance}});
        REQUIRE(id);
        return storage.series(*id).samples;
    }
};

std::vector<Time> times(const std::vector<Sample>& samples) {
    std::vector<Time> out;
    for (const auto& s : samples) out.push_back(s.t);
    return out;
}

}  // namespace

TEST_CASE("scrapes happen at k*interval + phase and stamp samples with the scrape time") {
    Harness h;
    FakeTarget model;
    h.scraper.add_target(config("api-0", Duration::seconds(15), Duration::seconds(7)), model.exporter());
    h.sim.run_until(at(60));
    const auto& up = h.samples("up");
    CHECK(times(up) == std::vector<Time>{at(7), at(22), at(37), at(52)});
    const auto& requests = h.samples("requests_total");
    CHECK(times(requests) == times(up));
    CHECK(requests.back().v == 52.0);  // the value the model exposed at that scrape time
}

TEST_CASE("a target added mid-interval is first scraped at its next slot") {
    Harness h;
    FakeTarget model;
    h.sim.run_until(at(30));  // exactly on the slot 30 = 2*15 + 0: Prometheus waits for the next one
    h.scraper.add_target(config("api-0", Duration::seconds(15), Duration()), model.exporter());
    h.sim.run_until(at(50));
    CHECK(times(h.samples("up")) == std::vector<Time>{at(45)});
}

TEST_CASE("the default phase is a stable hash of the target labels within the interval") {
    const Labels a{{"job", "api"}, {"instance", "api-0"}};
    const Labels b{{"job", "api"}, {"instance", "api-1"}};
    const Duration interval = Duration::seconds(30);
    const Duration pa = default_phase(a, interval, 0);
    CHECK(pa >= Duration());
    CHECK(pa < interval);
    CHECK(default_phase(a, interval, 0) == pa);
    CHECK(default_phase(b, interval, 0) != pa);
    CHECK(default_phase(a, interval, 12345) != pa);  // the server's jitter seed moves it

    Harness h;
    FakeTarget model;
    const auto id = h.scraper.add_target(config("api-0", interval, std::nullopt), model.exporter());
    CHECK(h.scraper.phase(id) == pa);
    h.sim.run_until(at(100));
    for (const auto& s : h.samples("up")) CHECK((s.t - Time::epoch()) % interval == pa);
}

TEST_CASE("synthetic series report up, scrape duration and the number of samples") {
    Harness h;
    FakeTarget model;
    const auto id = h.scraper.add_target(config("api-0", Duration::seconds(10), Duration::seconds(1)), model.exporter());
    CHECK(h.scraper.health(id) == TargetHealth::Unknown);
    h.sim.run_until(at(5));
    CHECK(h.samples("up").back().v == 1);
    CHECK(h.samples("scrape_duration_seconds").back().v == Approx(0.020));
    CHECK(h.samples("scrape_samples_scraped").back().v == 2);
    CHECK(h.scraper.health(id) == TargetHealth::Up);
}

TEST_CASE("a failed scrape writes up 0 and stale markers for every series of the previous scrape") {
    Harness h;
    FakeTarget model;
    const auto id = h.scraper.add_target(config("api-0", Duration::seconds(10), Duration()), model.exporter());
    h.sim.run_until(at(25));  // scrapes at 10 and 20
    model.failing = true;
    h.sim.run_until(at(45));  // failures at 30 and 40
    CHECK(h.scraper.health(id) == TargetHealth::Down);

    const auto& up = h.samples("up");
    CHECK(up[2].t == at(30));
    CHECK(up[2].v == 0);
    CHECK(up[3].v == 0);
    CHECK(h.samples("scrape_samples_scraped").back().v == 0);
    for (const std::string name : {"requests_total", "queue_depth"}) {
        const auto& s = h.samples(name);
        REQUIRE(s.size() == 3);  // 10, 20, then one marker: the failure at 40 has nothing left to stale
        CHECK(s[2].t == at(30));
        CHECK(tsdb::is_stale_nan(s[2].v));
    }
    CHECK_FALSE(h.storage.instant(*h.storage.find(Labels{{"__name__", "queue_depth"}, {"job", "api"}, {"instance", "api-0"}}),
                                  at(35), Duration::minutes(5), tsdb::RangeBoundary::Closed));
}

TEST_CASE("a scrape slower than the timeout counts as failed and reports the timeout as its duration") {
    Harness h;
    FakeTarget model;
    auto c = config("api-0", Duration::seconds(15), Duration());
    c.timeout = Duration::seconds(5);
    h.scraper.add_target(c, model.exporter());
    h.sim.run_until(at(20));
    model.response_time = Duration::seconds(6);
    h.sim.run_until(at(35));
    const auto& up = h.samples("up");
    CHECK(up.back().t == at(30));
    CHECK(up.back().v == 0);
    CHECK(h.samples("scrape_duration_seconds").back().v == 5.0);
    CHECK(tsdb::is_stale_nan(h.samples("requests_total").back().v));
}

TEST_CASE("scraping recovers after a failure with fresh samples and up 1") {
    Harness h;
    FakeTarget model;
    h.scraper.add_target(config("api-0", Duration::seconds(10), Duration()), model.exporter());
    model.failing = true;
    h.sim.run_until(at(25));
    model.failing = false;
    h.sim.run_until(at(35));
    CHECK(h.samples("up").back().v == 1);
    const auto& requests = h.samples("requests_total");
    REQUIRE(requests.size() == 1);  // never scraped successfully before, so no stale marker either
    CHECK(requests.back().t == at(30));
    CHECK(requests.back().v == 30.0);
}

TEST_CASE("a series missing from an otherwise successful scrape gets a stale marker") {
    Harness h;
    FakeTarget model;
    h.scraper.add_target(config("api-0", Duration::seconds(10), Duration()), model.exporter());
    h.sim.run_until(at(15));
    model.metrics = {"requests_total"};
    h.sim.run_until(at(25));
    CHECK(h.samples("up").back().v == 1);
    CHECK(h.samples("requests_total").back().v == 20.0);
    const auto& gone = h.samples("queue_depth");
    CHECK(gone.back().t == at(20));
    CHECK(tsdb::is_stale_nan(gone.back().v));
    model.metrics = {"requests_total", "queue_depth"};  // it comes back
    h.sim.run_until(at(35));
    CHECK(gone.back().v == 30.0);
}

TEST_CASE("exposed labels that clash with target labels are kept as exported_ labels") {
    Harness h;
    h.scraper.add_target(config("api-0", Duration::seconds(10), Duration()), [](Time) {
        return ScrapeResult::success({{Labels{{"__name__", "federated"}, {"job", "upstream"}}, 1.0}});
    });
    h.sim.run_until(at(10));
    CHECK(h.storage.find(
        Labels{{"__name__", "federated"}, {"job", "api"}, {"exported_job", "upstream"}, {"instance", "api-0"}}));
}

TEST_CASE("removing a target stales all its series and up at once and stops scraping it") {
    Harness h;
    FakeTarget model0, model1;
    const auto gone = h.scraper.add_target(config("api-0", Duration::seconds(10), Duration()), model0.exporter());
    h.scraper.add_target(config("api-1", Duration::seconds(10), Duration()), model1.exporter());
    h.sim.run_until(at(23));
    h.scraper.remove_target(gone);
    h.scraper.remove_target(gone);  // twice is harmless
    h.sim.run_until(at(60));
    for (const std::string name : {"requests_total", "queue_depth", "up", "scrape_duration_seconds",
                                   "scrape_samples_scraped"}) {
        INFO(name);
        const auto& s = h.samples(name, "api-0");
        REQUIRE(s.size() == 3);  // scrapes at 10 and 20, then the marker
        CHECK(s.back().t == at(23));
        CHECK(tsdb::is_stale_nan(s.back().v));
    }
    CHECK(h.samples("up", "api-1").back().t == at(60));  // the other target goes on
}

TEST_CASE("a removal at the instant of a scrape stales just after it instead of overwriting it") {
    Harness h;
    FakeTarget model;
    const auto id = h.scraper.add_target(config("api-0", Duration::seconds(10), Duration()), model.exporter());
    h.sim.schedule_at(at(20), des::Priority{10}, [&] { h.scraper.remove_target(id); });
    h.sim.run_until(at(40));
    const auto& up = h.samples("up");
    REQUIRE(up.size() == 3);
    CHECK(up[1].t == at(20));
    CHECK(up[1].v == 1);
    CHECK(up[2].t == at(20) + Duration::millis(1));
    CHECK(tsdb::is_stale_nan(up[2].v));
}

TEST_CASE("invalid target settings are input errors and bad ids or exporters are rejected") {
    Harness h;
    FakeTarget model;
    auto bad_timeout = config("api-0", Duration::seconds(10), std::nullopt);
    bad_timeout.timeout = Duration::seconds(11);
    CHECK_THROWS_AS(h.scraper.add_target(bad_timeout, model.exporter()), InputError);
    CHECK_THROWS_AS(h.scraper.add_target(config("api-0", Duration(), std::nullopt), model.exporter()), InputError);
    CHECK_THROWS_AS(h.scraper.add_target(config("api-0", Duration::seconds(10), Duration::seconds(10)),
                                         model.exporter()),
                    InputError);
    CHECK_THROWS_AS(h.scraper.add_target(config("", Duration::seconds(10), std::nullopt), model.exporter()), InputError);
    auto reserved = config("api-0", Duration::seconds(10), std::nullopt);
    reserved.labels = Labels{{"job", "other"}};
    CHECK_THROWS_AS(h.scraper.add_target(reserved, model.exporter()), InputError);
    CHECK_THROWS_AS(h.scraper.add_target(config("api-0", Duration::seconds(10), std::nullopt), Exporter{}),
                    std::invalid_argument);
    CHECK_THROWS_AS(h.scraper.remove_target(TargetId{99}), std::out_of_range);
}

TEST_CASE("issue 17.3: a target given scrape instants is scraped exactly at those at or after it is added, never between") {
    Harness h;
    h.sim.run_until(at(3));
    FakeTarget fake;
    TargetConfig c = config("api-0", Duration::seconds(15), std::nullopt);
    const auto answered = [](double secs) { return ReplayedScrape{at(secs), at(secs)}; };
    // Unsorted; 1s is before the target exists.
    c.instants = std::vector<ReplayedScrape>{answered(17.25), answered(1), answered(4.5), answered(9)};
    const TargetId id = h.scraper.add_target(c, fake.exporter());
    h.sim.run_until(at(12));
    h.scraper.remove_target(id);  // the replayed instant at 17.25s goes with it
    h.sim.run_until(at(30));
    const auto& up = h.samples("up");
    REQUIRE(up.size() == 3);  // 4.5s, 9s, and the stale marker of the removal at 12s
    CHECK(up[0].t == at(4.5));
    CHECK(up[1].t == at(9));
    CHECK(up[2].t == at(12));
    CHECK(sim::tsdb::is_stale_nan(up[2].v));
}

TEST_CASE("issue 17.4: a replayed scrape asks the target when the request reached it and stamps at Prometheus' instant") {
    Harness h;
    FakeTarget fake;  // exposes the instant it is asked as its value
    TargetConfig c = config("api-0", Duration::seconds(5), std::nullopt);
    c.timeout = Duration::seconds(4);
    c.instants = std::vector<ReplayedScrape>{{at(4.998), at(5.003)}, {at(9.998), at(10.004)}};
    h.scraper.add_target(c, fake.exporter());
    h.sim.run_until(at(10));
    fake.failing = true;  // from 10s on: after the second scrape's stamp, before its request arrives
    h.sim.run_until(at(20));
    const auto& requests = h.samples("requests_total");
    REQUIRE(requests.size() == 2);  // the answer of 5.003s, then the stale marker of the failure
    CHECK(requests[0].t == at(4.998));
    CHECK(requests[0].v == Approx(at(5.003).unix_secs()));
    CHECK(requests[1].t == at(9.998));
    CHECK(tsdb::is_stale_nan(requests[1].v));
    const auto& up = h.samples("up");
    REQUIRE(up.size() == 2);
    CHECK(up[1].t == at(9.998));
    CHECK(up[1].v == 0);
}
