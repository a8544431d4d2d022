#include "models/datastores/postgres.hpp"

namespace caracal {

Postgres::Postgres(sim::des::Simulation& sim, const Network& network, const Profile& profile)
    : sim_(sim), network_(network), profile_(profile) {}

void Postgres::add_client(Pod& pod, PoolGauges gauges) {
    auto pool = std::make_unique<ConnectionPool>(
        sim_, ConnectionPoolConfig{static_cast<std::size_t>(profile_.postgres.pool_size), profile_.postgres.acquire_timeout});
    const ConnectionPool* p = pool.get();
    if (gauges == PoolGauges::Exported) {
        pod.metrics.gauge_fn("caracal_db_pool_connections_in_use", {}, [p](sim::Time) { return double(p->in_use()); });
        pod.metrics.gauge_fn("caracal_db_pool_connections_max", {}, [p](sim::Time) { return double(p->max()); });
    }
    pools_[static_cast<std::size_t>(pod.service)].add(pod, std::move(pool));
}

}  // namespace caracal
