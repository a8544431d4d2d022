#include "models/datastores/postgres.hpp"

namespace caracal {

Postgres::Postgres(sim::des::Simulation& sim, const Network& network, const Profile& profile)
    : sim_(sim), network_(network), profile_(profile) {}

void Postgres::add_client(Pod& pod) { add_client(pod, static_cast<std::size_t>(profile_.postgres.pool_size)); }

void Postgres::add_client(Pod& pod, std::size_t max_conns) {
    pools_[static_cast<std::size_t>(pod.service)].add(
        pod, std::make_unique<ConnectionPool>(sim_, ConnectionPoolConfig{max_conns, profile_.postgres.acquire_timeout}));
}

}  // namespace caracal
