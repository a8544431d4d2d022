#include <catch2/catch.hpp>

#include "live/live_twin.hpp"
#include "models/platform/metric_contract.hpp"
#include "sim/scrape/exposition.hpp"

using caracal::RunOptions;
using caracal::TwinSession;
using caracal::live::HttpRequest;
using caracal::live::LiveTwin;
using caracal::live::WallClock;

namespace {

constexpr std::int64_t kOrigin = 1'800'000'000'000;  // the Unix ms the simulation starts at

RunOptions options() {
    RunOptions o;
    o.rules_file = std::string(SOURCE_DIR) + "/tests/fixtures/live/live-pack.yaml";
    return o;
}

caracal::Scenario scenario(const std::string& fault) {
    return caracal::parse_scenario_text("name: live\nwarmup: 1m\nfault_duration: 2m\nrecovery: 1m\n"
                                        "faults:\n  - " + fault + "\n",
                                        "live.yaml");
}

std::int64_t at(sim::Duration since_start) { return kOrigin + since_start.ms(); }

HttpRequest get(const std::string& path) { return {"GET", path}; }

std::string path_of_job(const nlohmann::json& targets, const std::string& job) {
    for (const auto& g : targets)
        if (g["labels"]["job"] == job) return g["labels"]["__metrics_path__"];
    return "";
}

}  // namespace

TEST_CASE("issue 17.1: /targets gives one http_sd target per pod and kube-state-metrics, with ServiceMonitor labels") {
    const auto s = scenario("{primitive: outage, component: postgres}");
    TwinSession twin(s, options());
    LiveTwin live(twin, WallClock(twin.start(), kOrigin), "127.0.0.1:9469");
    const auto targets = nlohmann::json::parse(live.handle(get("/targets"), at(sim::Duration::seconds(1))).body);
    REQUIRE(targets.size() == twin.world().scrape_targets().size());
    CHECK(path_of_job(targets, "kube-state-metrics") == "/pods/kube-state-metrics/metrics");
    for (const auto& g : targets) {
        CHECK(g["targets"] == nlohmann::json::array({"127.0.0.1:9469"}));
        if (g["labels"]["job"] == "kube-state-metrics") continue;
        const auto& labels = g["labels"];
        CHECK(labels["__metrics_path__"] == "/pods/" + labels["pod"].get<std::string>() + "/metrics");
        CHECK(labels["endpoint"] == "http");
        CHECK(labels["service"] == labels["job"]);
    }
}

TEST_CASE("issue 17.1: a pod page is the exposition of what the simulated scrape reads at the request instant") {
    const auto s = scenario("{primitive: outage, component: postgres}");
    TwinSession twin(s, options());
    LiveTwin live(twin, WallClock(twin.start(), kOrigin), "127.0.0.1:9469");
    const auto targets = nlohmann::json::parse(live.handle(get("/targets"), at(sim::Duration::seconds(1))).body);
    const std::string gateway = path_of_job(targets, "caracal-gateway");
    const auto page = live.handle(get(gateway), at(sim::Duration::seconds(40)));
    CHECK(page.status == 200);
    CHECK(page.content_type == sim::scrape::kExpositionContentType);
    CHECK(twin.now() == twin.start() + sim::Duration::seconds(40));
    const std::string pod = gateway.substr(6, gateway.size() - 6 - 8);
    const auto direct = twin.world().answer_scrape(pod, twin.now());
    REQUIRE(direct);
    CHECK(page.body == sim::scrape::render_exposition(direct->samples, caracal::metric_family));
    CHECK(page.body.find("# TYPE caracal_gateway_sts_exchange_errors_total counter\n") != std::string::npos);
}

