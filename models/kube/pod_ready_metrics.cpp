#include "models/kube/pod_ready_metrics.hpp"

namespace caracal {

void export_pod_ready(sim::scrape::Registry& registry, const std::string& pod_namespace, const std::string& pod,
                      const ReadinessProbe& probe) {
    const auto series = [&](const char* condition) {
        return sim::tsdb::Labels{{"namespace", pod_namespace}, {"pod", pod}, {"condition", condition}};
    };
    const ReadinessProbe* p = &probe;
    registry.gauge_fn("kube_pod_status_ready", series("true"), [p](Time) { return p->ready() ? 1.0 : 0.0; });
    registry.gauge_fn("kube_pod_status_ready", series("false"), [p](Time) { return p->ready() ? 0.0 : 1.0; });
    registry.gauge_fn("kube_pod_status_ready", series("unknown"), [](Time) { return 0.0; });
}

}  // namespace caracal
