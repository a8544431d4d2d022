#include "models/faults/fault.hpp"

#include <algorithm>
#include <array>

#include "models/datastores/redis.hpp"

namespace caracal {

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

constexpr std::array<std::pair<Endpoint, const char*>, 3> kDatastores{
    {{Endpoint::Postgres, "postgres"}, {Endpoint::Redis, "redis"}, {Endpoint::Provider, "provider"}}};

}  // namespace

std::string endpoint_name(Endpoint e) {
    for (const auto& [endpoint, text] : kDatastores)
        if (endpoint == e) return text;
    for (Service s : kServices)
        if (endpoint_of(s) == e) return std::string(name(s));
    return "?";
}

Revert SettingFault::apply(FaultTarget& target) const {
    set_(target.world);
    return [&world = target.world, unset = unset_] { unset(world); };
}

FaultParams::FaultParams(const std::string& primitive, const YAML::Node& step, const std::string& file)
    : YamlMapping(step, file, primitive + ": ", fault_step_keys()) {}

Service FaultParams::service(const std::string& key) {
    const std::string t = text(key);
    std::vector<std::string> names;
    for (Service s : kServices) {
        if (name(s) == t) return s;
        names.emplace_back(name(s));
    }
    fail(key, "unknown service \"" + t + "\" (expected one of " + joined(names) + ")");
}

Endpoint FaultParams::endpoint(const std::string& key) {
    const std::string t = text(key);
    std::vector<std::string> names;
    for (const auto& [endpoint, text] : kDatastores) {
        if (t == text) return endpoint;
        names.emplace_back(text);
    }
    for (Service s : kServices) {
        if (name(s) == t) return endpoint_of(s);
        names.emplace_back(name(s));
    }
    fail(key, "unknown component \"" + t + "\" (expected one of " + joined(names) + ")");
}

std::string FaultParams::consumer_group(const std::string& key) {
    const std::string t = text(key);
    // The groups exist as provisioned in a fresh Redis; ask one rather than keep a second list.
    const Network network;
    const Profile profile;
    const Redis redis(network, profile);
    for (const char* s : {streams::kAuditEvents, streams::kAuditDlq, streams::kPolicyInvalidate,
                          streams::kSessionsRevoke, streams::kKeysInvalidate, streams::kAgentsLifecycle})
        if (redis.stream(s).has_group(t)) return t;
    fail(key, "unknown consumer group \"" + t + "\"");
}

const std::vector<std::string>& fault_step_keys() {
    static const std::vector<std::string> keys = {"primitive", "at", "duration"};
    return keys;
}

const std::vector<std::string>& fault_primitives() {
    static const std::vector<std::string> names = {
        "outage", "block", "flap", "latency",                                           // network
        "scale", "load", "pause_distribution", "activate_policy", "expire_credential", "revoke",  // services
        "pause", "delay",                                                               // consumers
        "fault_datastore", "tamper",                                                    // audit
        "replay_dlq",                                                                   // recovery
        "rolling_deploy", "drain_node",                                                 // routine
    };
    return names;
}

std::unique_ptr<Fault> parse_fault(const std::string& primitive, FaultParams& params) {
    std::unique_ptr<Fault> fault;
    for (auto family : {parse_network_fault, parse_service_fault, parse_consumer_fault, parse_audit_fault,
                        parse_recovery_fault, parse_routine_fault})
        if (!fault) fault = family(primitive, params);
    if (!fault) params.fail("primitive", "unknown fault primitive (expected one of " + joined(fault_primitives()) + ")");
    params.finish();
    return fault;
}

}  // namespace caracal
