// An STS or Gateway pod's audit replay directory (/var/lib/caracal/audit-replay): audit events
// that could not be published are written here and drained, oldest first, once Redis is back.
#pragma once

#include <string>

#include "models/datastores/audit_book.hpp"
#include "models/datastores/contiguous_queue.hpp"
#include "models/kube/pod.hpp"
#include "models/datastores/redis.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

class AuditEmitter {
public:
    // Exports <metric_prefix>_audit_replay_oldest_age_seconds and _pending_events on the pod.
    AuditEmitter(sim::des::Simulation& sim, Redis& redis, AuditBook& book, Pod& pod, const std::string& metric_prefix,
                 double drain_per_second);

    // One audit event from this pod: XADD to caracal.audit.events, or the replay volume if Redis
    // cannot be reached.
    void emit();

    std::size_t pending() const { return volume_.size(); }
    Duration oldest_age(sim::Time now) const;

private:
    void publish(AuditEventId id);
    void drain();

    sim::des::Simulation& sim_;
    Redis& redis_;
    RedisStream& events_;  // the audit stream, looked up once: every request emits
    AuditBook& book_;
    Pod& pod_;
    AuditBook::ProducerIndex producer_;
    double drain_per_tick_;
    ContiguousQueue<AuditEventId> volume_;
};

}  // namespace caracal
