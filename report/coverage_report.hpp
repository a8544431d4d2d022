// Writers for `caracal-twin coverage` (issue 14.4), and the up-front notice the simulating commands
// print for the alerts of a pack the twin cannot predict.
#pragma once

#include <map>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/coverage.hpp"

namespace caracal::report {

// A header naming the pack and the baseline, then one line per rule: `✓ name` or
// `✗ name: no simulated series for sel1, sel2`, and a closing count.
void print_coverage_text(std::ostream& out, const analysis::Coverage& coverage);
// Keys in a fixed order: rules_file, baseline_seconds, series, complete, rules[{name, kind, group,
// line, covered, selectors[{selector, covered}]}].
nlohmann::ordered_json coverage_json(const analysis::Coverage& coverage);

// Alert name → its selectors that match no simulated series ("sel1, sel2"), for each alert of the
// pack the twin cannot predict.
using UnpredictableAlerts = std::map<std::string, std::string>;
UnpredictableAlerts unpredictable_alerts(const analysis::Coverage& coverage);

// `not simulated — cannot be predicted: <selectors>`, what a report says of such an alert instead
// of "never fired".
std::string not_simulated(const std::string& selectors);

// One line per alert the twin cannot predict, `<not_simulated>` prefixed by the alert's name;
// nothing when every alert is covered.
void print_unpredictable_alerts(std::ostream& out, const UnpredictableAlerts& alerts);

}  // namespace caracal::report
