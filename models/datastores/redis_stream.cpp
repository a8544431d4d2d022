#include "models/datastores/redis_stream.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace caracal {

namespace {

// Tombstones are compacted away once they outnumber the live slots (amortized O(1) per ack).
constexpr std::size_t kCompactMinimum = 64;

bool too_sparse(std::size_t total, std::size_t live) {
    return total > kCompactMinimum && total > 2 * live;
}

}  // namespace

RedisStream::RedisStream(StreamTrim trim) : trim_(trim) {
    if (trim_.node_entries == 0) throw std::invalid_argument("stream trim: node_entries must be at least 1");
}

EntryId RedisStream::add(Time now, std::uint64_t payload) {
    const EntryId id = next_id_++;
    entries_.push_back(StreamEntry{id, now, payload});
    trim();
    return id;
}

EntryId RedisStream::first_id() const { return entries_.empty() ? 0 : entries_.front().id; }

void RedisStream::trim() {
    if (!trim_.max_len) return;
    const std::size_t max_len = *trim_.max_len;
    if (!trim_.approximate) {
        if (entries_.size() > max_len) trim_front(entries_.size() - max_len);
        return;
    }
    // Whole nodes only: ids fill nodes in order, so the first node ends at the next multiple of
    // node_entries.
    while (!entries_.empty()) {
        const std::size_t in_first_node =
            std::min<std::size_t>(entries_.size(), trim_.node_entries - (entries_.front().id - 1) % trim_.node_entries);
        if (entries_.size() - in_first_node < max_len) break;
        trim_front(in_first_node);
    }
}

void RedisStream::trim_front(std::size_t n) {
    const EntryId first = entries_.front().id;
    const EntryId last = first + n - 1;
    for (auto& [name, g] : groups_) {
        if (g.last_delivered < last) g.lost += last - std::max(g.last_delivered, first - 1);
    }
    entries_.pop_front(n);
    trimmed_ += n;
}

void RedisStream::create_group(const std::string& group, GroupStart start) {
    if (groups_.contains(group)) throw std::invalid_argument("BUSYGROUP consumer group '" + group + "' already exists");
    Group g;
    g.last_delivered = start == GroupStart::NewEntries ? last_id() : 0;
    groups_.emplace(group, std::move(g));
}

bool RedisStream::has_group(std::string_view group) const { return groups_.find(group) != groups_.end(); }

RedisStream::Group& RedisStream::group_named(std::string_view name) {
    return const_cast<Group&>(std::as_const(*this).group_named(name));
}

const RedisStream::Group& RedisStream::group_named(std::string_view name) const {
    if (last_group_.hit && last_group_.hit->first == name) return last_group_.hit->second;
    const auto it = groups_.find(name);
    if (it == groups_.end()) throw std::invalid_argument("NOGROUP no consumer group '" + std::string(name) + "'");
    last_group_.hit = &*it;
    return it->second;
}

std::uint32_t RedisStream::consumer_index(Group& g, std::string_view consumer) {
    const auto it = std::find(g.consumers.begin(), g.consumers.end(), consumer);
    if (it != g.consumers.end()) return static_cast<std::uint32_t>(it - g.consumers.begin());
    g.consumers.emplace_back(consumer);
    g.pending_per_consumer.push_back(0);
    return static_cast<std::uint32_t>(g.consumers.size() - 1);
}

std::size_t RedisStream::slot_position(const Group& g, EntryId id) {
    // Entries are delivered in id order with consecutive ids and acked slots stay in place, so the
    // slot is most often exactly `id - first id` places in. Compacting tombstones away breaks that
    // for the slots before the last gap, but slots delivered since are still `last id - id` places
    // before the end. Check both places before searching.
    if (g.pel.empty() || id <= g.pel.front().id) return 0;
    if (id > g.pel.back().id) return g.pel.size();
    const std::size_t from_front = id - g.pel.front().id;
    if (from_front < g.pel.size() && g.pel[from_front].id == id) return from_front;
    const std::size_t from_back = g.pel.back().id - id;
    if (from_back < g.pel.size() && g.pel[g.pel.size() - 1 - from_back].id == id) return g.pel.size() - 1 - from_back;
    const auto it = std::lower_bound(g.pel.begin(), g.pel.end(), id, [](const Slot& s, EntryId v) { return s.id < v; });
    return static_cast<std::size_t>(it - g.pel.begin());
}

