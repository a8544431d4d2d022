// Writers for `caracal-twin run`: the terminal report, the JSON document and the CSV series dump.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"

namespace caracal::report {

// `+MM:SS` (or `-MM:SS` before the injection) from the injection instant; minutes grow past 99.
std::string format_relative(sim::Time t, sim::Time injection);

// Alert timeline (one row per episode of each instance), readiness changes per pod, invariants.
void print_run_text(std::ostream& out, const Scenario& scenario, const RunResult& result);

// `{"name": "value", …}` in label order.
nlohmann::ordered_json labels_json(const sim::tsdb::Labels& labels);

// Keys in a fixed order and times as seconds from injection, so equal runs give equal bytes.
nlohmann::ordered_json run_json(const Scenario& scenario, const RunResult& result);

// `labels,t,value` for every sample of the series matching `selector` (a PromQL vector selector);
// t in Unix seconds, stale markers left out. Throws promql::ParseError for a bad selector.
void write_series_csv(std::ostream& out, const sim::tsdb::Storage& storage, const std::string& selector);

}  // namespace caracal::report
