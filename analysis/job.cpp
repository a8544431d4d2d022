#include "analysis/job.hpp"

#include "analysis/shard_file.hpp"

namespace caracal::analysis {

Summary execute(const Job& job, const ExecutionOptions& exec) {
    // Fails on bad input before any simulation starts.
    const std::string job_fingerprint = fingerprint(job.command, job.header, job.plan, job.cases.size(), job.input_files);

    std::vector<std::optional<Outcome>> outcomes = run_units(job.cases, job.plan, exec);
    if (exec.shard.whole()) {
        Results results{job.command, job.header, job.plan, job.cases.size(), {}};
        for (auto& o : outcomes) results.outcomes.push_back(std::move(*o));
        return job.summarise(results);
    }
    ShardFile file{job.command, job_fingerprint, exec.shard, job.plan, job.cases.size(), job.header, {}};
    for (std::size_t unit = 0; unit < outcomes.size(); ++unit)
        if (outcomes[unit]) file.outcomes.emplace_back(unit, std::move(*outcomes[unit]));
    return {shard_file_text(file), true};
}

}  // namespace caracal::analysis