const RedisStream::Slot* RedisStream::find_slot(const Group& g, EntryId id) {
    const std::size_t i = slot_position(g, id);
    if (i == g.pel.size() || g.pel[i].id != id || g.pel[i].acked) return nullptr;
    return &g.pel[i];
}

RedisStream::Slot* RedisStream::find_slot(Group& g, EntryId id) {
    return const_cast<Slot*>(find_slot(std::as_const(g), id));
}

Delivery RedisStream::deliver(Group& g, Slot& slot, std::uint32_t consumer, Time now) {
    if (slot.consumer != consumer) {
        --g.pending_per_consumer[slot.consumer];
        ++g.pending_per_consumer[consumer];
        slot.consumer = consumer;
    }
    slot.delivered_at = now;
    ++slot.delivery_count;
    g.by_delivery_time.push_back(DeliveryMark{now, slot.id, slot.delivery_count});
    return Delivery{slot.id, *find(slot.id), slot.delivery_count};
}

std::vector<Delivery> RedisStream::read_new(std::string_view group, std::string_view consumer, std::size_t count,
                                            Time now) {
    std::vector<Delivery> out;
    read_new(group, consumer, count, now, out);
    return out;
}

void RedisStream::read_new(std::string_view group, std::string_view consumer, std::size_t count, Time now,
                           std::vector<Delivery>& out) {
    Group& g = group_named(group);
    if (entries_.empty()) return;
    const EntryId first = std::max(g.last_delivered + 1, first_id());
    if (first > last_id()) return;
    // Only now: most polls find nothing new, and a consumer that was never handed anything has
    // nothing to show in XPENDING.
    const std::uint32_t c = consumer_index(g, consumer);
    const EntryId n = std::min<EntryId>(count, last_id() - first + 1);
    out.reserve(out.size() + n);
    for (EntryId id = first; id < first + n; ++id) {
        g.pel.push_back(Slot{id, now, 0, c, false});  // ids only grow, so the PEL stays sorted
        ++g.pending;
        ++g.pending_per_consumer[c];
        out.push_back(deliver(g, g.pel.back(), c, now));
        g.last_delivered = id;
        ++g.entries_read;
    }
}

std::vector<Delivery> RedisStream::read_pending(std::string_view group, std::string_view consumer,
                                                std::size_t count, Time now) {
    Group& g = group_named(group);
    const std::uint32_t c = consumer_index(g, consumer);
    std::vector<Delivery> out;
    for (Slot& slot : g.pel) {
        if (out.size() == count) break;
        if (slot.acked || slot.consumer != c) continue;
        if (find(slot.id))
            out.push_back(deliver(g, slot, c, now));
        else
            out.push_back(Delivery{slot.id, std::nullopt, slot.delivery_count});
    }
    drop_stale_marks(g);
    return out;
}

bool RedisStream::ack(std::string_view group, EntryId id) { return ack(group, std::span(&id, 1)) == 1; }

std::size_t RedisStream::ack(std::string_view group, std::span<const EntryId> ids) {
    Group& g = group_named(group);
    std::size_t acked = 0;
    for (const EntryId id : ids) {
        if (Slot* slot = find_slot(g, id)) {
            retire_slot(g, *slot);
            ++acked;
        }
    }
    drop_tombstones(g);
    drop_stale_marks(g);
    return acked;
}

void RedisStream::remove_slot(Group& g, Slot& slot) {
    retire_slot(g, slot);
    drop_tombstones(g);
}

void RedisStream::retire_slot(Group& g, Slot& slot) {
    slot.acked = true;
    --g.pending;
    --g.pending_per_consumer[slot.consumer];
}

