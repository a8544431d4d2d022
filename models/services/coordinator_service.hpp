// Coordinator (apps/coordinator in Caracal 46a980b6c): agent lifecycle events through its own
// outbox (`caracal_outbox` → caracal.agents.lifecycle). Every request first passes a global Redis
// INCR hook (apps/coordinator/src/app.ts:121-134@46a980b6c), /metrics included.
//
// /metrics is an operator-token path (apps/coordinator/src/auth.ts:77,160-176@46a980b6c) and the
// chart's ServiceMonitor sends no credentials, so by default every scrape is a 401 — a failed
// scrape (the World's, from `prometheus.scrape_unauthorized`). With a token, the hook needs Redis and the
// caracal_outbox_total{status} counts come from SQL cached for coordinator.metrics_cache.
// /ready: the profile's readiness.coordinator (Redis, Postgres).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "models/services/outbox.hpp"
#include "models/services/service_model.hpp"
#include "models/platform/traffic.hpp"

namespace caracal {

class CoordinatorService : public ServiceModel {
public:
    explicit CoordinatorService(WorldContext& ctx);

    void start(Pod& pod) override;
    ProbeOutcome ready_check(const Pod& pod, sim::Time now) const override;

    const Outbox& outbox() const { return outbox_; }

private:
    // One pod's cached SQL result behind /metrics, and when it was read.
    struct MetricsCache {
        Outbox::Health counts;
        std::optional<sim::Time> read_at;
    };
    // The /metrics answer when it is not the page: 401, or an error from Redis or Postgres.
    std::optional<sim::scrape::ScrapeResult> metrics_failure(MetricsCache& cache, sim::Time now);
    void lifecycle_event();

    Outbox outbox_;
    std::unique_ptr<Traffic> events_;
    std::map<std::string, MetricsCache> caches_;  // by pod
};

}  // namespace caracal
