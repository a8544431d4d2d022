// Audit (services/audit/ in Caracal 46a980b6c): consumes caracal.audit.events in group
// `audit-ingestor`, verifies each event, appends it to `audit_events` (hash chain) and acknowledges
// it. Per pod, as the source runs it:
// - the consumer loop (XREADGROUP COUNT consumer_batch) processes messages one at a time; a
//   transient Postgres error (refused, network, any non-SQL error) leaves the entry pending, a
//   permanent one dead-letters it at once (services/audit/internal/consumer.go:249-304,
//   pg.go:416-439@46a980b6c). A black-holed Postgres holds the loop on one message per hang.
// - the reaper XAUTOCLAIMs entries idle for claim_min_idle every claim_interval (raising their
//   delivery count); an entry whose delivery max_deliveries fails goes to caracal.audit.events.dlq.
// - pollConsumerLag writes the XPENDING/DLQ gauges every lag_poll_interval, first tick one period
//   after the process starts; a tick that cannot reach Redis is skipped (values persist).
// - the tamper sweeper sweeps everything at process start, then hourly over the last
//   tamper_window of ingest; its counters grow by each completed sweep's counts.
// - /health is 503 while the consumer cannot read Redis; the kubelet's liveness probe then
//   restarts the container, and the in-memory counters and gauges start again from 0.
// Caracal's batch is written as one query per read here when Postgres answers (the rows are
// inserted one after another on one connection); a failed query fails its first message only and
// the loop goes on with the next, so a black hole costs one hang per message.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "models/datastores/hash_chain.hpp"
#include "models/services/service_model.hpp"

namespace caracal {

// How a failed audit_events insert is classified (services/audit/internal/pg.go:416-439@46a980b6c).
enum class WriteFailure { Transient, Permanent };

class AuditService : public ServiceModel {
public:
    explicit AuditService(WorldContext& ctx);
    ~AuditService() override;

    void start(Pod& pod) override;
    ProbeOutcome ready_check(const Pod& pod, sim::Time now) const override;

    // Faults: a share `p` of inserts fails with an error of kind `kind`.
    void set_datastore_error_rate(double p, WriteFailure kind = WriteFailure::Transient) {
        datastore_error_rate_ = p;
        datastore_error_kind_ = kind;
    }
    // Modifies the newest stored record out of band (content changes, hashes do not).
    void tamper_latest_record();
    // Restores audit_events from a trusted backup: the chain is intact again.
    void restore_from_backup();
    // POST /api/audit/dlq/replay: every dead-lettered event not yet replayed goes back into
    // caracal.audit.events and leaves the DLQ (XADD + XDEL). Returns how many were replayed (0
    // when Redis cannot be reached).
    std::size_t replay_dlq();

    // Books the events MAXLEN trimmed since the last poll as lost. The consumer does this on every
    // poll; invariant checks call it first so the book is current at any instant.
    void reconcile_book();

    const HashChain& ledger() const { return ledger_; }
    std::uint64_t stored() const;
    // Events ever moved to the DLQ, and those there now (not replayed).
    std::uint64_t dead_lettered() const;
    std::uint64_t dlq_events() const;
    std::uint64_t write_errors() const;
    // Events this service saw trimmed by MAXLEN before it stored them.
    std::uint64_t lost() const;
    // Findings (mismatches, chain breaks, HMAC failures) counted by completed sweeps, all pods.
    std::uint64_t tamper_violations() const;
    // Container restarts the liveness probe caused, all pods.
    std::uint64_t restarts() const;

private:
    struct Impl;
    HashChain ledger_;
    double datastore_error_rate_ = 0;
    WriteFailure datastore_error_kind_ = WriteFailure::Transient;
    std::unique_ptr<Impl> impl_;
};

}  // namespace caracal
