// A transactional outbox (API `event_outbox`, Coordinator `caracal_outbox`): rows are inserted in
// the same Postgres transaction as the change they announce, and a dispatcher on every pod claims
// due rows (an UPDATE ... SKIP LOCKED that counts the attempt), XADDs them one at a time and
// reschedules a row whose XADD failed after the retry delay; after max_attempts the row is dead
// (the API sets available_at to infinity, the Coordinator status `dead`). A tick is skipped while
// the pod's previous one still runs. The table itself answers the health questions (what /metrics
// and /ready query), so they are exact at any instant Postgres can be asked.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/kube/pod.hpp"
#include "models/services/world_context.hpp"

namespace caracal {

class Outbox {
public:
    struct Settings {
        Duration poll_interval;
        std::size_t batch = 1;
        int max_attempts = 1;
        // The wait before the next attempt once `attempts` attempts failed.
        std::function<Duration(int attempts, sim::des::RngStream&)> retry_delay;
    };
    // apps/api/src/config.ts:114-120 and outbox.ts:57-62,174-197@46a980b6c.
    static Settings api_settings(const Profile& p);
    // apps/coordinator/src/config.ts:32-35 and jobs/outbox-publisher.ts:37-108@46a980b6c.
    static Settings coordinator_settings(const Profile& p);

    // The table as a SQL health query sees it at one instant.
    struct Health {
        std::size_t pending = 0;  // not published, not dead
        std::size_t dead = 0;
        std::uint64_t published = 0;
        std::optional<sim::Time> oldest_pending_created;
        std::optional<sim::Time> oldest_dead_created;
    };

    Outbox(WorldContext& ctx, Settings settings, sim::des::RngStream rng);

    // The row of a committed transaction.
    void insert(std::string stream, std::uint64_t payload);
    // Starts the pod's dispatcher.
    void attach(Pod& pod);

    Health health() const;
    std::size_t dead() const { return dead_.size(); }
    std::uint64_t delivered() const { return published_; }
    std::uint64_t inserted() const { return inserted_; }

private:
    enum class RowState { Pending, Claimed, Published, Dead };
    struct Row {
        sim::Time created_at;
        std::string stream;
        std::uint64_t payload = 0;
        int attempts = 0;
        sim::Time available_at;
        RowState state = RowState::Pending;
    };

    void tick(Pod& pod);
    void dispatch(Pod& pod, std::vector<Row*> rows);
    void forget_finished_rows();

    WorldContext& ctx_;
    Settings settings_;
    sim::des::RngStream rng_;
    std::deque<Row> rows_;  // creation order; published and dead rows leave from the front
    std::size_t undispatched_ = 0;  // pending or claimed
    std::vector<sim::Time> dead_;   // creation times of dead rows (they stay in the table)
    std::uint64_t published_ = 0;
    std::uint64_t inserted_ = 0;
    std::map<std::string, bool> busy_;  // by pod: a tick is running
};

}  // namespace caracal
