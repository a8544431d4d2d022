#include "models/kube/kube_state_metrics.hpp"

#include "models/kube/pod_ready_metrics.hpp"

namespace caracal {

sim::scrape::ScrapeResult KubeStateMetrics::scrape(const std::vector<const Pod*>& pods, sim::Time now) {
    Listing listing;
    listing.reserve(pods.size());
    for (const Pod* pod : pods) listing.emplace_back(pod, pod->probe.get());
    if (listing != listed_) {
        registry_ = sim::scrape::Registry();
        for (const Pod* pod : pods) export_pod_ready(registry_, {namespace_, pod->name, std::string(name(pod->service))}, *pod->probe);
        listed_ = std::move(listing);
    }
    return sim::scrape::ScrapeResult::success(registry_.expose(now));
}

}  // namespace caracal
