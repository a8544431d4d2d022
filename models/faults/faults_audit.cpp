// Faults on the audit evidence store: fault_datastore, tamper.
#include <memory>

#include "models/faults/fault.hpp"
#include "models/world/world.hpp"

namespace caracal {

namespace {

// The newest stored record is modified out of band; the end of the step restores the ledger from a
// trusted backup.
class Tamper : public SettingFault {
public:
    Tamper()
        : SettingFault("tamper(audit_record)", [](World& w) { w.audit().tamper_latest_record(); },
                       [](World& w) { w.audit().restore_from_backup(); }) {}
    bool tampers_evidence() const override { return true; }
};

}  // namespace

std::unique_ptr<Fault> parse_audit_fault(const std::string& primitive, FaultParams& params) {
    if (primitive == "fault_datastore") {
        // A share of audit_events writes fail; failed entries stay pending and are redelivered.
        params.fixed("datastore", "audit");
        const double rate = params.number("error_rate", 0, 1);
        return std::make_unique<SettingFault>(
            "fault_datastore(audit, " + YAML::Node(rate).Scalar() + ")",
            [rate](World& w) { w.audit().set_datastore_error_rate(rate); },
            [](World& w) { w.audit().set_datastore_error_rate(0); });
    }
    if (primitive == "tamper") {
        params.fixed("record", "latest");
        return std::make_unique<Tamper>();
    }
    return nullptr;
}

}  // namespace caracal
