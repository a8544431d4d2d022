// What each pending entry of a consumer group carries, by entry id. Entries enter in id order (as
// XREADGROUP `>` hands them out) and leave in about that order (acknowledged, dead-lettered or
// found trimmed), so a window over the ids from the oldest one held to the newest gives O(1)
// insert, lookup and erase without the per-entry allocation a hash map needs — this is on the
// path of every audit event.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "models/datastores/contiguous_queue.hpp"
#include "models/datastores/redis_stream.hpp"

namespace caracal {

class PendingPayloads {
public:
    // Throws std::logic_error unless `id` is greater than every id inserted before.
    void insert(EntryId id, std::uint64_t payload);
    std::optional<std::uint64_t> find(EntryId id) const;
    // Ids not held are skipped. A batch (one XACK's ids) trims the window once.
    void erase(std::span<const EntryId> ids);
    void erase(EntryId id) { erase(std::span(&id, 1)); }
    std::size_t size() const { return held_; }

private:
    EntryId first_ = 0;  // the id of slots_.front()
    ContiguousQueue<std::optional<std::uint64_t>> slots_;  // ids first_, first_ + 1, ...; gaps empty
    EntryId last_inserted_ = 0;
    std::size_t held_ = 0;
};

}  // namespace caracal
