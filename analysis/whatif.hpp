// Cases for the what-if commands (sweep, compare, advise): a scenario run under a rule pack — a
// rule file plus rule overrides — and checked against the facts of that same pack, so TTD
// decompositions and freshness conditions read the rules that actually ran.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/replication.hpp"
#include "models/drill_check.hpp"
#include "models/twin.hpp"

namespace caracal::analysis {

// Six hours of green baseline with traffic noise: long enough for a noisy rule to show itself.
inline constexpr const char* kDefaultNoFaultScenario = "scenarios/examples/baseline.yaml";
// A scenario for false positives; throws sim::InputError when it injects faults.
Scenario load_no_fault_scenario(const std::string& path);

// Every rule pack a job runs under, each loaded once; cases point into it, so it must outlive
// the job.
class RulePacks {
public:
    // Throws sim::InputError when the file does not load or an override does not apply.
    const AlertRules& facts(const std::string& file, const std::vector<RuleOverride>& overrides);

private:
    std::map<std::string, std::unique_ptr<const AlertRules>> packs_;  // by file and overrides
};

// A case of `scenario` run with `run` (its rules file and overrides) and checked with `check`
// (docs drill, strictness), whose rules and lookback are set to match the run.
Case what_if_case(std::string id, Scenario scenario, RunOptions run, CheckOptions check, RulePacks& packs);

}  // namespace caracal::analysis
