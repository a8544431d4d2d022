#include "models/kube/pod_ready_metrics.hpp"

namespace caracal {

void export_pod_ready(sim::scrape::Registry& registry, const PodIdentity& pod, const ReadinessProbe& probe) {
    const auto series = [&](const char* condition) {
        return sim::tsdb::Labels{{"namespace", pod.pod_namespace}, {"pod", pod.pod}, {"condition", condition}};
    };
    const ReadinessProbe* p = &probe;
    const auto ready = [p](Time) { return p->ready() ? 1.0 : 0.0; };
    registry.gauge_fn("kube_pod_status_ready", series("true"), ready);
    registry.gauge_fn("kube_pod_status_ready", series("false"), [p](Time) { return p->ready() ? 0.0 : 1.0; });
    registry.gauge_fn("kube_pod_status_ready", series("unknown"), [](Time) { return 0.0; });
    registry.gauge_fn("kube_pod_container_status_ready",
                      {{"namespace", pod.pod_namespace}, {"pod", pod.pod}, {"container", pod.container}}, ready);
}

}  // namespace caracal
