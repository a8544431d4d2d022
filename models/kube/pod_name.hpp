// Pod names as the Caracal chart's workloads get them from Kubernetes (issue 14.2). The chart runs
// sts and gateway as StatefulSets when replay persistence is on, its default
// (infra/helm/caracal/templates/deployments.yaml:12-13,19-21@46a980b6c, values.yaml:77-78), so
// their pods are `caracal-sts-N`; the others are Deployments, whose pods are
// `caracal-api-<pod-template-hash>-<suffix>`.
#pragma once

#include <string>

#include "models/platform/service.hpp"

namespace caracal {

// The release fullname the twin renders the chart with.
inline constexpr const char* kChartFullname = "caracal";

bool runs_as_stateful_set(Service s);

// `caracal-<service>-<index>` for a StatefulSet. For a Deployment the template hash and suffix are
// Kubernetes-style random strings, here derived from the service and the index alone: the same on
// every run and seed, so alert instances (which carry `pod`) line up across replications and
// compared packs.
std::string chart_pod_name(Service s, int index);

}  // namespace caracal
