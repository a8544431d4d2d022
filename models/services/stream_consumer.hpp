// One pod's consumer in a Redis consumer group, polling on a fixed period. Entries are read into the
// group's pending list and handled once they are old enough (a delay fault makes a consumer hold
// entries for `delay`); a handled entry is acknowledged. A paused group or an unreachable Redis
// reads nothing. Used for the policy-invalidation and revocation streams.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "models/datastores/contiguous_queue.hpp"
#include "models/kube/pod.hpp"
#include "models/services/world_context.hpp"

namespace caracal {

class StreamConsumer {
public:
    using Handler = std::function<void(const StreamEntry&)>;

    StreamConsumer(WorldContext& ctx, Pod& pod, std::string stream, std::string group, Duration poll, Handler handler);

    // Age of the oldest entry the group has not finished (undelivered, or pending anywhere in the
    // group), as a consumer computes it from XINFO/XPENDING; nullopt when there is none.
    static std::optional<Duration> oldest_unfinished_age(const RedisStream& s, const std::string& group, sim::Time now);

private:
    void poll();

    WorldContext& ctx_;
    Pod& pod_;
    RedisStream& stream_;  // looked up once: the consumer polls every second
    std::string group_;
    Handler handler_;
    ContiguousQueue<StreamEntry> held_;  // read, not yet handled (delayed)
    // The group has read everything up to here: until the stream grows past it, XREADGROUP `>`
    // returns nothing and the (mostly idle) poll skips it.
    EntryId caught_up_to_ = 0;
};

}  // namespace caracal
