// The exact replay of a live session (issue 17.4): each request serve logged is paired with the
// instant Prometheus stamped that scrape, and replayed with the state the request found but the
// stamp Prometheus gave it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "live/serve_status.hpp"

using caracal::live::paired_scrapes;
using sim::scrape::ReplayedScrape;

namespace {

constexpr std::int64_t kOrigin = 1'800'000'000'000;  // the Unix ms the simulation starts at
const sim::Duration kTimeout = sim::Duration::seconds(4);

sim::Time sim_at(std::int64_t ms_since_start) { return sim::Time::from_millis(ms_since_start); }

}  // namespace

TEST_CASE("issue 17.4: each request is paired with the latest unpaired up stamp at or before it, within the scrape timeout") {
    // A failed connect at 2s (a stamp no request matches), two scrapes a few ms in flight, and a
    // request whose stamp lies outside the range saved.
    const std::vector<std::int64_t> stamps{kOrigin + 2000, kOrigin + 4998, kOrigin + 9998};
    const std::vector<std::int64_t> arrivals{kOrigin + 5003, kOrigin + 10004, kOrigin + 15002};
    const auto paired = paired_scrapes(arrivals, stamps, kTimeout, kOrigin);
    CHECK(paired == std::vector<ReplayedScrape>{{sim_at(4998), sim_at(5003)},
                                                {sim_at(9998), sim_at(10004)},
                                                {sim_at(15002), sim_at(15002)}});
    // A stamp older than the timeout is not this request's scrape.
    CHECK(paired_scrapes({kOrigin + 9000}, {kOrigin + 4000}, kTimeout, kOrigin) ==
          std::vector<ReplayedScrape>{{sim_at(9000), sim_at(9000)}});
}

TEST_CASE("issue 17.4: a scrape stamped before the injection that reached serve after it replays stamped before, with the fault's answer") {
    const auto scenario = caracal::parse_scenario_text(
        "name: live\nwarmup: 1m\nfault_duration: 2m\nrecovery: 1m\nfaults:\n  - {primitive: outage, component: postgres}\n",
        "live.yaml");
    caracal::RunOptions options;
    options.rules_file = std::string(SOURCE_DIR) + "/tests/fixtures/live/live-pack.yaml";
    std::string pod, instance;
    sim::tsdb::Labels up;
    {
        caracal::TwinSession twin(scenario, options);
        for (const auto& t : twin.world().scrape_targets())
            if (t.labels.get("job") == "caracal-api") {
                pod = t.name;
                instance = std::string(t.labels.get("instance"));
                up = t.labels;
                up.set(sim::tsdb::kMetricName, "up");
            }
    }
    REQUIRE(!pod.empty());
    // Prometheus scraped the API pod every 5s, stamping 5ms before each request reached serve:
    // the one stamped at 59.998s, before the injection at 60s, arrived at 60.003s, after it.
    caracal::live::ServeStatus status;
    status.start_unix_ms = kOrigin;
    status.injected_at_unix_ms = kOrigin + 60000;
    caracal::live::ScrapeStamps stamps;
    for (std::int64_t ms = 5000; ms < 240000; ms += 5000) {
        status.scrape_log.record(pod, instance, kOrigin + ms + 3);
        stamps[instance].push_back(kOrigin + ms - 2);
    }
    const caracal::Profile profile = scenario.apply_overrides(options.profile);
    const caracal::RunResult run =
        caracal::run(scenario, caracal::live::replay_options(status, stamps, options, std::nullopt, profile));
    REQUIRE(run.injection == sim_at(60000));
    const auto id = run.storage->find(up);
    REQUIRE(id);
    const auto& samples = run.storage->series(*id).samples;
    const auto stamped = std::find_if(samples.begin(), samples.end(), [](const auto& s) { return s.t == sim_at(59998); });
    REQUIRE(stamped != samples.end());
    CHECK(stamped->v == 0);  // the request found the outage
    CHECK(std::prev(stamped)->t == sim_at(54998));
    CHECK(std::prev(stamped)->v == 1);
}
