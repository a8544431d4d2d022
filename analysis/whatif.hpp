// Cases for the what-if commands (sweep, compare, advise): a scenario run under a rule pack — a
// rule file plus rule overrides. The check reads the rules from the run, so TTD decompositions and
// freshness conditions read the rules that actually ran.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/replication.hpp"
#include "models/drill/drill_check.hpp"
#include "models/twin/twin.hpp"

namespace caracal::analysis {

// Six hours of green baseline with traffic noise: long enough for a noisy rule to show itself.
inline constexpr const char* kDefaultNoFaultScenario = "scenarios/examples/baseline.yaml";
// A scenario for false positives; throws sim::InputError when it injects faults.
Scenario load_no_fault_scenario(const std::string& path);

// A case of `scenario` run with `run` (its rules file and overrides) and checked with `check`
// (docs drill, strictness). Throws sim::InputError when the rules do not load or an override does
// not apply, so bad input stops the command before any run (and in every shard alike).
Case what_if_case(std::string id, Scenario scenario, RunOptions run, CheckOptions check);

}  // namespace caracal::analysis
