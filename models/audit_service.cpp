#include "models/audit_service.hpp"

namespace caracal {

struct AuditService::Impl {};

AuditService::AuditService(WorldContext& ctx)
    : ServiceModel(ctx, Service::Audit, static_cast<int>(ctx.profile.replicas.audit)), ledger_(0x4341524130303033ULL) {}

AuditService::~AuditService() = default;
void AuditService::start(Pod& pod) { ctx_.postgres.add_client(pod); }
ProbeOutcome AuditService::ready_check(const Pod&, sim::Time) const { return ProbeOutcome::success(); }
void AuditService::tamper_latest_record() {}
void AuditService::restore_from_backup() {}
std::uint64_t AuditService::stored() const { return 0; }
std::uint64_t AuditService::dead_lettered() const { return 0; }
std::uint64_t AuditService::tamper_violations() const { return 0; }

}  // namespace caracal
