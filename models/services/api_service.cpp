#include "models/services/api_service.hpp"

namespace caracal {

ApiService::ApiService(WorldContext& ctx)
    : ServiceModel(ctx, Service::Api, static_cast<int>(ctx.profile.replicas.api)),
      outbox_(ctx, Outbox::dispatcher_settings(ctx.profile, "caracal_api_outbox", ctx.profile.api.outbox_poll_interval),
              ctx.sim.stream("api.outbox")) {
    admin_traffic_ = std::make_unique<Traffic>(ctx.sim, ctx.sim.stream("api.admin"),
                                               ctx.profile.traffic.admin_writes_per_second,
                                               ctx.profile.traffic.rate_noise, [this] { revoke_session(); });
}

void ApiService::start(Pod& pod) {
    ctx_.postgres.add_client(pod);
    outbox_.attach(pod);
}

ProbeOutcome ApiService::ready_check(const Pod& pod, sim::Time) const {
    const ProbeOutcome deps = check_dependencies();
    if (!deps.ok) return deps;
    if (static_cast<std::int64_t>(outbox_.dead()) > ctx_.profile.api.ready_outbox_dead_max) return ProbeOutcome::failure();
    return ProbeOutcome::success();
}

void ApiService::transaction(std::function<void()> commit) {
    Pod* pod = deployment_.pick_ready();
    if (!pod) {
        ++admin_errors_;
        return;
    }
    ctx_.postgres.query(*pod, [this, commit = std::move(commit)](bool ok) {
        if (ok)
            commit();
        else
            ++admin_errors_;
    });
}

void ApiService::revoke_session() {
    transaction([this] {
        const RevocationId id = ctx_.revocations.commit(ctx_.sim.now());
        outbox_.insert(streams::kSessionsRevoke, id);
    });
}

void ApiService::activate_policy(std::int64_t version, bool compiles) {
    transaction([this, version, compiles] {
        ctx_.policies.activate(version, compiles);
        outbox_.insert(streams::kPolicyInvalidate, static_cast<std::uint64_t>(version));
    });
}

}  // namespace caracal
