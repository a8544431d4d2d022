// The audit ledger's hash chain (audit_events: chain_seq, content_sha256, prev_content_sha256,
// chain_hmac) and its verification, as the tamper sweeper runs it.
//
// Stand-ins: a row's content is a 64-bit value the caller derives from the event (the model keeps
// event details elsewhere); `Digest` is a 64-bit hash standing for SHA-256, and the chain HMAC a
// keyed 64-bit hash standing for HMAC-SHA256(key, prev chain_hmac ‖ content_sha256). Collisions are
// negligible at simulated volumes and the detection logic is the real one.
//
// Deleting a row leaves a gap in chain_seq; the ledger remembers every issued seq (as the sweeper
// knows the sequence is gapless), so deletions, also of the newest rows, are found.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "sim/base/time.hpp"

namespace caracal {

using Digest = std::uint64_t;
using ChainSeq = std::uint64_t;  // the first row is 1

struct ChainRow {
    ChainSeq chain_seq = 0;
    std::uint64_t content = 0;
    Digest content_sha256 = 0;
    Digest prev_content_sha256 = 0;  // 0 for the first row
    Digest chain_hmac = 0;
};

struct ChainViolation {
    enum class Kind {
        ContentMismatch,  // stored content no longer hashes to content_sha256
        BrokenLink,       // prev_content_sha256 is not the previous row's content_sha256
        BadHmac,          // chain_hmac is not the keyed hash of the previous chain_hmac and this content
        MissingRow,       // the row with this chain_seq was deleted
    };
    ChainSeq chain_seq = 0;
    Kind kind = Kind::ContentMismatch;
    bool operator==(const ChainViolation&) const = default;
};

class HashChain {
public:
    explicit HashChain(std::uint64_t hmac_key);

    // Inserts the next row, linked to the newest row still present, ingested at `ingested_at`
    // (not before the previous row's). Returns its chain_seq.
    ChainSeq append(std::uint64_t content, sim::Time ingested_at = {});
    // Out-of-band modification: the stored content changes, the hashes do not. Throws
    // std::out_of_range for a seq that was never issued or was deleted.
    void tamper(ChainSeq seq, std::uint64_t new_content);
    // Out-of-band deletion. Throws std::out_of_range like tamper().
    void remove(ChainSeq seq);

    // nullptr for a deleted or never issued seq.
    const ChainRow* row(ChainSeq seq) const;
    ChainSeq last_seq() const { return static_cast<ChainSeq>(rows_.size()); }
    // The first chain_seq ingested at or after `t` (last_seq() + 1 when none was): a sweep over an
    // ingest window reads rows from there.
    ChainSeq first_ingested_since(sim::Time t) const;

    // Checks rows from_seq..last_seq(), trusting the row before from_seq as the anchor (a full
    // sweep passes 1, an incremental one the first seq it has not verified yet). Violations are
    // in seq order; a row can have several.
    std::vector<ChainViolation> verify(ChainSeq from_seq = 1) const;
    // The same as verify(1), in time proportional to the rows changed out of band: appended rows
    // are linked correctly, so a violation can only sit on a tampered or deleted row or on the
    // first row still present after one.
    std::vector<ChainViolation> violations() const;

private:
    Digest content_hash(std::uint64_t content) const;
    Digest chain_hash(Digest prev_chain_hmac, Digest content_sha256) const;
    ChainRow& present_row(ChainSeq seq);  // throws std::out_of_range for a deleted or never issued seq
    const ChainRow* present_before(ChainSeq seq) const;  // nullptr: the genesis predecessor
    void check_row(ChainSeq seq, std::vector<ChainViolation>& out) const;

    std::uint64_t key_;
    // Index seq − 1. A deleted row keeps its place with chain_seq 0 (issued seqs start at 1), so a
    // row costs no more than its fields and the rows sit in one block.
    std::vector<ChainRow> rows_;
    std::vector<sim::Time> ingested_at_;  // index seq − 1, kept for deleted rows too (ascending)
    std::optional<ChainSeq> newest_present_;
    std::set<ChainSeq> touched_;  // tampered or deleted, ever
};

std::string_view to_string(ChainViolation::Kind kind);

}  // namespace caracal
