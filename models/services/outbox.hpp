// A transactional outbox (API `event_outbox`, Coordinator `caracal_outbox`): rows are inserted in
// the same Postgres transaction as the change they announce, and a cooperative dispatcher on every
// pod publishes them to their Redis stream. A failed publish is retried with exponential backoff;
// after max_attempts the row is dead. The dispatcher needs Postgres to find rows and Redis to
// publish them; what each pod reports is its view as of its last successful poll, aged at scrape
// time, so the oldest-row age keeps growing through an outage of either.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "models/kube/pod.hpp"
#include "models/platform/retry_backoff.hpp"
#include "models/services/world_context.hpp"

namespace caracal {

class Outbox {
public:
    struct Settings {
        std::string metric_prefix;  // e.g. "caracal_api_outbox"
        Duration poll_interval;
        std::size_t batch = 100;
        BackoffConfig backoff;
    };

    // The profile's dispatcher settings (batch, retries, backoff) for an outbox exporting `metric_prefix`.
    static Settings dispatcher_settings(const Profile& p, std::string metric_prefix, Duration poll_interval);

    Outbox(WorldContext& ctx, Settings settings, sim::des::RngStream rng);

    // The row of a committed transaction.
    void insert(std::string stream, std::uint64_t payload);
    // Starts the pod's dispatcher and exports its metrics.
    void attach(Pod& pod);

    std::size_t pending() const { return pending_; }
    std::size_t dead() const { return dead_; }
    std::uint64_t delivered() const { return delivered_; }
    std::uint64_t inserted() const { return inserted_; }
    std::optional<sim::Time> oldest_pending() const;

private:
    enum class RowState { Pending, InFlight, Delivered, Dead };
    struct Row {
        sim::Time created_at;
        std::string stream;
        std::uint64_t payload = 0;
        int attempts = 0;
        sim::Time next_attempt;
        RowState state = RowState::Pending;
    };
    // What one pod last read from the table.
    struct View {
        std::size_t pending = 0;
        std::size_t dead = 0;
        std::optional<sim::Time> oldest;
    };

    void poll(Pod& pod);
    void publish(Pod& pod, std::vector<Row*> rows);
    void forget_finished_rows();

    WorldContext& ctx_;
    Settings settings_;
    RetryBackoff backoff_;
    std::deque<Row> rows_;  // creation order; finished rows are dropped from the front
    std::size_t pending_ = 0;
    std::size_t dead_ = 0;
    std::uint64_t delivered_ = 0;
    std::uint64_t inserted_ = 0;
    std::map<std::string, View> views_;
};

}  // namespace caracal
