// The entries of a stream that nobody has taken yet (unread by the audit group, or dead-lettered
// and not replayed), with their payloads. The model needs it for the AuditBook only: Redis trims
// the oldest entries on XADD whether or not anyone read them, and once trimmed an entry's payload
// (the audit event id) is gone, so the book could not say which events MAXLEN lost. Kept in step
// with the stream by sync(); an entry added and trimmed between two syncs is never seen and only
// counted (untracked()), which for caracal.audit.events would take MAXLEN adds within one poll.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "models/datastores/contiguous_queue.hpp"
#include "models/datastores/redis_stream.hpp"

namespace caracal {

class StreamMirror {
public:
    // Starts after the stream's current last entry.
    explicit StreamMirror(const RedisStream& stream);

    // Records the entries added since the last sync, then hands each untaken entry the stream has
    // trimmed meanwhile to `on_trimmed` (oldest first) and forgets it.
    void sync(const RedisStream& stream, const std::function<void(const StreamEntry&)>& on_trimmed);
    // Forgets the entries up to and including `id` (the group read them).
    void take_through(EntryId id);
    // Forgets and returns every untaken entry (an operator replayed them).
    std::vector<StreamEntry> take_all();

    std::size_t size() const { return entries_.size(); }
    // The oldest untaken entry, nullptr when there is none.
    const StreamEntry* oldest() const { return entries_.empty() ? nullptr : &entries_.front(); }
    std::uint64_t untracked() const { return untracked_; }

private:
    ContiguousQueue<StreamEntry> entries_;
    EntryId next_id_;
    std::uint64_t untracked_ = 0;
};

}  // namespace caracal
