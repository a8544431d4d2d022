// The Control-Plane API (/services/api/): admin writes committed to Postgres together with an
// `event_outbox` row, and the OutboxDispatcher publishing those rows to Redis. Background admin
// traffic is session revocations; policy activations come from scenarios. /ready: Postgres,
// Redis, and dead outbox rows within API_READY_OUTBOX_DEAD_MAX.
#pragma once

#include <cstdint>
#include <memory>

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
    // transaction. Fails (counted as an admin error) when Postgres cannot commit.
    void revoke_session();
    // An admin activates a policy-set version: caracal.policy.invalidate row in the same transaction.
    void activate_policy(std::int64_t version, bool compiles);

    const Outbox& outbox() const { return outbox_; }
    std::uint64_t admin_errors() const { return admin_errors_; }

private:
    // Runs `commit` inside a transaction on some running pod; false if no pod or Postgres failed.
    void transaction(std::function<void()> commit);

    Outbox outbox_;
    std::unique_ptr<Traffic> admin_traffic_;
    std::uint64_t admin_errors_ = 0;
};

}  // namespace caracal
