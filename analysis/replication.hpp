// Monte Carlo replications: a unit of work is one (case, replication) pair, numbered
// `case_index * runs_per_case + replication`. Everything random about a replication derives from
// (master seed, case id, replication index) alone, so a unit's outcome is the same whichever
// shard, thread or order runs it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/outcome.hpp"
#include "analysis/shard.hpp"
#include "models/drill/drill_check.hpp"
#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"

namespace caracal::analysis {

// One scenario under one configuration (a sweep point, a rule pack...), run and checked.
struct Case {
    // Stable across invocations and unique within a job, e.g. the scenario file plus the sweep
    // point: replication seeds derive from it.
    std::string id;
    Scenario scenario;
    RunOptions run;
    CheckOptions check;  // what it points to must outlive the job
};

struct ReplicationPlan {
    // 0: Monte Carlo off, one unperturbed run per case with the case's own seed. N > 0: N
    // perturbed runs per case (replication 0 included).
    std::size_t replications = 0;
    std::uint64_t master_seed = 1;

    std::size_t runs_per_case() const { return replications == 0 ? 1 : replications; }
    std::size_t units(std::size_t cases) const { return cases * runs_per_case(); }
};

// What one replication changes: the scrape jitter seed (every target's scrape phase), the rule
// evaluation phase (uniform within the evaluation interval), the fault start (delayed uniformly
// within the longer of the scrape and evaluation intervals, so the fault meets every tick phase)
// and the run seed (traffic noise).
struct Replication {
    Perturbation perturbation;
    std::uint64_t seed = 0;
};

// Without Monte Carlo (plan.replications == 0): no perturbation and the case's seed (its
// RunOptions seed, else the scenario's).
Replication replication(const ReplicationPlan& plan, const Case& c, std::size_t index);

// The RunOptions of one replication of a case.
RunOptions replication_options(const ReplicationPlan& plan, const Case& c, std::size_t index);

struct UnitRef {
    std::size_t case_index = 0;
    std::size_t replication = 0;
};
UnitRef unit_ref(const ReplicationPlan& plan, std::size_t unit);

struct ExecutionOptions {
    Shard shard;
    unsigned threads = 1;
    bool progress = false;  // a progress bar on stderr, drawn only when stderr is a terminal
};

// Runs and checks every unit of the shard on `threads` workers. Outcomes by unit index (size:
// plan.units(cases.size())); units of other shards stay unset. Each run's series store is freed
// as soon as its outcome is taken, so memory stays at one run per worker plus the outcomes.
// Throws the first sim::InputError a run raised.
std::vector<std::optional<Outcome>> run_units(const std::vector<Case>& cases, const ReplicationPlan& plan,
                                              const ExecutionOptions& exec);

}  // namespace caracal::analysis
