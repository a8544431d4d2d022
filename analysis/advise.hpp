// `caracal-twin advise`: for each alert, the shortest `for` among candidates that gives no false
// positive in any no-fault replication and still fires in every replication of every drill that
// expects it, with that choice's TTD p95 per drill.
//
// Every candidate is one run set with all advised alerts' `for` set to it at once: a `for` changes
// only its own alert's state (rules that read ALERTS would break this; the reference pack has
// none), so one run answers for every alert. A drill expecting the alert in an any_of group counts
// as detecting when the group fires.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/results.hpp"
#include "analysis/statistics.hpp"
#include "analysis/whatif.hpp"

namespace caracal::analysis {

// Candidate-major: for each candidate, the no-fault scenario's case and then every drill's, each
// with the scenario's file as id so every candidate meets the same draws.
std::vector<Case> advise_cases(const std::vector<Scenario>& scenarios, const std::vector<std::string>& alerts,
                               const std::vector<Duration>& candidates, const RunOptions& base);

// The first advised scenario is the no-fault run, the others the drills.
struct AdvisedScenario {
    std::string title, file;
    std::map<std::string, std::string> expects;  // alert → the label of the expected group holding it
};

struct DrillDetection {
    std::string title;
    AlertStatistics stats;  // of the expected group, at the advised `for`
};

struct Advice {
    std::string alert;
    Duration current;                  // the pack's `for`
    std::optional<Duration> advised;   // unset: no candidate works
    std::vector<DrillDetection> drills;   // every drill expecting it, at the advised `for`
    std::string reason;                   // why no candidate works
};

struct AdviceReport {
    std::string rules, no_fault;
    std::vector<Duration> candidates;
    ReplicationPlan plan;
    std::size_t drills = 0;
    std::vector<Advice> alerts;
};

// Statistics per candidate (outer) and scenario (inner, the no-fault one first).
using CandidateRuns = std::vector<std::vector<CaseStatistics>>;
Advice advise_alert(const std::string& alert, Duration current, const std::vector<Duration>& candidates,
                    const std::vector<AdvisedScenario>& scenarios, const CandidateRuns& runs);

// What the advice needs besides the outcomes (Results::header); `extra` (the output format) is
// carried along unread.
nlohmann::ordered_json advise_header(const std::string& rules, const std::map<std::string, Duration>& alerts,
                                     const std::vector<Duration>& candidates,
                                     const std::vector<AdvisedScenario>& scenarios, const nlohmann::ordered_json& extra);
AdviceReport advice_of(const Results& results);

}  // namespace caracal::analysis
