#include "models/datastores/audit_tamper_sweeper.hpp"

namespace caracal {

TamperSweepCounts sweep_window(const HashChain& ledger, ChainSeq first) {
    TamperSweepCounts counts;
    ChainSeq first_present = first;
    while (first_present <= ledger.last_seq() && !ledger.row(first_present)) ++first_present;
    for (ChainSeq s = first_present; s <= ledger.last_seq(); ++s)
        if (ledger.row(s)) ++counts.checked;
    for (const ChainViolation& v : ledger.violations()) {
        if (v.chain_seq < first_present) continue;
        switch (v.kind) {
            case ChainViolation::Kind::ContentMismatch: ++counts.mismatches; break;
            // The window's first row has no predecessor in the query: its link is not checked.
            case ChainViolation::Kind::BrokenLink:
                if (v.chain_seq != first_present) ++counts.chain_breaks;
                break;
            case ChainViolation::Kind::BadHmac: ++counts.hmac_failures; break;
            // A deleted row is not selected; the break shows on the next row.
            case ChainViolation::Kind::MissingRow: break;
        }
    }
    return counts;
}

}  // namespace caracal
