// Routine operations as faults (issue 19): rolling_deploy and drain_node. They are mild and short,
// and act through the same pod mechanism as scale: pods stop and start again fresh.
#include <algorithm>
#include <memory>

#include "models/faults/fault.hpp"
#include "models/kube/pod_name.hpp"
#include "models/world/world.hpp"

namespace caracal {

namespace {

// A rolling update replaces the pods one at a time: an old pod stops (its preStop sleep, then its
// drain), its replacement starts and is ready after its readiness probes pass, then the next pod.
// The twin's pods keep their index, so the replacement is the same pod started fresh (counters
// at zero, not ready until probed). A Deployment with max_surge also runs that many extra pods
// while a replacement is under way, as its new pods come up before old ones leave; a StatefulSet
// (sts, gateway) replaces its pods from the highest ordinal down without surge.
class RollingDeploy : public Fault {
public:
    RollingDeploy(Service service, Duration drain) : service_(service), drain_(drain) {}

    Revert apply(FaultTarget& t) const override {
        World& world = t.world;
        const Profile& p = world.ctx().profile;
        const int replicas = static_cast<int>(world.service(service_).deployment().running().size());
        const int surge = runs_as_stateful_set(service_) ? 0 : static_cast<int>(p.disturbances.max_surge);
        auto roll = std::make_shared<Roll>(Roll{world.ctx().sim, world, service_, replicas, surge,
                                                old_pod_stopping(p, drain_), replacement_ready(p), 0, {}});
        Roll::replace_next(roll);
        return [roll] {
            roll->next.cancel();
            roll->world.scale(roll->service, roll->replicas);
        };
    }
    std::string describe() const override {
        return "rolling_deploy(" + std::string(name(service_)) + ", drain=" + sim::format_duration(drain_) + ")";
    }

private:
    struct Roll {
        sim::des::Simulation& sim;
        World& world;
        Service service;
        int replicas, surge;
        Duration stopping, starting;
        int replaced;  // pods replaced so far
        sim::des::EventHandle next;

        // Highest ordinal first, as a StatefulSet's controller goes (a Deployment's order does not matter here).
        static void replace_next(const std::shared_ptr<Roll>& r) {
            if (r->replaced == r->replicas) {
                r->world.scale(r->service, r->replicas);  // the surge pods leave with the last old pod
                return;
            }
            if (r->surge > 0) r->world.scale(r->service, r->replicas + r->surge);
            r->world.stop_pod(r->service, r->replicas - 1 - r->replaced);
            r->next = r->sim.schedule_after(r->stopping, [r] {
                r->world.scale(r->service, r->replicas + r->surge);  // the replacement starts
                ++r->replaced;
                r->next = r->sim.schedule_after(r->starting, [r] { replace_next(r); });
            });
        }
    };

    Service service_;
    Duration drain_;  // how long each old pod takes to shut down after its preStop sleep
};

// One node is cordoned and drained: each service loses one pod (the chart's pod anti-affinity
// spreads replicas over nodes) until it is rescheduled elsewhere and started again.
class DrainNode : public Fault {
public:
    Revert apply(FaultTarget& t) const override {
        std::vector<Revert> reverts;
        for (Service s : kServices) {
            const int running = static_cast<int>(t.world.service(s).deployment().running().size());
            if (running > 1) reverts.push_back(scale_for_fault(t.world, s, running - 1));  // the PDB keeps 50%
        }
        return [reverts] {
            for (const auto& r : reverts) r();
        };
    }
    std::string describe() const override { return "drain_node"; }
};

}  // namespace

Duration replacement_ready(const Profile& p) {
    return p.kubernetes.probe_period * p.kubernetes.probe_success_threshold;
}

Duration old_pod_stopping(const Profile& p, Duration drain) {
    return std::min(p.disturbances.pre_stop_sleep + drain, p.disturbances.termination_grace);
}

Duration rolling_deploy_span(const Profile& p, int replicas, Duration drain) {
    return (old_pod_stopping(p, drain) + replacement_ready(p)) * replicas;
}

std::unique_ptr<Fault> parse_routine_fault(const std::string& primitive, FaultParams& params) {
    if (primitive == "rolling_deploy") {
        const Service s = params.service("service");
        const Duration drain = params.optional_duration("drain").value_or(Duration());
        return std::make_unique<RollingDeploy>(s, drain);
    }
    if (primitive == "drain_node") return std::make_unique<DrainNode>();
    return nullptr;
}

}  // namespace caracal