void RedisStream::drop_tombstones(Group& g) {
    while (!g.pel.empty() && g.pel.front().acked) g.pel.pop_front();
    while (!g.pel.empty() && g.pel.back().acked) g.pel.pop_back();
    if (too_sparse(g.pel.size(), g.pending)) g.pel.erase_if([](const Slot& s) { return s.acked; });
}

bool RedisStream::is_current(const Group& g, const DeliveryMark& mark) {
    // Slots mostly leave the PEL front in delivery order: most stale marks point before it.
    if (g.pel.empty() || mark.id < g.pel.front().id) return false;
    const Slot* slot = find_slot(g, mark.id);
    return slot && slot->delivery_count == mark.delivery_count;
}

void RedisStream::drop_stale_marks(Group& g) {
    while (!g.by_delivery_time.empty() && !is_current(g, g.by_delivery_time.front())) g.by_delivery_time.pop_front();
    if (too_sparse(g.by_delivery_time.size(), g.pending))
        g.by_delivery_time.erase_if([&g](const DeliveryMark& m) { return !is_current(g, m); });
}

ClaimResult RedisStream::claim_idle(std::string_view group, std::string_view consumer, Duration min_idle,
                                    std::size_t count, Time now, EntryId cursor) {
    Group& g = group_named(group);
    const std::uint32_t c = consumer_index(g, consumer);
    ClaimResult result;
    // Indexes, not iterators: removing a slot may compact the PEL.
    std::size_t i = slot_position(g, cursor);
    std::size_t attempts = 10 * count;
    auto next_live = [&g](std::size_t from) {
        while (from < g.pel.size() && g.pel[from].acked) ++from;
        return from;
    };
    for (i = next_live(i); attempts > 0 && result.claimed.size() < count && i < g.pel.size(); i = next_live(i)) {
        --attempts;
        Slot& slot = g.pel[i];
        const EntryId id = slot.id;
        if (!find(id)) {
            remove_slot(g, slot);
            result.deleted.push_back(id);
            i = slot_position(g, id + 1);
            continue;
        }
        ++i;
        if (now - slot.delivered_at < min_idle) continue;
        result.claimed.push_back(deliver(g, slot, c, now));
    }
    result.next_cursor = i < g.pel.size() ? g.pel[i].id : 0;
    drop_stale_marks(g);
    return result;
}

PendingSummary RedisStream::pending(std::string_view group) const {
    const Group& g = group_named(group);
    PendingSummary s;
    s.count = g.pending;
    if (g.pending == 0) return s;
    s.min_id = g.pel.front().id;  // both ends are live: remove_slot pops tombstones there
    s.max_id = g.pel.back().id;
    s.oldest_delivery = g.by_delivery_time.front().at;
    for (std::size_t c = 0; c < g.consumers.size(); ++c)
        if (g.pending_per_consumer[c] > 0) s.per_consumer.emplace(g.consumers[c], g.pending_per_consumer[c]);
    return s;
}

std::vector<PendingEntry> RedisStream::pending_entries(std::string_view group, EntryId from,
                                                       std::size_t count) const {
    const Group& g = group_named(group);
    std::vector<PendingEntry> out;
    for (std::size_t i = slot_position(g, from); i < g.pel.size() && out.size() < count; ++i) {
        const Slot& s = g.pel[i];
        if (!s.acked) out.push_back(PendingEntry{s.id, g.consumers[s.consumer], s.delivered_at, s.delivery_count});
    }
    return out;
}

EntryId RedisStream::last_delivered(std::string_view group) const { return group_named(group).last_delivered; }

std::uint64_t RedisStream::entries_read(std::string_view group) const { return group_named(group).entries_read; }

std::uint64_t RedisStream::lag(std::string_view group) const {
    const Group& g = group_named(group);
    if (entries_.empty() || g.last_delivered >= last_id()) return 0;
    return last_id() - std::max(g.last_delivered, first_id() - 1);
}

std::uint64_t RedisStream::lost(std::string_view group) const { return group_named(group).lost; }

}  // namespace caracal
