// The status file `serve --scrape-log` writes at the end (the last /status page): read back by
// `conform` for the injection instant and, for an exact replay, the live scrapes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "live/scrape_log.hpp"
#include "models/twin/twin.hpp"

namespace caracal::live {

struct ServeStatus {
    std::int64_t start_unix_ms = 0;  // the simulation's start on the wall clock
    std::int64_t injected_at_unix_ms = 0;
    ScrapeLog scrape_log;
};

// Throws sim::InputError: file:line:col for malformed JSON, the file and the missing key otherwise.
ServeStatus read_serve_status(const std::string& path);

// The instants Prometheus stamped its scrapes of each target (its `up` sample timestamps, Unix ms),
// by the target's instance label.
using ScrapeStamps = std::map<std::string, std::vector<std::int64_t>>;

// The live scrapes of one target: each request serve logged (its arrival, Unix ms, ascending)
// paired with the stamp Prometheus gave that scrape — the latest of `stamps` (ascending) at or
// before the arrival, if at most `timeout` before it and not paired yet, as Prometheus stamps a
// scrape when it starts and gives up on it after the timeout. A request without one (its `up`
// sample lies outside the range saved) keeps its arrival as stamp. Instants are made simulated
// with `start_unix_ms` as the simulation's start.
std::vector<sim::scrape::ReplayedScrape> paired_scrapes(const std::vector<std::int64_t>& arrivals,
                                                        const std::vector<std::int64_t>& stamps,
                                                        sim::Duration timeout, std::int64_t start_unix_ms);

// `base` replaying the live session: each target scraped as the live server was (state at each
// request's arrival, samples stamped at Prometheus' instant, from `stamps`), and the rule groups
// evaluated at `evaluation_phase` (Unix ms modulo the interval) when known. `profile`: the
// session's, for the scrape timeout and evaluation interval.
RunOptions replay_options(const ServeStatus& status, const ScrapeStamps& stamps, RunOptions base,
                          std::optional<sim::Duration> evaluation_phase, const Profile& profile);

}  // namespace caracal::live
