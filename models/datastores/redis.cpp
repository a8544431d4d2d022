#include "models/datastores/redis.hpp"

#include <stdexcept>

namespace caracal {

Redis::Redis(const Network& network, const Profile& profile) : network_(network), profile_(profile) {
    // provision-streams.sh creates every group at '$' before the services start.
    const std::map<std::string, std::vector<std::string>> groups = {
        {streams::kAuditEvents, {"audit-ingestor"}},
        {streams::kAuditDlq, {"audit-dlq-observer"}},
        {streams::kPolicyInvalidate, {"opa-engine"}},
        {streams::kSessionsRevoke, {"sts-revocation", "gateway-revocation"}},
        {streams::kKeysInvalidate, {"sts-keys"}},
        {streams::kAgentsLifecycle, {"coordinator-relay"}},
    };
    for (const auto& [name, group_names] : groups) {
        const std::int64_t maxlen = profile.maxlen(name);
        StreamTrim trim;
        if (maxlen > 0) trim.max_len = static_cast<std::size_t>(maxlen);
        auto [it, _] = streams_.emplace(name, RedisStream(trim));
        for (const auto& g : group_names) it->second.create_group(g, GroupStart::NewEntries);
    }
}

RedisStream& Redis::stream(std::string_view name) {
    auto it = streams_.find(name);
    if (it == streams_.end()) throw std::out_of_range("no Redis stream " + std::string(name));
    return it->second;
}

const RedisStream& Redis::stream(std::string_view name) const {
    auto it = streams_.find(name);
    if (it == streams_.end()) throw std::out_of_range("no Redis stream " + std::string(name));
    return it->second;
}

Duration Redis::failure_latency(Service from) const {
    return link(from) == Link::Blackhole ? profile_.redis.command_timeout : Duration();
}

}  // namespace caracal
