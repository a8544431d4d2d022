// The kube-state-metrics target: the readiness series of pod_ready_metrics.hpp for the pods that
// exist at scrape time. Its registry is rebuilt only when that set of pods, or a pod's probe,
// changed since the previous scrape; otherwise the same gauges are read again. Building the label
// sets of every pod at every scrape was a noticeable share of a run.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "models/kube/pod.hpp"
#include "sim/scrape/registry.hpp"
#include "sim/scrape/target.hpp"

namespace caracal {

class KubeStateMetrics {
public:
    explicit KubeStateMetrics(std::string pod_namespace) : namespace_(std::move(pod_namespace)) {}

    // `pods`: every pod that exists (running, with a probe), in the order to register them.
    sim::scrape::ScrapeResult scrape(const std::vector<const Pod*>& pods, sim::Time now);

private:
    // What the registry was built from: each pod and the probe its gauges read.
    using Listing = std::vector<std::pair<const Pod*, const ReadinessProbe*>>;

    std::string namespace_;
    Listing listed_;
    sim::scrape::Registry registry_;
};

}  // namespace caracal
