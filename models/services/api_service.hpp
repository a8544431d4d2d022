// The Control-Plane API (apps/api in Caracal 46a980b6c): admin writes committed to Postgres
// together with an `event_outbox` row, and the outbox dispatcher publishing those rows to Redis.
// Every /v1/ write first passes a Redis INCR rate limiter, so a write needs Redis and Postgres
// (apps/api/src/app.ts:190-218@46a980b6c). Background admin traffic is session revocations;
// policy activations come from scenarios.
//
// /metrics runs the outbox health query against Postgres on every scrape (app.ts:252-263): the
// four caracal_api_outbox_* gauges are computed from the table then, and a query that fails or
// times out turns the scrape into an HTTP 500 — a failed scrape. /ready: Redis, Postgres (the
// profile's readiness.api), then no dead outbox rows beyond API_READY_OUTBOX_DEAD_MAX.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "models/services/outbox.hpp"
#include "models/services/service_model.hpp"
#include "models/platform/traffic.hpp"

namespace caracal {

class ApiService : public ServiceModel {
public:
    explicit ApiService(WorldContext& ctx);

    void start(Pod& pod) override;
    ProbeOutcome ready_check(const Pod& pod, sim::Time now) const override;

    // An admin revokes a session: `sessions` updated and a caracal.sessions.revoke row, in one
    // transaction. Fails (counted as an admin error) without Redis or Postgres.
    void revoke_session();
    // An admin activates a policy-set version: caracal.policy.invalidate row in the same transaction.
    void activate_policy(std::int64_t version, bool compiles);

    const Outbox& outbox() const { return outbox_; }
    std::uint64_t admin_errors() const { return admin_errors_; }

private:
    // Runs `commit` inside a transaction on some ready pod, after the rate limiter.
    void transaction(std::function<void()> commit);
    // What /metrics answers instead of the page when its outbox query cannot complete.
    std::optional<sim::scrape::ScrapeResult> metrics_query_failure() const;

    Outbox outbox_;
    std::unique_ptr<Traffic> admin_traffic_;
    std::uint64_t admin_errors_ = 0;
};

}  // namespace caracal
