// Where every audit event is, so the run can prove none was lost: each event is produced once and
// is at any time in exactly one place — a producer's replay volume, the stream (unread or pending
// in the consumer group), audit_events, the DLQ, or lost to MAXLEN trimming.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/base/time.hpp"

namespace caracal {

enum class AuditPlace { Replay, Stream, Stored, Dlq, Lost };
inline constexpr std::size_t kAuditPlaces = 5;
std::string_view to_string(AuditPlace p);

using AuditEventId = std::uint64_t;

class AuditBook {
public:
    // Producers are pod names; an emitter looks its index up once, not per event.
    using ProducerIndex = std::uint32_t;
    ProducerIndex producer_index(const std::string& producer);
    // A new event from `producer`; it starts in `place`.
    AuditEventId produce(ProducerIndex producer, sim::Time at, AuditPlace place) {
        events_.push_back(Event{producer, place, at});
        ++totals_[static_cast<std::size_t>(place)];
        return events_.size() - 1;
    }
    AuditEventId produce(const std::string& producer, sim::Time at, AuditPlace place) {
        return produce(producer_index(producer), at, place);
    }
    void move(AuditEventId id, AuditPlace to);
    AuditPlace place(AuditEventId id) const { return events_[id].place; }
    sim::Time produced_at(AuditEventId id) const { return events_[id].produced_at; }
    const std::string& producer(AuditEventId id) const { return producers_[events_[id].producer]; }

    std::uint64_t produced() const { return events_.size(); }
    std::uint64_t count(AuditPlace p) const { return totals_[static_cast<std::size_t>(p)]; }
    // Per producer: produced and the count in each place.
    struct Tally {
        std::uint64_t produced = 0;
        std::array<std::uint64_t, kAuditPlaces> in{};
    };
    std::map<std::string, Tally> tallies() const;

private:
    struct Event {
        ProducerIndex producer;
        AuditPlace place;
        sim::Time produced_at;
    };
    std::vector<Event> events_;
    std::vector<std::string> producers_;
    std::map<std::string, ProducerIndex> producer_index_;
    std::array<std::uint64_t, kAuditPlaces> totals_{};
};

}  // namespace caracal
