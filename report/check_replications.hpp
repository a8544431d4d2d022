// `caracal-twin check --replications N`: the catalog under Monte Carlo. Per drill and alert:
// P(fired) and the spread (min / p50 / p95 / max) of TTD and TTR over the replications. The check
// passes when every expected alert fired in every replication (and the docs did not drift): a
// drill that detects its fault only at some tick phases is a finding, not noise.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/results.hpp"
#include "analysis/statistics.hpp"
#include "models/scenario/scenario.hpp"

namespace caracal::report {


struct ReplicatedDrill {
    std::string title, file;
    analysis::CaseStatistics stats;
};

struct ReplicatedCheckReport {
    analysis::ReplicationPlan plan;
    std::vector<ReplicatedDrill> drills;  // in the order the scenarios were given
    std::vector<std::string> docs_drift;
    bool passed() const;
};

// What the report needs besides the outcomes; goes into shard files (Results::header).
nlohmann::ordered_json replicated_check_header(const std::vector<Scenario>& scenarios,
                                               const std::vector<std::string>& docs_drift, bool json);

// The registered summary of `check` (also what `merge` runs on check shards).
analysis::Summary replicated_check_summary(const analysis::Results& results);

void print_replicated_check_text(std::ostream& out, const ReplicatedCheckReport& report);
nlohmann::ordered_json replicated_check_json(const ReplicatedCheckReport& report);

}  // namespace caracal::report
