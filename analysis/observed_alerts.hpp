// What a real Prometheus recorded of its alerts, as its HTTP API answers
// `GET /api/v1/query_range` for `ALERTS` and `ALERTS_FOR_STATE` (one JSON answer per file), turned
// into alert episodes like the twin's own.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/alerting/alert_episode.hpp"
#include "sim/base/time.hpp"
#include "sim/tsdb/labels.hpp"

namespace caracal::analysis {

// One series of a query_range answer: its labels (with __name__) and samples (Unix ms, value).
struct ObservedSeries {
    sim::tsdb::Labels labels;
    std::vector<std::pair<std::int64_t, double>> samples;
};

struct ObservedAlerts {
    std::vector<ObservedSeries> alerts;     // ALERTS{alertstate="pending"|"firing"}
    std::vector<ObservedSeries> for_state;  // ALERTS_FOR_STATE: value = the instance's activeAt (Unix s)
    // `up` as raw samples (the answer to an instant query `up[range]`): each timestamp is the
    // instant Prometheus stamped one scrape of the target, which the exact replay needs.
    std::vector<ObservedSeries> up;
};

// Adds the series of one query_range answer (`text`, read from `file`) to `into`, by __name__
// (ALERTS, ALERTS_FOR_STATE or up; a matrix answer to an instant query reads the same).
// Throws sim::InputError: file:line:col for malformed JSON, file and what was expected for a
// well-formed answer of the wrong shape.
void parse_query_range(const std::string& text, const std::string& file, ObservedAlerts& into);
// `path`: one such file, or a folder whose *.json files are all read (in name order).
ObservedAlerts read_observed(const std::string& path);

// The timestamps of each target's `up` samples (Unix ms, ascending), by its instance label.
std::map<std::string, std::vector<std::int64_t>> scrape_stamps(const ObservedAlerts& observed);

// The evaluation ticks the observed alerts were written on: `interval` and the phase within it
// (Unix ms modulo interval), read from ALERTS_FOR_STATE (activeAt is an evaluation instant);
// nullopt when there is none.
std::optional<sim::Duration> observed_evaluation_phase(const ObservedAlerts& observed, sim::Duration interval);

// The observed episodes (instants in Unix ms as sim::Time), by first activation. A range query
// sees a sample from its timestamp on, so an instant read off the query grid is a little late;
// with `phase` known each is put back on the evaluation tick it was written at (pending instants
// come exact from ALERTS_FOR_STATE either way). An episode still seen within one query step of
// `range_end` (the end of the range queried) has no resolved instant.
std::vector<sim::alerting::AlertEpisode> observed_episodes(const ObservedAlerts& observed, sim::Duration interval,
                                                           std::optional<sim::Duration> phase, sim::Time range_end);

}  // namespace caracal::analysis