TEST_CASE("issue 17.1: during a Postgres outage the API page answers 500 at once; black-holed, after the 5s query timeout") {
    for (const auto& [fault, delay] : {std::pair{std::string("{primitive: outage, component: postgres}"), sim::Duration()},
                                       std::pair{std::string("{primitive: block, from: '*', to: postgres}"), sim::Duration::seconds(5)}}) {
        const auto s = scenario(fault);
        TwinSession twin(s, options());
        LiveTwin live(twin, WallClock(twin.start(), kOrigin), "127.0.0.1:9469");
        const auto targets = nlohmann::json::parse(live.handle(get("/targets"), at(sim::Duration::seconds(1))).body);
        const std::string api = path_of_job(targets, "caracal-api");
        CHECK(live.handle(get(api), at(sim::Duration::seconds(30))).status == 200);
        const auto failed = live.handle(get(api), at(sim::Duration::seconds(90)));
        CHECK(failed.status == 500);
        CHECK(failed.delay == delay);
        CHECK(live.handle(get(path_of_job(targets, "caracal-coordinator")), at(sim::Duration::seconds(91))).status == 401);
    }
}

TEST_CASE("issue 17.1: pods scaled to zero vanish from /targets and their pages answer 404") {
    const auto s = scenario("{primitive: scale, service: sts, replicas: 0}");
    TwinSession twin(s, options());
    LiveTwin live(twin, WallClock(twin.start(), kOrigin), "127.0.0.1:9469");
    const auto before = nlohmann::json::parse(live.handle(get("/targets"), at(sim::Duration::seconds(30))).body);
    const std::string sts = path_of_job(before, "caracal-sts");
    REQUIRE(!sts.empty());
    const auto during = nlohmann::json::parse(live.handle(get("/targets"), at(sim::Duration::seconds(90))).body);
    CHECK(path_of_job(during, "caracal-sts").empty());
    CHECK(live.handle(get(sts), at(sim::Duration::seconds(91))).status == 404);
}

TEST_CASE("issue 17.1: /status gives the simulated time, the phase, the injection in Unix ms and the scrape log") {
    const auto s = scenario("{primitive: outage, component: postgres}");
    TwinSession twin(s, options());
    LiveTwin live(twin, WallClock(twin.start(), kOrigin), "127.0.0.1:9469");
    live.handle(get("/pods/kube-state-metrics/metrics"), at(sim::Duration::seconds(5)));
    live.handle(get("/pods/kube-state-metrics/metrics"), at(sim::Duration::seconds(10)));
    auto status = nlohmann::json::parse(live.handle(get("/status"), at(sim::Duration::seconds(75))).body);
    CHECK(status["phase"] == "fault");
    CHECK(status["simulated_time_ms"] == 75000);
    CHECK(status["injected_at_unix_ms"] == kOrigin + 60000);
    CHECK(status["scrape_log"]["kube-state-metrics"] == nlohmann::json::array({kOrigin + 5000, kOrigin + 10000}));
    status = nlohmann::json::parse(live.handle(get("/status"), at(sim::Duration::seconds(200))).body);
    CHECK(status["phase"] == "recovery");
    live.advance_to(at(sim::Duration::minutes(10)));
    CHECK(live.ended());
    CHECK(live.phase() == caracal::live::SessionPhase::Ended);
}

TEST_CASE("issue 17.1: looking at a live session does not change its run") {
    const auto s = scenario("{primitive: outage, component: postgres}");
    const caracal::RunResult offline = caracal::run(s, options());
    TwinSession twin(s, options());
    LiveTwin live(twin, WallClock(twin.start(), kOrigin), "127.0.0.1:9469");
    for (int second = 1; second < 240; second += 7) {
        live.handle(get("/targets"), at(sim::Duration::seconds(second)));
        live.handle(get("/pods/kube-state-metrics/metrics"), at(sim::Duration::seconds(second)));
    }
    const caracal::RunResult served = twin.finish();
    REQUIRE(served.alerts.size() == offline.alerts.size());
    REQUIRE(!offline.alerts.empty());
    for (std::size_t i = 0; i < offline.alerts.size(); ++i) {
        CHECK(served.alerts[i].labels == offline.alerts[i].labels);
        REQUIRE(served.alerts[i].transitions.size() == offline.alerts[i].transitions.size());
        for (std::size_t k = 0; k < offline.alerts[i].transitions.size(); ++k)
            CHECK(served.alerts[i].transitions[k].at == offline.alerts[i].transitions[k].at);
    }
}
