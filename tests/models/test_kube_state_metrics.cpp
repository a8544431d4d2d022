#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "models/kube/kube_state_metrics.hpp"

using namespace caracal;

namespace {

std::unique_ptr<ReadinessProbe> probe(sim::des::Simulation& sim, bool ready) {
    ReadinessProbeConfig c;
    c.initially_ready = ready;
    return std::make_unique<ReadinessProbe>(sim, c, [ready](sim::Time) {
        return ready ? ProbeOutcome::success() : ProbeOutcome::failure();
    });
}

// "pod/condition=value" for every exposed sample, in page order.
std::vector<std::string> page(KubeStateMetrics& ksm, const std::vector<const Pod*>& pods, sim::Time now) {
    std::vector<std::string> out;
    for (const auto& s : ksm.scrape(pods, now).samples)
        if (s.labels.get("__name__") == "kube_pod_status_ready")
            out.push_back(std::string(s.labels.get("pod")) + "/" + std::string(s.labels.get("condition")) + "=" +
                          std::to_string(static_cast<int>(s.value)));
    return out;
}

}  // namespace

TEST_CASE("kube-state-metrics lists exactly the pods given at each scrape, with their current probes") {
    sim::des::Simulation sim(1);
    Pod api(Service::Api, 0), sts(Service::Sts, 0);
    const std::string a = api.name;
    api.probe = probe(sim, true);
    sts.probe = probe(sim, false);
    KubeStateMetrics ksm("caracal");
    using Page = std::vector<std::string>;
    CHECK(page(ksm, {&api, &sts}, sim.now()) ==
          Page{a + "/false=0", "caracal-sts-0/false=1", a + "/true=1", "caracal-sts-0/true=0",
               a + "/unknown=0", "caracal-sts-0/unknown=0"});
    CHECK(page(ksm, {&api}, sim.now()) == Page{a + "/false=0", a + "/true=1", a + "/unknown=0"});
    // A restarted pod gets a new probe: the page follows it, not the old one.
    api.probe = probe(sim, false);
    CHECK(page(ksm, {&api}, sim.now()) == Page{a + "/false=1", a + "/true=0", a + "/unknown=0"});
    CHECK(page(ksm, {}, sim.now()).empty());
}
