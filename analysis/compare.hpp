// `caracal-twin compare`: every drill, and a long no-fault run, under rule pack A and rule pack B;
// per drill and alert, fired / TTD / TTR under each and the deltas, and the regressions B brings:
// an expected alert lost (it fires in fewer replications under B), slower detection (its TTD p95
// grows; the single TTD without Monte Carlo), a new false positive (an alert fires in more
// no-fault replications under B). Losing an alert and a new false positive fail the comparison;
// slower detection is reported only, as a rule change may trade speed for quiet on purpose.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/results.hpp"
#include "analysis/statistics.hpp"
#include "analysis/whatif.hpp"

namespace caracal::analysis {

// An A case and a B case per scenario, sharing the scenario's file as id so both packs meet the
// same phases, jitter and noise in each replication (the deltas show the rules, not the dice).
std::vector<Case> compare_cases(const std::vector<Scenario>& scenarios, const RunOptions& a, const RunOptions& b);

enum class Regression { Lost, Slower, NewFalsePositive };
std::string_view to_string(Regression r);  // "expected alert lost", "detection slower", "new false positive"
bool fails(Regression r);

struct AlertComparison {
    std::string alert;
    bool expected = false;
    AlertStatistics a, b;  // an alert seen on one side only has fired = 0 on the other
    std::optional<Duration> ttd_delta, ttr_delta;  // B − A of the p95s, when both measured one
    std::optional<Regression> regression;
};

struct DrillComparison {
    std::string title, file;
    bool no_fault = false;  // every alert that fires is a false positive
    std::vector<AlertComparison> alerts;  // expected ones in the scenario's order, then by name
};

DrillComparison compare_drill(std::string title, std::string file, bool no_fault, const CaseStatistics& a,
                              const CaseStatistics& b);

// What one side of a comparison runs with: a rule pack and a deployment profile (empty: the
// built-in one), so that two releases of Caracal compare as data.
struct ComparedSetup {
    std::string rules, profile;
};

struct Comparison {
    ComparedSetup a, b;
    ReplicationPlan plan;
    std::vector<DrillComparison> drills;

    std::size_t count(Regression r) const;
    bool passed() const;  // nothing lost, no new false positive
};

struct ComparedScenario {
    std::string title, file;
    bool no_fault = false;
};
// What the comparison's output needs besides the outcomes (Results::header); `extra` (the output
// format) is carried along unread.
nlohmann::ordered_json compare_header(const ComparedSetup& a, const ComparedSetup& b,
                                      const std::vector<ComparedScenario>& scenarios, const nlohmann::ordered_json& extra);
Comparison comparison_of(const Results& results);

}  // namespace caracal::analysis
