#include "models/world/invariants.hpp"

#include <algorithm>
#include <sstream>

#include "models/world/world.hpp"

namespace caracal {

namespace {

constexpr const char* kAuditGroup = "audit-ingestor";

std::uint64_t replay_pending(World& w) {
    std::uint64_t n = 0;
    for (const auto& pod : w.sts().deployment().pods())
        if (pod->probe) n += w.sts().emitter(*pod).pending();
    for (const auto& pod : w.gateway().deployment().pods())
        if (pod->probe) n += w.gateway().emitter(*pod).pending();
    return n;
}

// Per producer the places add up to what it produced, and the book's totals agree with what the
// stream, the replay volumes and the audit service hold themselves.
InvariantCheck audit_conservation(World& w) {
    const AuditBook& book = w.ctx().audit_events;
    std::ostringstream problems;
    for (const auto& [producer, tally] : book.tallies()) {
        std::uint64_t placed = 0;
        for (auto n : tally.in) placed += n;
        if (placed != tally.produced)
            problems << producer << ": produced " << tally.produced << " but " << placed << " accounted for; ";
    }
    const RedisStream& stream = w.ctx().redis.stream(streams::kAuditEvents);
    const std::uint64_t in_stream = stream.lag(kAuditGroup) + stream.pending(kAuditGroup).count;
    const struct {
        AuditPlace place;
        std::uint64_t actual;
        const char* source;
    } cross[] = {
        {AuditPlace::Stream, in_stream, "stream unread + PEL"},
        {AuditPlace::Replay, replay_pending(w), "replay volumes"},
        {AuditPlace::Stored, w.audit().stored(), "audit_events rows"},
        {AuditPlace::Dlq, w.audit().dlq_events(), "DLQ"},
    };
    for (const auto& c : cross)
        if (book.count(c.place) != c.actual)
            problems << to_string(c.place) << ": book " << book.count(c.place) << " vs " << c.source << " " << c.actual
                     << "; ";
    std::ostringstream detail;
    detail << "produced " << book.produced();
    for (AuditPlace p : {AuditPlace::Stored, AuditPlace::Stream, AuditPlace::Replay, AuditPlace::Dlq, AuditPlace::Lost})
        detail << ", " << to_string(p) << " " << book.count(p);
    const std::string issues = problems.str();
    if (!issues.empty()) return {"audit_events_conserved", Verdict::Violated, issues + detail.str()};
    return {"audit_events_conserved", Verdict::Held, detail.str()};
}

InvariantCheck audit_none_lost(World& w) {
    const std::uint64_t lost = w.ctx().audit_events.count(AuditPlace::Lost);
    return {"audit_events_not_lost", lost == 0 ? Verdict::Held : Verdict::Violated,
            std::to_string(lost) + " event(s) trimmed by MAXLEN before they were stored"};
}

InvariantCheck fail_closed(World& w) {
    const auto& o = w.gateway().outcomes();
    std::ostringstream detail;
    detail << o.dispatched_without_exchange << " dispatched without a successful exchange (" << o.dispatched
           << " dispatched, " << o.denied_exchange + o.denied_circuit + o.denied_provider << " denied)";
    return {"no_dispatch_without_exchange", o.dispatched_without_exchange == 0 ? Verdict::Held : Verdict::Violated,
            detail.str()};
}

// Every committed revocation applied at every Gateway pod running at the end. One committed less
// than a reload interval before the end may legitimately be still on its way.
InvariantCheck revocations_applied(World& w, sim::Time end, RevocationLag& lag) {
    const RevocationBook& book = w.ctx().revocations;
    const Duration settle = w.ctx().profile.gateway.revocation_reload_interval;
    std::vector<Duration> lags;
    std::size_t late = 0, in_window = 0;
    for (RevocationId id = 0; id < book.committed(); ++id)
        for (const Pod* pod : w.gateway().deployment().running()) {
            if (const auto at = book.applied_at(pod->name, id)) {
                lags.push_back(*at - book.committed_at(id));
            } else if (end - book.committed_at(id) < settle) {
                ++in_window;
            } else {
                ++late;
            }
        }
    std::sort(lags.begin(), lags.end());
    lag.revocations = book.committed();
    lag.applied = lags.size();
    lag.pending = late + in_window;
    if (!lags.empty()) {
        lag.max = lags.back();
        // Nearest rank.
        lag.p95 = lags[(lags.size() * 95 + 99) / 100 - 1];
    }
    std::ostringstream detail;
    detail << book.committed() << " revocation(s), " << lags.size() << " application(s), max lag "
           << sim::format_duration(lag.max) << ", p95 " << sim::format_duration(lag.p95);
    if (late > 0) {
        detail << "; " << late << " not applied within " << sim::format_duration(settle) << " of commit";
        return {"revocations_applied", Verdict::Violated, detail.str()};
    }
    if (in_window > 0) {
        detail << "; " << in_window << " committed less than " << sim::format_duration(settle)
               << " before the end, still pending";
        return {"revocations_applied", Verdict::Unsettled, detail.str()};
    }
    return {"revocations_applied", Verdict::Held, detail.str()};
}

InvariantCheck chain_intact(World& w, bool tamper_in_effect) {
    const auto violations = w.audit().ledger().violations();
    std::string detail = std::to_string(w.audit().ledger().last_seq()) + " row(s), " +
                         std::to_string(violations.size()) + " violation(s)";
    if (violations.empty()) return {"hash_chain_intact", Verdict::Held, detail};
    if (tamper_in_effect) return {"hash_chain_intact", Verdict::Held, detail + " (tampered on purpose)"};
    return {"hash_chain_intact", Verdict::Violated, detail};
}

}  // namespace

std::string_view to_string(Verdict v) {
    switch (v) {
        case Verdict::Held: return "held";
        case Verdict::Violated: return "violated";
        case Verdict::Unsettled: return "unsettled";
    }
    return "?";
}

bool Invariants::violated() const {
    return std::any_of(checks.begin(), checks.end(), [](const InvariantCheck& c) { return c.verdict == Verdict::Violated; });
}

Invariants check_invariants(World& world, const InvariantContext& context) {
    Invariants out;
    out.checks.push_back(audit_conservation(world));
    out.checks.push_back(audit_none_lost(world));
    out.checks.push_back(fail_closed(world));
    out.checks.push_back(revocations_applied(world, context.end, out.revocation_lag));
    out.checks.push_back(chain_intact(world, context.tamper_in_effect));
    return out;
}

}  // namespace caracal
