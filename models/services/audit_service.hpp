// Audit (/services/audit/): consumes caracal.audit.events in group `audit-ingestor`, verifies each
// event, appends it to `audit_events` (hash chain) and acknowledges it. A failed write leaves the
// entry pending; the claimer (XAUTOCLAIM) redelivers entries idle for claim_min_idle, and after
// AUDIT_MAX_DELIVERIES an entry moves to caracal.audit.events.dlq. A tamper sweeper verifies the
// chain. /ready: Postgres, Redis, DLQ/lag/PEL-age within the AUDIT_READY_* limits.
//
// Each pod's consumer is a loop (XREADGROUP BLOCK consumer_poll COUNT consumer_batch): an idle
// consumer looks for entries every consumer_poll; after writing a full batch it reads again at
// once, so a backlog drains at the write capacity. A batch is written as one query holding one
// pooled connection (the rows are inserted one after another in it), which is what a single
// consumer loop does; per-event queries would run a batch concurrently on up to pool_size
// connections and overstate both throughput and pool use. Each row can still fail on its own
// (savepoint per row) at the datastore error rate. Inserts are idempotent on the event id, so a
// redelivered event that is already stored is only acknowledged.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "models/datastores/hash_chain.hpp"
#include "models/services/service_model.hpp"

namespace caracal {

class AuditService : public ServiceModel {
public:
    explicit AuditService(WorldContext& ctx);
    ~AuditService() override;

    void start(Pod& pod) override;
    ProbeOutcome ready_check(const Pod& pod, sim::Time now) const override;

    // Faults.
    void set_datastore_error_rate(double p) { datastore_error_rate_ = p; }
    // Modifies the newest stored record out of band (content changes, hashes do not).
    void tamper_latest_record();
    // Restores audit_events from a trusted backup: the chain is intact again.
    void restore_from_backup();
    // POST /api/audit/dlq/replay: every dead-lettered event not yet replayed goes back into
    // caracal.audit.events. The DLQ stream keeps its entries (no XDEL); a cursor remembers what
    // was replayed. Returns how many were replayed (0 when Redis cannot be reached).
    std::size_t replay_dlq();

    // Books the events MAXLEN trimmed since the last poll as lost. The consumer does this on every
    // poll; invariant checks call it first so the book is current at any instant.
    void reconcile_book();

    const HashChain& ledger() const { return ledger_; }
    std::uint64_t stored() const;
    // Events ever moved to the DLQ, and those there now (not replayed, not trimmed).
    std::uint64_t dead_lettered() const;
    std::uint64_t dlq_events() const;
    std::uint64_t write_errors() const;
    // Events this service saw trimmed by MAXLEN before it stored them (unread, pending or in the
    // DLQ).
    std::uint64_t lost() const;
    // Violations the sweeper has found so far (each break counted once).
    std::uint64_t tamper_violations() const;

private:
    struct Impl;
    HashChain ledger_;
    double datastore_error_rate_ = 0;
    std::unique_ptr<Impl> impl_;
};

}  // namespace caracal
