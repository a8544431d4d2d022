// The scrape target a Prometheus Operator ServiceMonitor makes of one Caracal pod (issue 14.2). The
// chart's ServiceMonitor selects each service's Service, port `http`, path /metrics, with no
// relabelings and no honorLabels (infra/helm/caracal/templates/servicemonitor.yaml:8-26@46a980b6c);
// the labels are then the Operator's defaults: job and service = the Service name
// (`caracal-gateway`), namespace, endpoint = the port name, pod, container (the chart names the
// container after the service, deployments.yaml:64), instance = the scraped address.
#pragma once

#include <string>

#include "models/kube/pod.hpp"
#include "sim/scrape/target.hpp"

namespace caracal {

// The Service (and so the job) a pod's metrics are scraped through: `caracal-<service>`.
std::string service_monitor_job(Service s);

// The container port named `http` (values.yaml services.<name>.port@46a980b6c).
int http_port(Service s);

// The target of `pod` without timing. instance is `<pod>:<port>`: Prometheus would use the pod IP,
// which the twin has no model of, and the pod name keeps the instance readable and unique.
sim::scrape::TargetConfig service_monitor_target(const Pod& pod, const std::string& pod_namespace);

}  // namespace caracal
