#include "models/services/stream_consumer.hpp"

#include <vector>

#include "models/platform/first_tick.hpp"

namespace caracal {

namespace {
constexpr std::size_t kReadCount = 100;
}

StreamConsumer::StreamConsumer(WorldContext& ctx, Pod& pod, std::string stream, std::string group, Duration poll,
                               Handler handler)
    : ctx_(ctx), pod_(pod), stream_(ctx.redis.stream(stream)), group_(std::move(group)), handler_(std::move(handler)) {
    ctx.sim.every(poll, first_tick(ctx.sim, pod.name + "." + group_, poll), [this] { this->poll(); });
}

void StreamConsumer::poll() {
    if (!pod_.running || ctx_.consumers.paused(group_) || !ctx_.redis.reachable(pod_.service)) return;
    RedisStream& s = stream_;
    const sim::Time now = ctx_.sim.now();
    if (s.last_id() != caught_up_to_) {
        const std::vector<Delivery> read = s.read_new(group_, pod_.name, kReadCount, now);
        for (const Delivery& d : read)
            if (d.entry) held_.push_back(*d.entry);
        // A short read delivered everything up to the stream's last id.
        if (read.size() < kReadCount) caught_up_to_ = s.last_id();
    }
    const Duration delay = ctx_.consumers.delay(group_);
    while (!held_.empty() && held_.front().produced_at + delay <= now) {
        handler_(held_.front());
        s.ack(group_, held_.front().id);
        held_.pop_front();
    }
}

std::optional<Duration> StreamConsumer::oldest_unfinished_age(const RedisStream& s, const std::string& group,
                                                              sim::Time now) {
    std::optional<sim::Time> oldest;
    const PendingSummary p = s.pending(group);
    if (p.count > 0)
        if (const StreamEntry* e = s.find(p.min_id)) oldest = e->produced_at;
    if (!oldest) {
        // Ids are dense; an id trimmed away means the next one in the stream is the first unread.
        EntryId next = s.last_delivered(group) + 1;
        if (next < s.first_id()) next = s.first_id();
        if (next != 0 && next <= s.last_id())
            if (const StreamEntry* e = s.find(next)) oldest = e->produced_at;
    }
    if (!oldest) return std::nullopt;
    return now - *oldest;
}

}  // namespace caracal
