#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "models/kube/pod_name.hpp"
#include "models/kube/service_monitor.hpp"
#include "models/twin/twin.hpp"
#include "sim/promql/parser.hpp"

using namespace caracal;
using sim::Duration;

namespace {

const char* kPostgresBlock = R"(name: postgres-block
warmup: 5m
fault_duration: 5m
recovery: 1m
faults:
  - primitive: block
    from: "*"
    to: postgres
)";

const char* kQuiet = "name: quiet\nwarmup: 2m\nfault_duration: 1m\nrecovery: 0s\nfaults: []\n";

RunResult run_scenario(const char* text, const Profile& profile = default_profile()) {
    RunOptions o;
    o.rules_file = std::string(SOURCE_DIR) + "/tests/fixtures/rules/invented-pack.yaml";
    o.profile = profile;
    return run(parse_scenario_text(text, "test.yaml"), o);
}

std::vector<sim::tsdb::SeriesId> select(const RunResult& r, const std::string& selector) {
    const auto expr = sim::promql::parse(selector);
    return r.storage->select(static_cast<const sim::promql::VectorSelector&>(*expr).matchers);
}

}  // namespace

TEST_CASE("issue 14.2: pods are named as the chart's StatefulSets and Deployments name them, the same on every run") {
    CHECK(chart_pod_name(Service::Sts, 1) == "caracal-sts-1");
    CHECK(chart_pod_name(Service::Gateway, 0) == "caracal-gateway-0");
    const std::regex deployment_pod(R"(caracal-api-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5})");
    const std::string api0 = chart_pod_name(Service::Api, 0), api1 = chart_pod_name(Service::Api, 1);
    CHECK(std::regex_match(api0, deployment_pod));
    CHECK(std::regex_match(api1, deployment_pod));
    CHECK(api0 != api1);
    CHECK(api0.substr(0, 23) == api1.substr(0, 23));  // one ReplicaSet: the same pod-template hash
    CHECK(chart_pod_name(Service::Api, 0) == api0);
    CHECK(chart_pod_name(Service::Audit, 0).rfind("caracal-audit-", 0) == 0);
}

TEST_CASE("issue 14.2: a service pod's series carry the ServiceMonitor target labels job, service, namespace, endpoint, pod, container, instance") {
    const Pod pod(Service::Gateway, 1);
    const auto target = service_monitor_target(pod, "caracal");
    CHECK(target.job == "caracal-gateway");
    CHECK(target.instance == "caracal-gateway-1:8081");
    CHECK(target.labels == sim::tsdb::Labels{{"namespace", "caracal"},
                                             {"service", "caracal-gateway"},
                                             {"endpoint", "http"},
                                             {"pod", "caracal-gateway-1"},
                                             {"container", "gateway"}});

    const RunResult r = run_scenario(kQuiet);
    const auto up = select(r, R"(up{job="caracal-gateway", pod="caracal-gateway-1"})");
    REQUIRE(up.size() == 1);
    CHECK(r.storage->series(up[0]).labels == sim::tsdb::Labels{{"__name__", "up"},
                                                               {"job", "caracal-gateway"},
                                                               {"instance", "caracal-gateway-1:8081"},
                                                               {"namespace", "caracal"},
                                                               {"service", "caracal-gateway"},
                                                               {"endpoint", "http"},
                                                               {"pod", "caracal-gateway-1"},
                                                               {"container", "gateway"}});
    for (const char* job : {"caracal-api", "caracal-sts", "caracal-gateway", "caracal-audit", "caracal-coordinator"})
        CHECK(select(r, std::string("up{job=\"") + job + "\"}").size() == 2);
}

TEST_CASE("issue 14.2: kube-state-metrics exports kube_pod_container_status_ready for every pod's container under job kube-state-metrics") {
    const RunResult r = run_scenario(kQuiet);
    const auto ready = select(r, R"(kube_pod_container_status_ready{job="kube-state-metrics", namespace="caracal"})");
    std::set<std::string> pods, containers;
    for (const auto id : ready) {
        const auto& labels = r.storage->series(id).labels;
        pods.insert(std::string(labels.get("pod")));
        containers.insert(std::string(labels.get("container")));
    }
    CHECK(pods.size() == 10);
    CHECK(pods.count("caracal-sts-0") == 1);
    CHECK(pods.count(chart_pod_name(Service::Api, 1)) == 1);
    CHECK(containers == std::set<std::string>{"api", "audit", "coordinator", "gateway", "sts"});
}

TEST_CASE("issue 14.2: NotReady pods stay scraped by default; with scrape_not_ready_endpoints false their targets go") {
    // During the Postgres block every pod whose /ready checks Postgres turns NotReady.
    const auto up_during_fault = [](const RunResult& r) {
        std::size_t answered = 0;
        for (const auto id : select(r, R"(up{job="caracal-sts"})"))
            if (r.storage->instant(id, r.fault_end, Duration::minutes(5), sim::tsdb::RangeBoundary::Closed)) ++answered;
        return answered;
    };
    const RunResult scraped = run_scenario(kPostgresBlock);
    REQUIRE_FALSE(scraped.readiness.empty());
    CHECK(up_during_fault(scraped) == 2);

    Profile filtered = default_profile();
    filtered.set("prometheus.scrape_not_ready_endpoints", "false");
    const RunResult dropped = run_scenario(kPostgresBlock, filtered);
    CHECK(up_during_fault(dropped) == 0);
    // Ready again after the fault: discovered, so scraped, again.
    std::size_t back = 0;
    for (const auto id : select(dropped, R"(up{job="caracal-sts"})"))
        if (dropped.storage->instant(id, dropped.end, Duration::minutes(5), sim::tsdb::RangeBoundary::Closed)) ++back;
    CHECK(back == 2);
}
