// Is a drill's verdict a property of the fault, or of when the fault met the scrape and evaluation
// ticks? The same drill is re-run with only timing redrawn — every target's scrape phase, the rule
// evaluation phase and the fault start (as a replication draws them) — while the seed, and so the
// traffic, stays the run's own. An outcome that differs between these runs depends on timing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/replication.hpp"

namespace caracal::analysis {

struct TimingPlan {
    std::size_t runs = 8;  // redraws per drill; 0: no sample
    std::uint64_t master_seed = 1;
};

// The verdicts of `plan.runs` timing-only redraws of the case, in draw order.
std::vector<DrillVerdict> timing_sample(const Case& c, const TimingPlan& plan);

}  // namespace caracal::analysis
