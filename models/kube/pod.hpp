// One replica of a service: its /metrics registry, its readiness probe, and whether it runs.
#pragma once

#include <memory>
#include <string>

#include "models/kube/pod_name.hpp"
#include "models/kube/readiness_probe.hpp"
#include "models/platform/service.hpp"
#include "sim/scrape/registry.hpp"

namespace caracal {

struct Pod {
    Pod(Service s, int i) : service(s), index(i), name(chart_pod_name(s, i)) {}

    Service service;
    int index;
    std::string name;  // "caracal-sts-0", "caracal-api-<hash>-<suffix>" (pod_name.hpp)
    bool running = true;
    sim::scrape::Registry metrics;
    std::unique_ptr<ReadinessProbe> probe;  // set by the world once the service can answer /ready

    bool ready() const { return running && probe && probe->ready(); }
};

}  // namespace caracal
