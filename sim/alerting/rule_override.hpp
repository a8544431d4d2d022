// What-if changes to a loaded rule set: an alerting rule's `for` or `keep_firing_for`, or a rule's
// threshold — the number on the scalar side of its expression's top-level comparison (`... > 0.05`).
// A changed rule is rebuilt from its parts, so it behaves exactly as if the file had said so.
#pragma once

#include <string>
#include <vector>

#include "sim/alerting/rule_file.hpp"

namespace sim::alerting {

// The fields an override may set: "for", "keep_firing_for", "threshold".
const std::vector<std::string>& overridable_rule_fields();

// A rule field changed for a what-if run: `rule` names an alerting or recording rule, `field` is one
// of overridable_rule_fields(), `value` as it would be written in YAML.
struct RuleOverride {
    std::string rule, field, value;
};

// Sets `field` of every rule named `rule` to `value`, written as in a rule file (`5m`, `0.05`).
// Throws sim::InputError naming `rule.<rule>.<field>` and what is valid: an unknown rule (listing
// the rules), an unknown field, a value that does not parse, `for` on a recording rule, or a
// threshold on an expression whose top level is not one comparison with a number side.
void override_rule(RuleSet& rules, const std::string& rule, const std::string& field, const std::string& value);

}  // namespace sim::alerting
