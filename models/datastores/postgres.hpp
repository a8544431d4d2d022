// The managed Postgres as its clients see it: each pod's connection pool, and what a query does
// depending on the endpoint's state. A reachable database answers after query_time; a refused one
// (failover, endpoint down) fails at once; a black-holed one (egress blocked) holds the connection
// until hang_timeout — which is what saturates pools during a blocked-Postgres outage.
#pragma once

#include <array>
#include <memory>

#include "models/datastores/connection_pool.hpp"
#include "models/platform/network.hpp"
#include "models/kube/per_pod.hpp"
#include "models/kube/pod.hpp"
#include "models/platform/profile.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

class Postgres {
public:
    Postgres(sim::des::Simulation& sim, const Network& network, const Profile& profile);

    // Whether a client's pool is visible on its /metrics: in Caracal 46a980b6c only the Gateway
    // exports its pool (services/gateway/internal/server.go:306-318@46a980b6c).
    enum class PoolGauges { Exported, Hidden };
    // Gives the pod a pool, exporting caracal_db_pool_connections_{in_use,max} on its registry
    // when asked to.
    void add_client(Pod& pod, PoolGauges gauges = PoolGauges::Exported);
    // One query from `pod`; `done(bool ok)`, false also when no connection could be acquired in
    // time. A template so that `done` travels inside the DES event callback instead of in a
    // std::function of its own (an allocation per query); keep its captures small, as the event
    // callback stores 48 bytes inline, the pool pointer included.
    template <typename Done>
    void query(Pod& pod, Done done, Duration extra_work = {}) {
        ConnectionPool& pool = pools_[static_cast<std::size_t>(pod.service)][pod];
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
    // Extra time every query takes from now on (a `latency(postgres)` fault); zero when healthy.
    void set_added_latency(Duration d) { added_latency_ = d; }
    // A ping without the pool (readiness checks open their own connection).
    Link link(Service from) const { return network_.link(from, Endpoint::Postgres); }

    const ConnectionPool& pool(const Pod& pod) const { return pools_[static_cast<std::size_t>(pod.service)][pod]; }

private:
    // The query holds a connection of `pool`: it answers, is refused, or hangs.
    template <typename Done>
    void on_connection(ConnectionPool& pool, Service from, Done&& done, Duration extra_work) {
        switch (network_.link(from, Endpoint::Postgres)) {
            case Link::Up:
                sim_.schedule_after(query_duration(extra_work), [&pool, done = std::move(done)]() mutable {
                    pool.release();
                    done(true);
                });
                return;
            case Link::Refused:
                pool.release();
                done(false);
                return;
            case Link::Blackhole:
                sim_.schedule_after(profile_.postgres.hang_timeout, [&pool, done = std::move(done)]() mutable {
                    pool.release();
                    done(false);
                });
                return;
        }
    }
    Duration query_duration(Duration extra_work) const {
        return profile_.postgres.query_time + added_latency_ + extra_work;
    }

    sim::des::Simulation& sim_;
    const Network& network_;
    const Profile& profile_;
    // By service, then pod: looked up on every query.
    std::array<PerPod<ConnectionPool>, kServices.size()> pools_;
    Duration added_latency_;
};

}  // namespace caracal
