#include "tools/replication_flags.hpp"

#include "analysis/shard.hpp"

namespace caracal::tools {

void add_run_flags(CLI::App& sub, SimulationFlags& simulation, ReplicationFlags& flags, std::string& output) {
    add_simulation_flags(sub, simulation);
    sub.add_option("--replications", flags.replications,
                   "Monte Carlo: runs per case, each with its own scrape and evaluation phases, fault-start "
                   "jitter and traffic noise (derived from --seed, the case and the replication only); at most " +
                       std::to_string(kMaxReplications))
        ->check(unsigned_integer(kMaxReplications));
    sub.add_option("--shard", flags.shard,
                   "Run only shard K of N (K from 1) and write a shard file for `caracal-twin merge`");
    sub.add_option("-j,--jobs,--threads", flags.threads, "Runs simulated in parallel (default: one per core)")
        ->check(CLI::PositiveNumber);
    sub.add_option("-o,--output", output, "Write the output (or shard file) to this file instead of stdout");
}

analysis::ReplicationPlan replication_plan(const ReplicationFlags& flags, const SimulationFlags& simulation) {
    return {flags.replications, simulation.seed.value_or(1)};
}

analysis::ExecutionOptions execution_options(const ReplicationFlags& flags) {
    analysis::ExecutionOptions exec;
    if (!flags.shard.empty()) exec.shard = analysis::parse_shard(flags.shard);
    exec.threads = flags.threads;
    exec.progress = true;
    return exec;
}

std::vector<std::string> input_files(const CatalogInputs& in, const SimulationFlags& simulation) {
    std::vector<std::string> files;
    for (const auto& s : in.scenarios) files.push_back(s.file);
    files.push_back(simulation.rules);
    if (!simulation.profile.empty()) files.push_back(simulation.profile);
    return files;
}

}  // namespace caracal::tools
