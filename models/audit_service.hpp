// Audit (/services/audit/): consumes caracal.audit.events in group `audit-ingestor`, verifies each
// event, appends it to `audit_events` (hash chain) and acknowledges it. A failed write leaves the
// entry pending; the claimer (XAUTOCLAIM) redelivers entries idle for claim_min_idle, and after
// AUDIT_MAX_DELIVERIES an entry moves to caracal.audit.events.dlq. A tamper sweeper verifies the
// chain. /ready: Postgres, Redis, DLQ/lag/PEL-age within the AUDIT_READY_* limits.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "models/hash_chain.hpp"
#include "models/service_model.hpp"

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

    const HashChain& ledger() const { return ledger_; }
    std::uint64_t stored() const;
    std::uint64_t dead_lettered() const;
    // Violations the sweeper has found so far (each break counted once).
    std::uint64_t tamper_violations() const;

private:
    struct Impl;
    HashChain ledger_;
    double datastore_error_rate_ = 0;
    std::unique_ptr<Impl> impl_;
};

}  // namespace caracal
