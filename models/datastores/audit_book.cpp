#include "models/datastores/audit_book.hpp"

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

AuditBook::ProducerIndex AuditBook::producer_index(const std::string& producer) {
    auto [it, inserted] = producer_index_.try_emplace(producer, static_cast<ProducerIndex>(producers_.size()));
    if (inserted) producers_.push_back(producer);
    return it->second;
}

void AuditBook::move(AuditEventId id, AuditPlace to) {
    Event& e = events_[id];
    --totals_[static_cast<std::size_t>(e.place)];
    ++totals_[static_cast<std::size_t>(to)];
    e.place = to;
}

std::map<std::string, AuditBook::Tally> AuditBook::tallies() const {
    std::vector<Tally> by_index(producers_.size());
    for (const auto& e : events_) {
        Tally& t = by_index[e.producer];
        ++t.produced;
        ++t.in[static_cast<std::size_t>(e.place)];
    }
    std::map<std::string, Tally> out;
    for (std::size_t i = 0; i < producers_.size(); ++i)
        if (by_index[i].produced > 0) out[producers_[i]] = by_index[i];  // emitters that never emitted are not producers
    return out;
}

}  // namespace caracal
