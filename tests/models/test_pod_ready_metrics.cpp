#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "models/kube/pod_ready_metrics.hpp"

using namespace caracal;
using sim::des::Simulation;

namespace {

Time at_s(std::int64_t s) { return Time::epoch() + Duration::seconds(s); }

std::map<std::string, double> ready_by_condition(const sim::scrape::Registry& registry, Time now) {
    std::map<std::string, double> out;
    for (const auto& s : registry.expose(now)) {
        if (s.labels.get("__name__") != "kube_pod_status_ready") continue;
        CHECK(s.labels.get("namespace") == "caracal");
        CHECK(s.labels.get("pod") == "api-0");
        out[std::string(s.labels.get("condition"))] = s.value;
    }
    return out;
}

}  // namespace

TEST_CASE("kube_pod_status_ready shows the probe's readiness at the scrape instant, one series per condition") {
    Simulation sim(1);
    ReadinessProbeConfig c;
    c.period = Duration::seconds(10);
    c.failure_threshold = 1;
    ReadinessProbe probe(sim, c, [](Time now) { return now < at_s(15) ? ProbeOutcome::success() : ProbeOutcome::failure(); });
    sim::scrape::Registry registry;
    export_pod_ready(registry, {"caracal", "api-0", "api"}, probe);

    using M = std::map<std::string, double>;
    CHECK(ready_by_condition(registry, sim.now()) == M{{"false", 1}, {"true", 0}, {"unknown", 0}});
    sim.run_until(at_s(10));
    CHECK(ready_by_condition(registry, sim.now()) == M{{"false", 0}, {"true", 1}, {"unknown", 0}});
    sim.run_until(at_s(20));
    CHECK(ready_by_condition(registry, sim.now()) == M{{"false", 1}, {"true", 0}, {"unknown", 0}});
}

TEST_CASE("issue 14.2: kube_pod_container_status_ready is 1 while the pod's container is ready, labelled namespace, pod, container") {
    Simulation sim(1);
    ReadinessProbeConfig c;
    c.period = Duration::seconds(10);
    c.failure_threshold = 1;
    c.initially_ready = true;
    ReadinessProbe probe(sim, c, [](Time now) { return now < at_s(15) ? ProbeOutcome::success() : ProbeOutcome::failure(); });
    sim::scrape::Registry registry;
    export_pod_ready(registry, {"caracal", "caracal-sts-0", "sts"}, probe);
    const auto container_ready = [&](Time now) {
        std::vector<double> values;
        for (const auto& s : registry.expose(now))
            if (s.labels.get("__name__") == "kube_pod_container_status_ready") {
                CHECK(s.labels == sim::tsdb::Labels{{"__name__", "kube_pod_container_status_ready"},
                                                    {"namespace", "caracal"},
                                                    {"pod", "caracal-sts-0"},
                                                    {"container", "sts"}});
                values.push_back(s.value);
            }
        return values;
    };
    CHECK(container_ready(sim.now()) == std::vector<double>{1});
    sim.run_until(at_s(20));
    CHECK(container_ready(sim.now()) == std::vector<double>{0});
}
