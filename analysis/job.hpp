// Running a shardable command: its cases under a replication plan, ending either in the command's
// final output (a whole run) or in a shard file for `caracal-twin merge` (with --shard K/N).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/replication.hpp"
#include "analysis/results.hpp"

namespace caracal::analysis {

using Summarise = std::function<Summary(const Results& results)>;

struct Job {
    std::string command;  // written into shard files: `merge` picks the same Summarise by it
    Summarise summarise;
    nlohmann::ordered_json header;  // see Results::header
    std::vector<std::string> input_files;  // scenario, rule and profile files: fingerprinted
    std::vector<Case> cases;
    ReplicationPlan plan;
};

// A whole run (exec.shard 1/1): job.summarise of every outcome. A shard: the shard file's text,
// passed (the verdict comes from `merge`).
Summary execute(const Job& job, const ExecutionOptions& exec);

}  // namespace caracal::analysis
