#include "models/services/coordinator_service.hpp"

#include "models/datastores/redis.hpp"

namespace caracal {

CoordinatorService::CoordinatorService(WorldContext& ctx)
    : ServiceModel(ctx, Service::Coordinator, static_cast<int>(ctx.profile.replicas.coordinator)),
      outbox_(ctx, Outbox::coordinator_settings(ctx.profile), ctx.sim.stream("coordinator.outbox")) {
    events_ = std::make_unique<Traffic>(ctx.sim, ctx.sim.stream("coordinator.events"),
                                        ctx.profile.traffic.coordinator_events_per_second, ctx.profile.traffic.rate_noise,
                                        [this] { lifecycle_event(); });
}

std::optional<sim::scrape::ScrapeResult> CoordinatorService::metrics_failure(MetricsCache& cache, sim::Time now) {
    using sim::scrape::ScrapeResult;
    constexpr int kUnauthorized = 401;  // the operator-token check answers before any query
    if (ctx_.profile.coordinator.scrape_sends_operator_token == 0) return ScrapeResult::failure({}, kUnauthorized);
    if (!ctx_.redis.reachable(Service::Coordinator))
        return ScrapeResult::failure(ctx_.redis.failure_latency(Service::Coordinator));
    if (cache.read_at && now - *cache.read_at < ctx_.profile.coordinator.metrics_cache) return std::nullopt;
    switch (ctx_.postgres.link(Service::Coordinator)) {
        case Link::Up:
            cache.counts = outbox_.health();
            cache.read_at = now;
            return std::nullopt;
        case Link::Refused: return ScrapeResult::failure();
        case Link::Blackhole: return ScrapeResult::failure(ctx_.profile.postgres.acquire_timeout);
    }
    return std::nullopt;
}

void CoordinatorService::start(Pod& pod) {
    ctx_.postgres.add_client(pod);
    outbox_.attach(pod);
    sim::scrape::Registry& m = pod.metrics;
    MetricsCache* cache = &caches_[pod.name];  // map nodes stay put
    m.set_gate([this, cache](sim::Time now) { return metrics_failure(*cache, now); });
    m.gauge_fn("caracal_outbox_total", {{"status", "pending"}}, [cache](sim::Time) { return double(cache->counts.pending); });
    m.gauge_fn("caracal_outbox_total", {{"status", "published"}}, [cache](sim::Time) { return double(cache->counts.published); });
    m.gauge_fn("caracal_outbox_total", {{"status", "dead"}}, [cache](sim::Time) { return double(cache->counts.dead); });
}

ProbeOutcome CoordinatorService::ready_check(const Pod&, sim::Time) const { return check_dependencies(); }

void CoordinatorService::lifecycle_event() {
    Pod* pod = deployment_.pick_ready();
    if (!pod) return;
    ctx_.postgres.query(*pod, [this](bool ok) {
        if (ok) outbox_.insert(streams::kAgentsLifecycle, 0);
    });
}

}  // namespace caracal
