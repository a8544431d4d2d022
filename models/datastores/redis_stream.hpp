// A Redis stream with consumer groups, as Caracal uses them (audit events, invalidations,
// revocations): XADD with MAXLEN trimming, XREADGROUP, XACK, XAUTOCLAIM, XPENDING and the
// XINFO GROUPS counters. Entry ids are a plain sequence (1, 2, 3, ...) instead of Redis'
// <ms>-<seq> pairs; the production time travels with the entry. Payloads are opaque ids: callers
// keep what an entry means elsewhere.
//
// Trimming follows Redis: it removes the oldest entries whether or not a group has read them. An
// entry trimmed before a group read it is lost for that group (counted per group); an entry
// trimmed while in a group's PEL stays pending there, and reading it returns nil.
//
// Cost: add, lookup and read_new are O(1) per entry (the stream is a queue indexed by id
// arithmetic; there is no XDEL); ack and PEL lookups are O(log PEL), O(1) when ids are delivered
// and acked in order (the PEL is a queue sorted by id whose acked slots are tombstones, compacted
// once they outnumber the live ones); the oldest delivery time is O(1) amortized; read_pending
// scans the PEL.
//
// The `now` passed to the calls must not decrease (the DES clock): deliveries are kept in time order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/datastores/contiguous_queue.hpp"
#include "sim/base/time.hpp"

namespace caracal {

using sim::Duration;
using sim::Time;

// 0 means "no entry"; the first entry added gets 1.
using EntryId = std::uint64_t;

struct StreamEntry {
    EntryId id = 0;
    Time produced_at;
    std::uint64_t payload = 0;
};

// XADD's MAXLEN option. Approximate trimming (`MAXLEN ~ n`, what Caracal uses) removes only whole
// radix-tree nodes of `node_entries` entries, so the stream keeps between max_len and
// max_len + node_entries - 1 entries; exact trimming keeps exactly max_len. Redis closes a node at
// stream-node-max-entries (100) or stream-node-max-bytes (4 KiB), whichever comes first: for
// entries of a few hundred bytes the byte limit decides, so pick node_entries accordingly.
struct StreamTrim {
    std::optional<std::size_t> max_len;  // nullopt: never trimmed
    bool approximate = true;
    std::size_t node_entries = 100;
};

// Where a new group starts: `$` (only entries added from now on) or `0` (the whole stream).
enum class GroupStart { NewEntries, Beginning };

// One entry handed to a consumer. `entry` is nullopt when the entry was trimmed after it entered the
// PEL (Redis replies with the id and a nil body).
struct Delivery {
    EntryId id = 0;
    std::optional<StreamEntry> entry;
    std::uint32_t delivery_count = 0;
};

// One PEL slot, as XPENDING's extended form lists it.
struct PendingEntry {
    EntryId id = 0;
    std::string consumer;
    Time delivered_at;
    std::uint32_t delivery_count = 0;
    bool operator==(const PendingEntry&) const = default;
};

// XPENDING's summary form, plus the oldest delivery time (what an "oldest pending age" gauge needs).
struct PendingSummary {
    std::size_t count = 0;
    EntryId min_id = 0;  // 0 when nothing is pending
    EntryId max_id = 0;
    std::optional<Time> oldest_delivery;
    std::map<std::string, std::size_t> per_consumer;  // consumers with pending entries only
    bool operator==(const PendingSummary&) const = default;
};

// XAUTOCLAIM's reply: claimed entries, the cursor to continue from (0 once the PEL was scanned to
// its end) and the ids dropped from the PEL because their entries had been trimmed (Redis 7).
struct ClaimResult {
    std::vector<Delivery> claimed;
    EntryId next_cursor = 0;
    std::vector<EntryId> deleted;
};

class RedisStream {
public:
    explicit RedisStream(StreamTrim trim = {});

    // XADD: appends, then trims. Returns the new id.
    EntryId add(Time now, std::uint64_t payload);
    // XLEN.
    std::size_t length() const { return entries_.size(); }
    // nullptr when the id was trimmed or never added.
    const StreamEntry* find(EntryId id) const {
        if (entries_.empty() || id < entries_.front().id || id > entries_.back().id) return nullptr;
        return &entries_[id - entries_.front().id];
    }
    EntryId first_id() const;  // 0 when empty
    EntryId last_id() const { return next_id_ - 1; }  // last id ever added; 0 before the first add
    std::uint64_t entries_added() const { return next_id_ - 1; }
    std::uint64_t trimmed() const { return trimmed_; }

    // XGROUP CREATE; throws std::invalid_argument if the group exists (BUSYGROUP).
    void create_group(const std::string& group, GroupStart start);
    bool has_group(std::string_view group) const;

