// The shape every Caracal service model has: its pods, what a new pod starts, and what its
// /ready answers.
#pragma once

#include "models/kube/deployment.hpp"
#include "models/kube/readiness_probe.hpp"
#include "models/services/world_context.hpp"

namespace caracal {

class ServiceModel {
public:
    ServiceModel(WorldContext& ctx, Service service, int replicas) : ctx_(ctx), deployment_(service, replicas) {}
    virtual ~ServiceModel() = default;
    ServiceModel(const ServiceModel&) = delete;
    ServiceModel& operator=(const ServiceModel&) = delete;

    Deployment& deployment() { return deployment_; }
    const Deployment& deployment() const { return deployment_; }

    // Called once for each pod when it is created: registers its metrics and periodic work. Work
    // scheduled here must do nothing while the pod is not running.
    virtual void start(Pod& pod) = 0;
    // Called when a stopped pod runs again (a new process on the same volume); start() is the
    // first process start.
    virtual void process_started(Pod&) {}
    // The pod's GET /ready, as the kubelet's probe sees it at `now`.
    virtual ProbeOutcome ready_check(const Pod& pod, sim::Time now) const = 0;

protected:
    // A dependency check as /ready performs it: fine, refused at once, or hanging past the probe.
    static ProbeOutcome check_link(Link link);
    // Checks the dependencies the profile lists for this service's /ready, in order; the first
    // that is not fine decides. A service dependency also needs a ready endpoint behind it.
    ProbeOutcome check_dependencies() const;
    WorldContext& ctx_;
    Deployment deployment_;
};

}  // namespace caracal
