#include "analysis/timing_sample.hpp"

namespace caracal::analysis {

std::vector<DrillVerdict> timing_sample(const Case& c, const TimingPlan& plan) {
    const ReplicationPlan draws{plan.runs, plan.master_seed};
    std::vector<DrillVerdict> verdicts;
    verdicts.reserve(plan.runs);
    for (std::size_t i = 0; i < plan.runs; ++i) {
        RunOptions options = replication_options(draws, c, i);
        options.seed = c.run.seed;  // timing only: the traffic stays the drill's own
        verdicts.push_back(check_drill(c.scenario, run(c.scenario, options), c.check));
    }
    return verdicts;
}

}  // namespace caracal::analysis
