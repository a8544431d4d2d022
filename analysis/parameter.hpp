// What-if parameters: `KEY=V1,V2,...` on the command line, and what one KEY=VALUE changes. Keys:
//   scenario.<field>      a top-level scenario field: fault_duration, warmup, recovery, seed,
//                         traffic.multiplier
//   faults.<N>.<field>    fault step N (from 0): at, duration, or a parameter of its primitive
//   profile.<key>         a deployment profile key (models/platform/profile.hpp)
//   rule.<name>.<field>   an alert rule's for, keep_firing_for or threshold
// The scenario and profile keys become edits of the scenario file (models/scenario/scenario_override.hpp),
// the rule keys rule overrides (sim/alerting/rule_override.hpp); both validate the values.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario_override.hpp"
#include "models/twin/twin.hpp"
#include "sim/alerting/rule_file.hpp"

namespace caracal::analysis {

struct Setting {
    std::string key;
    std::string value;
};

struct Parameter {
    std::string key;
    std::vector<std::string> values;  // in the order given
};

// "KEY=V1,V2,...": throws sim::InputError (at `--set`) when malformed or the key is in no family.
Parameter parse_parameter(const std::string& text);

// Every combination of the parameters' values, the first parameter varying slowest. A single
// empty combination when there are no parameters.
std::vector<std::vector<Setting>> grid(const std::vector<Parameter>& parameters);

// What a combination changes, split by where it applies.
struct WhatIf {
    std::vector<ScenarioEdit> scenario;
    std::vector<RuleOverride> rules;
};
// Throws sim::InputError (at `--set`) for a key in no family, listing the valid keys of `source`.
WhatIf what_if(const std::vector<Setting>& settings, const ScenarioSource& source);

// No silent parameters: a key that cannot change the run is an error (sim::InputError at `--set`,
// one line naming the key and why), one whose effect is partial a warning (returned, to print
// once). Checked:
//   profile.prometheus.evaluation_interval  no effect when every rule group sets its own
//                                            `interval`; partial when some do;
//   profile.prometheus.jitter_seed           no effect with replications (each draws its own);
//   scenario.seed                            no effect with replications (each draws its own).
std::vector<std::string> check_effect(const std::vector<Parameter>& parameters, const std::vector<sim::alerting::Group>& groups,
                                      const std::string& rules_file, std::size_t replications);

}  // namespace caracal::analysis
