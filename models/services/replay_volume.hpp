// An STS or Gateway pod's audit replay directory (AUDIT_REPLAY_DIR, /var/lib/caracal/audit-replay),
// as Caracal 46a980b6c keeps it:
// - events whose XADD to caracal.audit.events fails are written to a new pending-*.ndjson file per
//   flush batch (packages/core/go/audit/client.go:304-358,397-413@46a980b6c;
//   services/sts/internal/audit.go:293-308@46a980b6c);
// - the files are replayed only when the process starts, before the flusher runs; a file is
//   deleted once all its lines are XADDed, a failing file stays for the next start
//   (client.go:259-278@46a980b6c, services/gateway/internal/server.go:123@46a980b6c,
//   services/sts/internal/server.go:131@46a980b6c): nothing drains them periodically;
// - the directory lives on the StatefulSet's PVC, so the files outlive a restart
//   (infra/helm/caracal/values.yaml:77-82@46a980b6c);
// - /metrics scans the directory at scrape time: file count, total bytes, and the largest
//   now - mtime in whole seconds (client.go:99-147@46a980b6c).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/datastores/audit_book.hpp"
#include "models/datastores/redis.hpp"
#include "models/kube/pod.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

class AuditEmitter {
public:
    // Exports <metric_prefix>_audit_replay_{files,bytes,oldest_age_seconds} on the pod; one
    // replayed line is `event_bytes` long. With `dropped_counter` also <metric_prefix>_audit_dropped_total:
    // events dropped on a full in-memory buffer (STS, services/sts/internal/server.go:364@46a980b6c),
    // from 6b5b47f21 on events lost because both the XADD and the replay-file write failed (Gateway
    // too, HEAD:packages/core/go/audit/client.go:193,312@6b5b47f21). It stays 0: the twin's emitter
    // has no buffer to fill and no fault primitive fails the volume.
    AuditEmitter(sim::des::Simulation& sim, Redis& redis, AuditBook& book, Pod& pod, const std::string& metric_prefix,
                 std::int64_t event_bytes, bool dropped_counter);

    // One audit event from this pod: XADD to caracal.audit.events, or a line in this flush
    // batch's replay file if the XADD fails.
    void emit();
    // Process start: replays every file to the stream if Redis answers, else keeps them all.
    void replay_at_start();

    // Events waiting in replay files.
    std::size_t pending() const;
    std::size_t files() const { return files_.size(); }
    // The scrape-time directory scan's oldest age, in whole seconds (0 with no file).
    std::int64_t oldest_age_seconds(sim::Time now) const;
    // Events written to files (= XADDs that failed) / replayed from them, since the pod first started.
    std::uint64_t written() const { return written_; }
    std::uint64_t replayed() const { return replayed_; }

private:
    struct ReplayFile {
        sim::Time mtime;
        std::int64_t batch;  // the flush batch that wrote it
        std::vector<AuditEventId> events;
    };

    sim::des::Simulation& sim_;
    Redis& redis_;
    RedisStream& events_;  // the audit stream, looked up once: every exchange emits
    AuditBook& book_;
    Pod& pod_;
    AuditBook::ProducerIndex producer_;
    std::int64_t event_bytes_;
    std::vector<ReplayFile> files_;  // oldest first
    std::uint64_t written_ = 0;
    std::uint64_t replayed_ = 0;
};

}  // namespace caracal