    // XREADGROUP ... STREAMS s `>`: up to `count` entries after the group's last-delivered id, each
    // entering the PEL owned by `consumer` with delivery count 1. Unknown groups throw
    // std::invalid_argument (NOGROUP), as do all group operations below.
    std::vector<Delivery> read_new(std::string_view group, std::string_view consumer, std::size_t count,
                                   Time now);
    // The same, appending to `out`: a consumer polling in a loop reuses one buffer.
    void read_new(std::string_view group, std::string_view consumer, std::size_t count, Time now,
                  std::vector<Delivery>& out);
    // XREADGROUP ... STREAMS s `0`: the consumer's own pending entries in id order; each existing
    // one gets delivery count + 1 and delivery time `now`; trimmed ones come back with a nil entry.
    std::vector<Delivery> read_pending(std::string_view group, std::string_view consumer, std::size_t count,
                                       Time now);
    // XACK: true if the id was pending (and is not any more).
    bool ack(std::string_view group, EntryId id);
    // XACK with several ids: how many of them were pending.
    std::size_t ack(std::string_view group, std::span<const EntryId> ids);
    // XAUTOCLAIM group consumer min_idle cursor COUNT count: scans the PEL from `cursor` (at most
    // 10·count slots, as Redis does); entries idle for at least min_idle move to `consumer` with
    // delivery count + 1 and delivery time `now`.
    ClaimResult claim_idle(std::string_view group, std::string_view consumer, Duration min_idle, std::size_t count,
                           Time now, EntryId cursor = 0);

    PendingSummary pending(std::string_view group) const;
    // XPENDING group from + count: PEL slots with id >= from, in id order.
    std::vector<PendingEntry> pending_entries(std::string_view group, EntryId from, std::size_t count) const;

    EntryId last_delivered(std::string_view group) const;
    // XINFO GROUPS `entries-read`: entries delivered to the group by read_new.
    std::uint64_t entries_read(std::string_view group) const;
    // Entries still in the stream after the group's last-delivered id: what the group can still
    // read. This is XINFO GROUPS `lag` as Redis reports it since the trimming fixes of 2024/25
    // (redis#13473, #13958); older 7.x report entries_added − entries-read, which also counts
    // entries trimmed unread. Those are counted by lost() here.
    std::uint64_t lag(std::string_view group) const;
    // Entries trimmed before this group read them.
    std::uint64_t lost(std::string_view group) const;

private:
    // One PEL slot; `consumer` indexes Group::consumers. Acked slots stay as tombstones until they
    // reach the front.
    struct Slot {
        EntryId id = 0;
        Time delivered_at;
        std::uint32_t delivery_count = 0;
        std::uint32_t consumer = 0;
        bool acked = false;
    };
    // A delivery (or claim) in time order, for the oldest delivery time; stale once the slot was
    // acked or delivered again (its delivery count then differs).
    struct DeliveryMark {
        Time at;
        EntryId id = 0;
        std::uint32_t delivery_count = 0;
    };
    struct Group {
        EntryId last_delivered = 0;
        std::uint64_t entries_read = 0;
        std::uint64_t lost = 0;
        ContiguousQueue<Slot> pel;
        std::size_t pending = 0;
        ContiguousQueue<DeliveryMark> by_delivery_time;
        std::vector<std::string> consumers;
        std::vector<std::size_t> pending_per_consumer;
    };

    Group& group_named(std::string_view name);
    const Group& group_named(std::string_view name) const;
    static std::uint32_t consumer_index(Group& g, std::string_view consumer);
    // Index of the first slot with an id >= `id`.
    static std::size_t slot_position(const Group& g, EntryId id);
    // The live (not acked) slot for `id`, or nullptr.
    static Slot* find_slot(Group& g, EntryId id);
    static const Slot* find_slot(const Group& g, EntryId id);
    static bool is_current(const Group& g, const DeliveryMark& mark);
    // Acks a slot and keeps both PEL ends live; the caller then drops stale marks.
    static void remove_slot(Group& g, Slot& slot);
    // Acks a slot, leaving its tombstone in place: a batch of acks tidies the PEL once.
    static void retire_slot(Group& g, Slot& slot);
    // Pops the tombstones at both PEL ends and compacts the PEL once it is too sparse.
    static void drop_tombstones(Group& g);
    // Keeps the oldest delivery mark current.
    static void drop_stale_marks(Group& g);
    // Hands an existing entry's slot to `consumer` as a new delivery at `now`.
    Delivery deliver(Group& g, Slot& slot, std::uint32_t consumer, Time now);
    void trim();
    void trim_front(std::size_t n);

    StreamTrim trim_;
    ContiguousQueue<StreamEntry> entries_;
    EntryId next_id_ = 1;
    std::uint64_t trimmed_ = 0;
    std::map<std::string, Group, std::less<>> groups_;
    // The group found last, as nearly every call names the same one. Map nodes stay put, but a
    // copied stream must not point into the original's map, so copies start with no hit.
    struct LastGroup {
        const std::pair<const std::string, Group>* hit = nullptr;
        LastGroup() = default;
        LastGroup(const LastGroup&) {}
        LastGroup& operator=(const LastGroup&) {
            hit = nullptr;
            return *this;
        }
    };
    mutable LastGroup last_group_;
};

}  // namespace caracal
