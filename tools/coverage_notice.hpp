// The up-front notice of the simulating commands (issue 14.4): the alerts of a rule pack whose
// selectors match no simulated series, so that nothing a run says of them is read as a prediction.
#pragma once

#include <ostream>

#include "models/twin/twin.hpp"
#include "report/coverage_report.hpp"

namespace caracal::tools {

// The coverage analysis of the pack `options` run with (one baseline run).
report::UnpredictableAlerts unpredictable_alerts(const RunOptions& options);

// Prints, for the pack `options` run with, one line per alert the twin cannot predict, under a
// heading naming the pack; nothing when every alert is covered. For commands whose stdout is a
// document (Markdown, HTML, CSV, JSON), `out` is stderr.
void announce_unpredictable(std::ostream& out, const RunOptions& options);

}  // namespace caracal::tools
