// What every service model shares: the clock, the profile, the network, the datastores and the
// books the invariants are checked against. Services receive it by reference from the World.
#pragma once

#include <functional>
#include <map>

#include "models/audit_book.hpp"
#include "models/consumer_control.hpp"
#include "models/network.hpp"
#include "models/policy_store.hpp"
#include "models/postgres.hpp"
#include "models/profile.hpp"
#include "models/redis.hpp"
#include "models/revocation_book.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

struct WorldContext {
    // Keeps its own copy of the profile: everything in the world refers to it.
    WorldContext(sim::des::Simulation& s, const Profile& p)
        : sim(s), profile(p), postgres(s, network, profile), redis(network, profile) {}

    sim::des::Simulation& sim;
    const Profile profile;
    Network network;
    Postgres postgres;
    Redis redis;
    ConsumerControl consumers;
    PolicyStore policies;        // Postgres policy_set_versions
    RevocationBook revocations;  // Postgres sessions (revoked)
    AuditBook audit_events;      // where each audit event is
    // For service endpoints: whether any pod is ready behind the Kubernetes Service.
    std::map<Endpoint, std::function<bool()>> has_ready_endpoints;
};

}  // namespace caracal
