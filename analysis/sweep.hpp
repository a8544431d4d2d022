// `caracal-twin sweep`: one scenario over a grid of what-if parameters (analysis/parameter.hpp).
// Per grid point and alert: whether it fired and its TTD / TTR — with replications, P(fired) and
// the spread of both.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/parameter.hpp"
#include "analysis/results.hpp"
#include "analysis/statistics.hpp"
#include "analysis/whatif.hpp"

namespace caracal::analysis {

// The grid's cases, in grid order. Every point has the scenario file as its case id, so each
// replication draws the same phases, jitter and noise at every point (common random numbers):
// differences between points come from the parameters. Throws sim::InputError on a bad key or
// value before anything runs.
std::vector<Case> sweep_cases(const ScenarioSource& source, const std::vector<std::vector<Setting>>& points,
                              const RunOptions& base, const CheckOptions& check);

struct SweepPoint {
    std::vector<std::string> values;  // one per key
    CaseStatistics stats;
};

struct Sweep {
    std::string title, file, rules;
    std::vector<std::string> keys;
    ReplicationPlan plan;
    std::vector<SweepPoint> points;
};

// What the sweep's output needs besides the outcomes (Results::header); `extra` (the output
// format) is carried along unread.
nlohmann::ordered_json sweep_header(const std::string& title, const std::string& file, const std::string& rules,
                                    const std::vector<Parameter>& parameters, const nlohmann::ordered_json& extra);
Sweep sweep_of(const Results& results);

}  // namespace caracal::analysis
