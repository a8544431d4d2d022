#include "analysis/replication.hpp"

#include <algorithm>

#include "analysis/progress.hpp"
#include "sim/base/stable_hash.hpp"
#include "analysis/worker_pool.hpp"

namespace caracal::analysis {

namespace {

// SplitMix64: a fixed, portable generator (std:: engines' distributions are not portable), enough
// for drawing a few phases and seeds per replication.
class DrawStream {
public:
    explicit DrawStream(std::uint64_t state) : state_(state) {}
    std::uint64_t next() { return sim::splitmix64(state_); }
    // Uniform in [0, range), to the millisecond.
    Duration within(Duration range) { return Duration::millis(static_cast<std::int64_t>(next() % range.ms())); }

private:
    std::uint64_t state_;
};

DrawStream replication_stream(std::uint64_t master_seed, const std::string& case_id, std::size_t index) {
    DrawStream mixer(master_seed ^ sim::fnv1a64(case_id));
    return DrawStream(mixer.next() + index * 0xD1B54A32D192ED03ULL);
}

}  // namespace

Replication replication(const ReplicationPlan& plan, const Case& c, std::size_t index) {
    if (plan.replications == 0) return {{}, c.run.seed.value_or(c.scenario.seed)};
    const Profile profile = c.scenario.apply_overrides(c.run.profile);
    const Duration evaluation = profile.prometheus.evaluation_interval;
    DrawStream draws = replication_stream(plan.master_seed, c.id, index);
    Replication r;
    r.perturbation.scrape_jitter_seed = draws.next();
    r.perturbation.evaluation_phase = draws.within(evaluation);
    r.perturbation.fault_start_delay = draws.within(std::max(evaluation, profile.prometheus.scrape_interval));
    r.seed = draws.next();
    return r;
}

RunOptions replication_options(const ReplicationPlan& plan, const Case& c, std::size_t index) {
    const Replication r = replication(plan, c, index);
    RunOptions options = c.run;
    options.perturbation = r.perturbation;
    options.seed = r.seed;
    return options;
}

UnitRef unit_ref(const ReplicationPlan& plan, std::size_t unit) {
    return {unit / plan.runs_per_case(), unit % plan.runs_per_case()};
}

std::vector<std::optional<Outcome>> run_units(const std::vector<Case>& cases, const ReplicationPlan& plan,
                                              const ExecutionOptions& exec) {
    std::vector<std::optional<Outcome>> outcomes(plan.units(cases.size()));
    std::vector<std::size_t> mine;
    for (std::size_t u = 0; u < outcomes.size(); ++u)
        if (exec.shard.owns(u)) mine.push_back(u);
    ProgressBar progress(mine.size(), exec.progress);
    for_each_index(mine.size(), exec.threads, [&](std::size_t i) {
        const std::size_t unit = mine[i];
        const UnitRef ref = unit_ref(plan, unit);
        const Case& c = cases[ref.case_index];
        // The run (and its series store) ends with this statement: only the outcome is kept.
        outcomes[unit] = outcome_of(check_drill(c.scenario, run(c.scenario, replication_options(plan, c, ref.replication)), c.check));
        progress.advance();
    });
    return outcomes;
}

}  // namespace caracal::analysis
