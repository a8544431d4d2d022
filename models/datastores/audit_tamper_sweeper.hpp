// One tamper sweep over the audit_events rows ingested in a window, as Caracal's sweeper runs it
// (services/audit/internal/tamper.go:70-106@46a980b6c): every row in the window is checked; a row
// whose content no longer hashes to its content_sha256 is a mismatch, a row whose
// prev_content_sha256 differs from the previous row *in the window* is a chain break, a row whose
// chain HMAC does not recompute is an HMAC failure. The sweep keeps no memory: a tampered row is
// counted again by every later sweep whose window still holds it.
#pragma once

#include <cstdint>

#include "models/datastores/hash_chain.hpp"

namespace caracal {

struct TamperSweepCounts {
    std::uint64_t checked = 0;
    std::uint64_t mismatches = 0;
    std::uint64_t chain_breaks = 0;
    std::uint64_t hmac_failures = 0;
};

// Sweeps the rows from `first` (the window's first chain_seq) to the newest.
TamperSweepCounts sweep_window(const HashChain& ledger, ChainSeq first);

}  // namespace caracal
