// What every service model shares: the clock, the profile, the network, the datastores and the
// books the invariants are checked against. Services receive it by reference from the World.
#pragma once

#include <functional>
#include <map>

#include "models/datastores/audit_book.hpp"
#include "models/datastores/consumer_control.hpp"
#include "models/platform/network.hpp"
#include "models/datastores/policy_store.hpp"
#include "models/datastores/postgres.hpp"
#include "models/platform/profile.hpp"
#include "models/datastores/redis.hpp"
#include "models/datastores/revocation_book.hpp"
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
