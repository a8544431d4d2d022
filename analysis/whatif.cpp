#include "analysis/whatif.hpp"

#include "sim/base/error.hpp"

namespace caracal::analysis {

Scenario load_no_fault_scenario(const std::string& path) {
    Scenario s = load_scenario(path);
    if (!s.faults.empty()) throw sim::InputError(path, s.faults.front().pos, "a no-fault scenario must inject no faults");
    return s;
}

Case what_if_case(std::string id, Scenario scenario, RunOptions run, CheckOptions check) {
    rule_facts(run);  // refuses bad rules now, not in some unit of some shard
    return {std::move(id), std::move(scenario), std::move(run), check};
}

}  // namespace caracal::analysis
