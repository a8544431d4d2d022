// Recovery actions the drills' "Recover" rows name, as one-shot steps a scenario schedules at the
// end of the fault: replay_dlq (the Audit DLQ replay, POST /api/audit/dlq/replay).
#include <memory>

#include "models/faults/fault.hpp"
#include "models/world/world.hpp"

namespace caracal {

namespace {

// One-shot: an operator replays the Audit DLQ. Replaying while Redis is unreachable replays
// nothing, as the endpoint does, so a scenario must schedule it after Redis is back.
class ReplayDlq : public Fault {
public:
    Revert apply(FaultTarget& t) const override {
        t.world.audit().replay_dlq();
        return {};
    }
    std::string describe() const override { return "replay_dlq(audit)"; }
};

}  // namespace

std::unique_ptr<Fault> parse_recovery_fault(const std::string& primitive, FaultParams& params) {
    if (primitive == "replay_dlq") {
        params.fixed("service", "audit");
        return std::make_unique<ReplayDlq>();
    }
    return nullptr;
}

}  // namespace caracal
