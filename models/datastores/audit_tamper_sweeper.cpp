#include "models/datastores/audit_tamper_sweeper.hpp"

namespace caracal {

std::size_t TamperSweeper::sweep(const HashChain& ledger) {
    std::set<std::pair<ChainSeq, ChainViolation::Kind>> found;
    std::size_t fresh = 0;
    for (const ChainViolation& v : ledger.violations()) {
        const auto key = std::make_pair(v.chain_seq, v.kind);
        if (found.insert(key).second && !seen_.contains(key)) ++fresh;
    }
    seen_ = std::move(found);
    return fresh;
}

}  // namespace caracal
