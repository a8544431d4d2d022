#include "models/datastores/hash_chain.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "sim/base/stable_hash.hpp"

namespace caracal {

namespace {

// A bijective 64-bit mix stands for SHA-256 and HMAC: nobody in the model searches for collisions.
std::uint64_t mix(std::uint64_t x) { return sim::splitmix64_mix(x); }

}  // namespace

HashChain::HashChain(std::uint64_t hmac_key) : key_(hmac_key) {}

Digest HashChain::content_hash(std::uint64_t content) const { return mix(content); }

Digest HashChain::chain_hash(Digest prev_chain_hmac, Digest content_sha256) const {
    return mix(mix(key_ ^ prev_chain_hmac) ^ content_sha256);
}

ChainSeq HashChain::append(std::uint64_t content, sim::Time ingested_at) {
    if (!ingested_at_.empty() && ingested_at < ingested_at_.back())
        throw std::invalid_argument("hash chain: rows must be appended in ingest order");
    const ChainRow* prev = newest_present_ ? row(*newest_present_) : nullptr;
    ChainRow r;
    r.chain_seq = last_seq() + 1;
    r.content = content;
    r.content_sha256 = content_hash(content);
    r.prev_content_sha256 = prev ? prev->content_sha256 : 0;
    r.chain_hmac = chain_hash(prev ? prev->chain_hmac : 0, r.content_sha256);
    rows_.emplace_back(r);
    ingested_at_.push_back(ingested_at);
    newest_present_ = r.chain_seq;
    return r.chain_seq;
}

ChainSeq HashChain::first_ingested_since(sim::Time t) const {
    return static_cast<ChainSeq>(std::lower_bound(ingested_at_.begin(), ingested_at_.end(), t) - ingested_at_.begin()) + 1;
}

ChainRow& HashChain::present_row(ChainSeq seq) {
    if (!row(seq)) throw std::out_of_range("hash chain: no row with chain_seq " + std::to_string(seq));
    return rows_[seq - 1];
}

void HashChain::tamper(ChainSeq seq, std::uint64_t new_content) {
    present_row(seq).content = new_content;
    touched_.insert(seq);
}

void HashChain::remove(ChainSeq seq) {
    present_row(seq) = ChainRow{};
    touched_.insert(seq);
    if (newest_present_ != seq) return;
    newest_present_.reset();
    for (ChainSeq s = seq - 1; s >= 1 && !newest_present_; --s)
        if (row(s)) newest_present_ = s;
}

const ChainRow* HashChain::row(ChainSeq seq) const {
    if (seq < 1 || seq > last_seq() || rows_[seq - 1].chain_seq == 0) return nullptr;
    return &rows_[seq - 1];
}

const ChainRow* HashChain::present_before(ChainSeq seq) const {
    for (ChainSeq s = seq - 1; s >= 1; --s)
        if (const ChainRow* r = row(s)) return r;
    return nullptr;
}

void HashChain::check_row(ChainSeq seq, std::vector<ChainViolation>& out) const {
    const ChainRow* r = row(seq);
    if (!r) {
        out.push_back({seq, ChainViolation::Kind::MissingRow});
        return;
    }
    const ChainRow* prev = present_before(seq);
    if (content_hash(r->content) != r->content_sha256) out.push_back({seq, ChainViolation::Kind::ContentMismatch});
    if (r->prev_content_sha256 != (prev ? prev->content_sha256 : 0))
        out.push_back({seq, ChainViolation::Kind::BrokenLink});
    if (r->chain_hmac != chain_hash(prev ? prev->chain_hmac : 0, r->content_sha256))
        out.push_back({seq, ChainViolation::Kind::BadHmac});
}

std::vector<ChainViolation> HashChain::verify(ChainSeq from_seq) const {
    std::vector<ChainViolation> out;
    for (ChainSeq s = from_seq < 1 ? 1 : from_seq; s <= last_seq(); ++s) check_row(s, out);
    return out;
}

std::vector<ChainViolation> HashChain::violations() const {
    std::set<ChainSeq> suspects;
    for (const ChainSeq seq : touched_) {
        suspects.insert(seq);
        ChainSeq next = seq + 1;
        while (next <= last_seq() && !row(next)) ++next;
        if (next <= last_seq()) suspects.insert(next);
    }
    std::vector<ChainViolation> out;
    for (const ChainSeq seq : suspects) check_row(seq, out);
    return out;
}

std::string_view to_string(ChainViolation::Kind kind) {
    switch (kind) {
        case ChainViolation::Kind::ContentMismatch: return "content_mismatch";
        case ChainViolation::Kind::BrokenLink: return "broken_link";
        case ChainViolation::Kind::BadHmac: return "bad_hmac";
        case ChainViolation::Kind::MissingRow: return "missing_row";
    }
    return "unknown";
}

}  // namespace caracal
