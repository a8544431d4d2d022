#include "analysis/whatif.hpp"

#include "sim/alerting/rule_file_cache.hpp"
#include "sim/alerting/rule_override.hpp"
#include "sim/base/error.hpp"

namespace caracal::analysis {

Scenario load_no_fault_scenario(const std::string& path) {
    Scenario s = load_scenario(path);
    if (!s.faults.empty()) throw sim::InputError(path, s.faults.front().pos, "a no-fault scenario must inject no faults");
    return s;
}

const AlertRules& RulePacks::facts(const std::string& file, const std::vector<RuleOverride>& overrides) {
    std::string key = file;
    for (const auto& o : overrides) key += "\n" + o.rule + "\t" + o.field + "\t" + o.value;
    auto& pack = packs_[key];
    if (!pack) {
        sim::alerting::RuleSet rules = sim::alerting::load_rule_file_cached(file);
        for (const auto& o : overrides) sim::alerting::override_rule(rules, o.rule, o.field, o.value);
        pack = std::make_unique<const AlertRules>(alert_rules(rules));
    }
    return *pack;
}

Case what_if_case(std::string id, Scenario scenario, RunOptions run, CheckOptions check, RulePacks& packs) {
    check.rules = &packs.facts(run.rules_file, run.rule_overrides);
    check.lookback = scenario.apply_overrides(run.profile).prometheus.lookback_delta;
    return {std::move(id), std::move(scenario), std::move(run), check};
}

}  // namespace caracal::analysis
