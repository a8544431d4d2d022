#include "models/services/api_service.hpp"

namespace caracal {

ApiService::ApiService(WorldContext& ctx)
    : ServiceModel(ctx, Service::Api, static_cast<int>(ctx.profile.replicas.api)),
      outbox_(ctx, Outbox::api_settings(ctx.profile), ctx.sim.stream("api.outbox")) {
    admin_traffic_ = std::make_unique<Traffic>(ctx.sim, ctx.sim.stream("api.admin"),
                                               ctx.profile.traffic.admin_writes_per_second,
                                               ctx.profile.traffic.rate_noise, [this] { revoke_session(); });
}

std::optional<sim::scrape::ScrapeResult> ApiService::metrics_query_failure() const {
    switch (ctx_.postgres.link(Service::Api)) {
        case Link::Up: return std::nullopt;
        // Connection refused: the query errors at once and the handler answers 500.
        case Link::Refused: return sim::scrape::ScrapeResult::failure();
        // No answer: the query's timeout fires and the handler answers 500 then (unless the
        // scrape timed out before).
        case Link::Blackhole: return sim::scrape::ScrapeResult::failure(ctx_.profile.api.metrics_query_timeout);
    }
    return std::nullopt;
}

void ApiService::start(Pod& pod) {
    ctx_.postgres.add_client(pod);
    outbox_.attach(pod);
    sim::scrape::Registry& m = pod.metrics;
    m.set_gate([this](sim::Time) { return metrics_query_failure(); });
    // Ages are measured from row creation (apps/api/src/app.ts:58-75,86-101@46a980b6c).
    const auto age = [](const std::optional<sim::Time>& created, sim::Time now) {
        return created ? (now - *created).secs() : 0.0;
    };
    m.gauge_fn("caracal_api_outbox_pending_total", {}, [this](sim::Time) { return double(outbox_.health().pending); });
    m.gauge_fn("caracal_api_outbox_dead_total", {}, [this](sim::Time) { return double(outbox_.health().dead); });
    m.gauge_fn("caracal_api_outbox_oldest_pending_age_seconds", {},
               [this, age](sim::Time now) { return age(outbox_.health().oldest_pending_created, now); });
    m.gauge_fn("caracal_api_outbox_oldest_dead_age_seconds", {},
               [this, age](sim::Time now) { return age(outbox_.health().oldest_dead_created, now); });
}

ProbeOutcome ApiService::ready_check(const Pod&, sim::Time) const {
    const ProbeOutcome deps = check_dependencies();
    if (!deps.ok) return deps;
    if (static_cast<std::int64_t>(outbox_.dead()) > ctx_.profile.api.ready_outbox_dead_max) return ProbeOutcome::failure();
    return ProbeOutcome::success();
}

void ApiService::transaction(std::function<void()> commit) {
    Pod* pod = deployment_.pick_ready();
    // The /v1/ rate limiter's INCR fails without Redis, before any row is written.
    if (!pod || !ctx_.redis.reachable(Service::Api)) {
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
