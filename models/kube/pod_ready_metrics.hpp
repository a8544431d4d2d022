// Pod readiness as kube-state-metrics exports it:
// - kube_pod_status_ready{namespace, pod, condition}, one series per condition ("true", "false",
//   "unknown"), the current one 1 and the others 0;
// - kube_pod_container_status_ready{namespace, pod, container}, 1 while the container is ready,
//   else 0: the series Caracal's chart reads (CaracalReadinessFlapping,
//   infra/helm/caracal/templates/prometheusrule.yaml:202@46a980b6c). A Caracal pod has one
//   container, so both follow the same probe.
#pragma once

#include <string>

#include "models/kube/readiness_probe.hpp"
#include "sim/scrape/registry.hpp"

namespace caracal {

// Where a pod's readiness series are labelled: its namespace, name and its one container.
struct PodIdentity {
    std::string pod_namespace;
    std::string pod;
    std::string container;
};

// Registers the series as gauges evaluated at scrape time. The probe must outlive the registry's
// use. The model has no node-lost state, so condition="unknown" stays 0.
void export_pod_ready(sim::scrape::Registry& registry, const PodIdentity& pod, const ReadinessProbe& probe);

}  // namespace caracal
