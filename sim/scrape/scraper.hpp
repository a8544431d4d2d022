// Prometheus scraping on the simulation clock: each target is scraped on its own periodic task at
// k·interval + phase; samples are stamped with the scrape time and written to the series store
// with the target labels attached, together with the synthetic series `up`,
// `scrape_duration_seconds` and `scrape_samples_scraped`.
//
// Staleness follows Prometheus: a series the previous scrape had and this one lacks gets a stale
// marker at this scrape's time; a failed or timed-out scrape counts as an empty one (so every
// series goes stale) and writes up = 0.
//
// Removing a target (scale to zero) writes stale markers for all its series, `up` and the other
// report series included, at the removal instant. Prometheus instead stamps them at the next tick
// the target would have had and writes them about two intervals later (in case the target comes
// back); we stale at once because the twin knows the target is gone for good, and a query made in
// between would otherwise see values that history later retracts.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sim/des/simulation.hpp"
#include "sim/scrape/target.hpp"
#include "sim/tsdb/storage.hpp"

namespace sim::scrape {

struct TargetId {
    std::uint32_t index = 0;
    auto operator<=>(const TargetId&) const = default;
};

enum class TargetHealth { Unknown, Up, Down };  // Unknown: not scraped yet

struct ScraperOptions {
    // Prometheus' per-server jitter seed, mixed into every hashed phase.
    std::uint64_t jitter_seed = 0;
    // Priority of scrape events among events at the same instant.
    des::Priority priority{};
};

class Scraper {
public:
    Scraper(des::Simulation& sim, tsdb::Storage& storage, ScraperOptions options = {});
    // Cancels the scrape tasks, which point at this scraper.
    ~Scraper();
    Scraper(const Scraper&) = delete;
    Scraper& operator=(const Scraper&) = delete;

    // Starts scraping at the first tick strictly after now(). Throws sim::InputError on an empty
    // job or instance, reserved extra labels, a non-positive interval or timeout, a timeout
    // longer than the interval, or a phase outside [0, interval); std::invalid_argument on an
    // empty exporter.
    TargetId add_target(TargetConfig config, Exporter exporter);
    // Stops scraping and stales every series of the target now. Removing twice has no effect.
    void remove_target(TargetId id);

    Duration phase(TargetId id) const;
    TargetHealth health(TargetId id) const;

private:
    // Where an exposed series is stored, and the last scrape that returned it.
    struct CachedSeries {
        tsdb::SeriesId id;
        std::uint64_t last_seen = 0;
    };

    struct Target {
        TargetConfig config;
        tsdb::Labels labels;  // job, instance and the extra labels
        Duration phase;
        Exporter exporter;
        des::TaskHandle task;
        des::EventHandle replay_event;  // the next of config.instants, when replaying
        std::size_t next_instant = 0;
        TargetHealth health = TargetHealth::Unknown;
        bool removed = false;
        std::uint64_t scrapes = 0;
        Time last_scrape;
        std::unordered_map<tsdb::Labels, CachedSeries, tsdb::LabelsHash> cache;
        std::vector<tsdb::SeriesId> previous;  // series written by the last scrape, sorted
        std::array<std::optional<tsdb::SeriesId>, 3> report;  // up, duration, samples scraped
    };

    // Asks the exporter at now() and stamps what it answers at `t` (<= now()).
    void scrape(Target& target, Time t);
    // Schedules the next of the target's replayed scrapes answered at or after now().
    void schedule_replay(Target& target);
    // Writes the exposed samples; returns the series written, sorted.
    std::vector<tsdb::SeriesId> ingest(Target& target, Time t, const std::vector<ExposedSample>& samples);
    void write_report(Target& target, Time t, double up, Duration duration, double samples_scraped);
    void mark_stale(const std::vector<tsdb::SeriesId>& series, Time t);
    // Throws std::out_of_range for an id this scraper did not hand out.
    Target& get(TargetId id) const;

    des::Simulation& sim_;
    tsdb::Storage& storage_;
    ScraperOptions options_;
    std::vector<std::unique_ptr<Target>> targets_;  // stable addresses: scrape tasks point at them
};

}  // namespace sim::scrape
