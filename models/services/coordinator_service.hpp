// Coordinator (/services/coordinator/): agent lifecycle events through its own outbox
// (`caracal_outbox` → caracal.agents.lifecycle) and periodic sweepers (TTL, leases, deadlines) that
// each need Postgres. /ready: Postgres and Redis.
#pragma once

#include <memory>

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
    void lifecycle_event();

    Outbox outbox_;
    std::unique_ptr<Traffic> events_;
};

}  // namespace caracal
