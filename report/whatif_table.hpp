// Text cells and aligned tables the what-if commands (sweep, compare, advise) share. A case runs
// once (fired yes/no, one TTD) or N > 1 times (P(fired), min / p50 / p95 / max).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/replication.hpp"
#include "analysis/statistics.hpp"

namespace caracal::report {

using TableRow = std::vector<std::string>;

// The first row is the heading; columns padded to their widest cell, the last one left ragged.
void print_table(std::ostream& out, const std::vector<TableRow>& rows, const std::string& indent = "");

// `yes` / `no` for a single run; `0.700 (7/10)` over replications.
std::string fired_text(const analysis::AlertStatistics& a, bool monte_carlo);
// `-` when never measured; `+MM:SS` for a single run; `min / p50 / p95 / max` over replications.
std::string spread_text(const std::optional<analysis::DurationSpread>& s, bool monte_carlo);
// A difference as `+MM:SS` or `-MM:SS`, `-` when unset.
std::string delta_text(const std::optional<sim::Duration>& d);

// Whether cases ran more than once, so cells show statistics.
bool several_runs(const analysis::ReplicationPlan& plan);
// The line that says how each case ran.
std::string replication_note(const analysis::ReplicationPlan& plan, const std::string& per);

}  // namespace caracal::report
