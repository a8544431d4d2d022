#include "models/services/coordinator_service.hpp"

#include "models/datastores/redis.hpp"
#include "models/platform/first_tick.hpp"

namespace caracal {

CoordinatorService::CoordinatorService(WorldContext& ctx)
    : ServiceModel(ctx, Service::Coordinator, static_cast<int>(ctx.profile.replicas.coordinator)),
      outbox_(ctx,
              // Same dispatcher design as the API's; its retry settings are undocumented, so the API's apply.
              Outbox::dispatcher_settings(ctx.profile, "caracal_coordinator_outbox", ctx.profile.coordinator.outbox_poll_interval),
              ctx.sim.stream("coordinator.outbox")) {
    events_ = std::make_unique<Traffic>(ctx.sim, ctx.sim.stream("coordinator.events"),
                                        ctx.profile.traffic.coordinator_events_per_second, ctx.profile.traffic.rate_noise,
                                        [this] { lifecycle_event(); });
}

void CoordinatorService::start(Pod& pod) {
    ctx_.postgres.add_client(pod);
    outbox_.attach(pod);
    const Duration period = ctx_.profile.coordinator.sweep_interval;
    Pod* pp = &pod;
    auto& failures = pod.metrics.counter("caracal_coordinator_sweeper_errors_total");
    ctx_.sim.every(period, first_tick(ctx_.sim, pod.name + ".sweeper", period),
                   [this, pp, &failures] {
                       if (!pp->running) return;
                       ctx_.postgres.query(*pp, [&failures](bool ok) {
                           if (!ok) failures.inc();
                       });
                   });
}

ProbeOutcome CoordinatorService::ready_check(const Pod&, sim::Time) const {
    const ProbeOutcome deps = check_dependencies();
    if (!deps.ok) return deps;
    return ProbeOutcome::success();
}

void CoordinatorService::lifecycle_event() {
    Pod* pod = deployment_.pick_ready();
    if (!pod) return;
    ctx_.postgres.query(*pod, [this](bool ok) {
        if (ok) outbox_.insert(streams::kAgentsLifecycle, 0);
    });
}

}  // namespace caracal
