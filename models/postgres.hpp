// The managed Postgres as its clients see it: each pod's connection pool, and what a query does
// depending on the endpoint's state. A reachable database answers after query_time; a refused one
// (failover, endpoint down) fails at once; a black-holed one (egress blocked) holds the connection
// until hang_timeout — which is what saturates pools during a blocked-Postgres outage.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "models/connection_pool.hpp"
#include "models/network.hpp"
#include "models/pod.hpp"
#include "models/profile.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

class Postgres {
public:
    using Done = std::function<void(bool ok)>;

    Postgres(sim::des::Simulation& sim, const Network& network, const Profile& profile);

    // Gives the pod a pool and exports caracal_db_pool_connections_{in_use,max} on its registry.
    void add_client(Pod& pod);
    // One query from `pod`; `done(false)` also when no connection could be acquired in time.
    void query(Pod& pod, Done done, Duration extra_work = {});
    // Extra time every query takes from now on (a `latency(postgres)` fault); zero when healthy.
    void set_added_latency(Duration d) { added_latency_ = d; }
    // A ping without the pool (readiness checks open their own connection).
    Link link(Service from) const { return network_.link(from, Endpoint::Postgres); }

    const ConnectionPool& pool(const Pod& pod) const { return *pools_.at(&pod); }

private:
    // The query holds a connection of `pool`: it answers, is refused, or hangs.
    void on_connection(ConnectionPool& pool, Service from, Done&& done, Duration extra_work);

    sim::des::Simulation& sim_;
    const Network& network_;
    const Profile& profile_;
    // By pod identity: looked up on every query, never iterated.
    std::unordered_map<const Pod*, std::unique_ptr<ConnectionPool>> pools_;
    Duration added_latency_;
};

}  // namespace caracal
