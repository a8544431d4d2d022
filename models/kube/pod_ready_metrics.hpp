// Pod readiness as kube-state-metrics exports it: kube_pod_status_ready{namespace, pod, condition}
// with one series per condition ("true", "false", "unknown"), the current one 1 and the others 0.
#pragma once

#include <string>

#include "models/kube/readiness_probe.hpp"
#include "sim/scrape/registry.hpp"

namespace caracal {

// Registers the three series as gauges evaluated at scrape time. The probe must outlive the
// registry's use. The model has no node-lost state, so condition="unknown" stays 0.
void export_pod_ready(sim::scrape::Registry& registry, const std::string& pod_namespace, const std::string& pod,
                      const ReadinessProbe& probe);

}  // namespace caracal
