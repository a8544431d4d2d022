// The status file `serve --scrape-log` writes at the end (the last /status page): read back by
// `conform` for the injection instant and, for an exact replay, the live scrape instants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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

// `base` replaying the live session: each target scraped at the instants the live server scraped
// it, and the rule groups evaluated at `evaluation_phase` (Unix ms modulo the interval) when known.
RunOptions replay_options(const ServeStatus& status, RunOptions base, std::optional<sim::Duration> evaluation_phase,
                          sim::Duration evaluation_interval);

}  // namespace caracal::live
