#include "models/postgres.hpp"

namespace caracal {

Postgres::Postgres(sim::des::Simulation& sim, const Network& network, const Profile& profile)
    : sim_(sim), network_(network), profile_(profile) {}

void Postgres::add_client(Pod& pod) {
    auto pool = std::make_unique<ConnectionPool>(
        sim_, ConnectionPoolConfig{static_cast<std::size_t>(profile_.postgres.pool_size), profile_.postgres.acquire_timeout});
    const ConnectionPool* p = pool.get();
    pod.metrics.gauge_fn("caracal_db_pool_connections_in_use", {}, [p](sim::Time) { return double(p->in_use()); });
    pod.metrics.gauge_fn("caracal_db_pool_connections_max", {}, [p](sim::Time) { return double(p->max()); });
    pools_[&pod] = std::move(pool);
}

void Postgres::query(Pod& pod, Done done, Duration extra_work) {
    ConnectionPool& pool = *pools_.at(&pod);
    const Service from = pod.service;
    // Most queries find a free connection: then no waiter (and no copy of `done`) is needed.
    if (pool.try_acquire()) {
        on_connection(pool, from, std::move(done), extra_work);
        return;
    }
    auto waiting = std::make_shared<Done>(std::move(done));
    pool.acquire([this, &pool, from, waiting, extra_work] { on_connection(pool, from, std::move(*waiting), extra_work); },
                 [waiting] { (*waiting)(false); });
}

void Postgres::on_connection(ConnectionPool& pool, Service from, Done&& done, Duration extra_work) {
    switch (network_.link(from, Endpoint::Postgres)) {
        case Link::Up:
            sim_.schedule_after(profile_.postgres.query_time + added_latency_ + extra_work,
                                [&pool, done = std::move(done)] {
                                    pool.release();
                                    done(true);
                                });
            return;
        case Link::Refused:
            pool.release();
            done(false);
            return;
        case Link::Blackhole:
            sim_.schedule_after(profile_.postgres.hang_timeout, [&pool, done = std::move(done)] {
                pool.release();
                done(false);
            });
            return;
    }
}

}  // namespace caracal
