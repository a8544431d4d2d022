// The Audit tamper sweeper's memory: each sweep verifies the whole chain and reports only the
// violations the previous sweep did not already see, so a broken row is counted once however many
// sweeps find it — and counted again if it is repaired and broken anew.
#pragma once

#include <cstddef>
#include <set>
#include <utility>

#include "models/datastores/hash_chain.hpp"

namespace caracal {

class TamperSweeper {
public:
    // Verifies `ledger`; returns how many of its violations are new since the last sweep.
    std::size_t sweep(const HashChain& ledger);
    std::size_t outstanding() const { return seen_.size(); }

private:
    std::set<std::pair<ChainSeq, ChainViolation::Kind>> seen_;
};

}  // namespace caracal
