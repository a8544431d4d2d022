#include <catch2/catch.hpp>

#include "analysis/false_pages.hpp"

using namespace caracal;
using namespace caracal::analysis;
using sim::Duration;
using sim::Time;
using sim::alerting::AlertState;

namespace {

Time at_minute(int m) { return Time::epoch() + Duration::minutes(m); }

// A one-week baseline of rules X and Y, injection at minute 0.
RunResult one_week_baseline() {
    RunResult r;
    r.start = r.injection = Time::epoch();
    r.end = r.injection + Duration::hours(7 * 24);
    r.rules["X"] = {};
    r.rules["Y"] = {};
    return r;
}

// An instance of `name` pending at `pending`, firing at `firing` (unset: never), resolved at `resolved`.
void add_episode(RunResult& r, const std::string& name, int pending, std::optional<int> firing, int resolved) {
    AlertInstance a;
    a.name = name;
    a.labels.set("alertname", name);
    const auto step = [&](int m, AlertState from, AlertState to) {
        a.transitions.push_back({at_minute(m), name, {}, from, to, 1});
    };
    step(pending, AlertState::Inactive, AlertState::Pending);
    if (firing) step(*firing, AlertState::Pending, AlertState::Firing);
    step(resolved, firing ? AlertState::Firing : AlertState::Pending, AlertState::Inactive);
    r.alerts.push_back(std::move(a));
}

}  // namespace

TEST_CASE("issue 19.5: false pages per week count each alert's firings over the baseline weeks, never its pending-only episodes") {
    RunResult r = one_week_baseline();
    r.end = r.injection + Duration::hours(14 * 24);  // two weeks
    add_episode(r, "X", 10, 11, 20);
    add_episode(r, "X", 100, 100, 120);
    add_episode(r, "X", 200, 201, 230);
    add_episode(r, "Y", 300, std::nullopt, 301);  // pending only: no page
    const auto per_week = false_pages_per_week(r);
    CHECK(per_week.at("X") == Approx(1.5));
    CHECK(per_week.at("Y") == 0);
    CHECK(per_week.size() == 2);
}

TEST_CASE("issue 19.5: a firing is traced to the disturbance in effect when it became active, else the last one removed before") {
    RunResult r = one_week_baseline();
    r.steps = {{"rolling_deploy(api)", at_minute(5), at_minute(7)},
               {"outage(redis)", at_minute(8), at_minute(9)},
               {"load(2)", at_minute(50), at_minute(80)},
               {"block(gateway, sts)", at_minute(60), at_minute(61)}};
    add_episode(r, "X", 10, 12, 20);  // after the redis outage ended
    add_episode(r, "Y", 60, 60, 70);  // inside the load surge and the block: the later applied wins
    const auto pages = false_pages(r);
    REQUIRE(pages.size() == 2);
    REQUIRE(pages[0].disturbance);
    CHECK(pages[0].disturbance->fault == "outage(redis)");
    CHECK_FALSE(pages[0].disturbance_in_effect);
    REQUIRE(pages[1].disturbance);
    CHECK(pages[1].disturbance->fault == "block(gateway, sts)");
    CHECK(pages[1].disturbance_in_effect);
}

TEST_CASE("issue 19.5: a firing before injection is warm-up, not a baseline page, and one with no step before it has no disturbance") {
    RunResult r = one_week_baseline();
    r.start = at_minute(-10);
    add_episode(r, "X", -5, -4, -3);
    add_episode(r, "Y", 30, 31, 32);
    const auto pages = false_pages(r);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].alert == "Y");
    CHECK_FALSE(pages[0].disturbance);
}

namespace {

// Half a day of normal operation with rolling deploys only, at a raised rate (about seven per
// service), so the test runs in seconds.
const char* const kRollingDeploysOnly = R"(name: rolling-deploys
warmup: 10m
fault_duration: 12h
disturbances: routine
profile:
  disturbances.rolling_deploy.per_week: 100
  disturbances.pod_eviction.per_week: 0
  disturbances.node_drain.per_week: 0
  disturbances.redis_failover.per_week: 0
  disturbances.postgres_failover.per_week: 0
  disturbances.network_blip.per_week: 0
  disturbances.slow_queries.per_week: 0
  disturbances.process_pause.per_week: 0
  disturbances.traffic_surge.per_week: 0
)";

// The exchange-error alert's pages per week with its `for` set to `hold`.
double exchange_error_pages_per_week(const std::string& hold) {
    RunOptions options;
    options.rule_overrides = {{"CaracalGatewaySTSExchangeErrors", "for", hold}};
    return false_pages_per_week(run(parse_scenario_text(kRollingDeploysOnly, "rolling-deploys.yaml"), options))
        .at("CaracalGatewaySTSExchangeErrors");
}

}  // namespace

// A StatefulSet rollout of STS stops a pod while Gateway exchanges are in flight to it: a few
// exchange errors, so increase(caracal_gateway_sts_exchange_errors_total[5m]) > 0 holds for about
// the five-minute window after them and no longer.
TEST_CASE("issue 19: an alert with for: 0s on a signal that blips during rolling deploys has false firings > 0 per week on the baseline, and a for longer than the blip brings it to 0") {
    CHECK(exchange_error_pages_per_week("0s") > 0);
    CHECK(exchange_error_pages_per_week("10m") == 0);
}

TEST_CASE("issue 19.2: a baseline run with the same seed gives the same disturbances and the same pages") {
    const Scenario s = parse_scenario_text(kRollingDeploysOnly, "rolling-deploys.yaml");
    const RunResult a = run(s, {}), b = run(s, {});
    REQUIRE(a.steps.size() == b.steps.size());
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
        CHECK(a.steps[i].fault == b.steps[i].fault);
        CHECK(a.steps[i].applied_at == b.steps[i].applied_at);
    }
    CHECK(false_pages(a).size() == false_pages(b).size());
}
