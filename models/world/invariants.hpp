// What must hold after every run, whatever the faults: audit events are conserved, protected
// traffic never reaches the upstream without a successful exchange, every revocation reaches every
// running Gateway pod, and the audit hash chain is intact unless the scenario tampered with it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/base/time.hpp"

namespace caracal {

class World;

enum class Verdict {
    Held,
    Violated,
    Unsettled,  // cannot be decided yet at the end of the run (e.g. a revocation still in its window)
};
std::string_view to_string(Verdict v);

struct InvariantCheck {
    std::string name;  // snake_case, stable: `audit_events_conserved`
    Verdict verdict = Verdict::Held;
    std::string detail;  // the numbers behind the verdict
};

// Revocation → Gateway pod application delays, over (revocation, running pod) pairs applied.
struct RevocationLag {
    std::size_t revocations = 0;
    std::size_t applied = 0;  // pairs
    std::size_t pending = 0;  // pairs not applied by the end
    sim::Duration max;
    sim::Duration p95;
};

struct Invariants {
    std::vector<InvariantCheck> checks;
    RevocationLag revocation_lag;
    bool violated() const;
};

struct InvariantContext {
    sim::Time end;
    // A tamper step was still in effect at the end: a broken chain is then the expected outcome.
    bool tamper_in_effect = false;
};

Invariants check_invariants(World& world, const InvariantContext& context);

}  // namespace caracal
