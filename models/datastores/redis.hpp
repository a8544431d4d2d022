// The managed Redis: Caracal's streams (with the MAXLEN the docs give) and whether a client can
// reach it. Commands are modelled as instantaneous when reachable; callers decide what an
// unreachable Redis costs them (a refused connection fails at once, a black hole after
// redis.command_timeout).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "models/platform/network.hpp"
#include "models/platform/profile.hpp"
#include "models/datastores/redis_stream.hpp"

namespace caracal {

namespace streams {
inline constexpr const char* kAuditEvents = "caracal.audit.events";
inline constexpr const char* kAuditDlq = "caracal.audit.events.dlq";
inline constexpr const char* kPolicyInvalidate = "caracal.policy.invalidate";
inline constexpr const char* kSessionsRevoke = "caracal.sessions.revoke";
inline constexpr const char* kKeysInvalidate = "caracal.keys.invalidate";
inline constexpr const char* kAgentsLifecycle = "caracal.agents.lifecycle";
}  // namespace streams

class Redis {
public:
    Redis(const Network& network, const Profile& profile);

    RedisStream& stream(std::string_view name);
    const RedisStream& stream(std::string_view name) const;

    Link link(Service from) const { return network_.link(from, Endpoint::Redis); }
    bool reachable(Service from) const { return link(from) == Link::Up; }
    // What a failed command costs the caller before it learns it failed.
    Duration failure_latency(Service from) const;

private:
    const Network& network_;
    const Profile& profile_;
    std::map<std::string, RedisStream, std::less<>> streams_;
};

}  // namespace caracal
