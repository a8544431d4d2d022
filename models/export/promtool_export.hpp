// A twin run as a promtool rule unit test (`promtool test rules`, Prometheus 2.42 format): the
// series Prometheus scraped become input_series, and the alerts they imply become
// alert_rule_test cases, so the real promtool can confirm that the predictions follow from the
// series by Prometheus' own engine.
//
// promtool places sample i of every input series at i·interval and evaluates every group at
// k·evaluation_interval from 0; the twin scrapes each target at its own phase and evaluates each
// group at its own phase. The export therefore re-bases the run to start at 0 and moves every
// sample forward onto the scrape grid (a sample scraped at t goes to the first grid instant at or
// after t, so an evaluation on the grid sees exactly the samples the twin had scraped by then), and
// re-evaluates the rules on promtool's grid over those shifted series: the assertions are that
// grid evaluation, and `shifts` says how far it moved each alert from the twin's own timeline.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/twin/twin.hpp"
#include "sim/alerting/series_notation.hpp"

namespace caracal {

// Where the twin and the grid evaluation first fire one alert instance.
struct FiringShift {
    std::string alert;  // alertname{labels}
    std::optional<Duration> twin_firing;  // since the run's start
    std::optional<Duration> grid_firing;
};

struct PromtoolExport {
    std::string rules_yaml;  // the rule groups in plain `groups:` form
    std::string test_yaml;   // references the rules as `rules_file_name`, relative to itself
    std::vector<FiringShift> shifts;
};

// `rules_file` is the pack `result` was evaluated with (plain or PrometheusRule); the grid is the
// run's profile's. Throws sim::InputError when the rules cannot be exported (unreadable, or groups
// with different intervals: promtool has one).
PromtoolExport export_promtool(const RunResult& result, const std::string& rules_file,
                               const std::string& rules_file_name);

// promtool's expanding notation for `values`, compressed with `axn`, `a+bxn`, `a-bxn` and `_xn`
// only where promtool's expansion (each value the previous plus b, in float64) gives back every
// value bit for bit.
std::string encode_series_values(const sim::alerting::SeriesValues& values);

}  // namespace caracal
