// The flags every replicated or shardable command shares (check, compare, sweep, advise):
// --replications, --shard K/N and --threads, and turning them into the analysis library's plan
// and options.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "analysis/replication.hpp"
#include "tools/catalog.hpp"

namespace caracal::tools {

// Every replication's outcome is kept until the summary: past this many per case a run would
// rather exhaust memory than finish, so --replications is refused beyond it.
inline constexpr std::size_t kMaxReplications = 100000;

struct ReplicationFlags {
    std::size_t replications = 0;
    std::string shard;  // "K/N"; empty: the whole run
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
};
// The flags of a replicated or shardable command's run: the simulation flags (--rules, --profile,
// --seed), the replication flags above, and -o for the output or shard file.
void add_run_flags(CLI::App& sub, SimulationFlags& simulation, ReplicationFlags& replication, std::string& output);

// Master seed: --seed when given, else 1.
analysis::ReplicationPlan replication_plan(const ReplicationFlags& flags, const SimulationFlags& simulation);
// Throws sim::InputError on a malformed --shard. Progress is on (drawn only on a terminal).
analysis::ExecutionOptions execution_options(const ReplicationFlags& flags);

// The files whose bytes a shard's fingerprint covers: the scenarios, the rules, the profile.
std::vector<std::string> input_files(const CatalogInputs& in, const SimulationFlags& simulation);

}  // namespace caracal::tools
