#include "models/audit_book.hpp"

namespace caracal {

std::string_view to_string(AuditPlace p) {
    switch (p) {
        case AuditPlace::Replay: return "replay";
        case AuditPlace::Stream: return "stream";
        case AuditPlace::Stored: return "stored";
        case AuditPlace::Dlq: return "dlq";
        case AuditPlace::Lost: return "lost";
    }
    return "?";
}

AuditEventId AuditBook::produce(const std::string& producer, sim::Time at, AuditPlace place) {
    auto [it, inserted] = producer_index_.try_emplace(producer, static_cast<std::uint32_t>(producers_.size()));
    if (inserted) producers_.push_back(producer);
    events_.push_back(Event{it->second, place, at});
    ++totals_[static_cast<std::size_t>(place)];
    return events_.size() - 1;
}

void AuditBook::move(AuditEventId id, AuditPlace to) {
    Event& e = events_[id];
    --totals_[static_cast<std::size_t>(e.place)];
    ++totals_[static_cast<std::size_t>(to)];
    e.place = to;
}

std::map<std::string, AuditBook::Tally> AuditBook::tallies() const {
    std::map<std::string, Tally> out;
    for (const auto& e : events_) {
        Tally& t = out[producers_[e.producer]];
        ++t.produced;
        ++t.in[static_cast<std::size_t>(e.place)];
    }
    return out;
}

}  // namespace caracal
