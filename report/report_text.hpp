// What the Markdown and HTML reports word the same way: cells, the summary line of each drill,
// and the reading guide.
#pragma once

#include <optional>
#include <string>

#include "report/report_model.hpp"

namespace caracal::report {

std::string role_text(AlertRole role);  // "documented", "scenario only", "not documented"
// `+MM:SS`, or "—" when there is no prediction.
std::string offset_text(const std::optional<Duration>& d);
// "onset +01:30 + for 2m + phase 15s", or "—".
std::string decomposition_text(const std::optional<Detection>& d);
std::string baseline_text(const BaselineVerdict& b);
std::string step_until(const InjectedStep& s);  // "+15:00" or "one-shot"
std::string proof_text(const RecoveryVerdict& r);  // "backlogs_drained (required): detail"
std::string readiness_text(const TimelineRow& row);  // "degraded +00:40–+15:20; …" or "ready throughout"
std::string count_text(double v);

// The Observed cells of an alert row, filled by report --observed; "" without (a blank cell to
// fill in by hand). An instant: its observed offset, and how far from the prediction when it does
// not conform.
using ObservedInstant = analysis::InstantComparison analysis::InstanceConformance::*;
std::string observed_text(const AlertRow& row, ObservedInstant which);
// Firing: the observed offset and the verdict against the prediction ("+01:05 — conforms").
std::string observed_firing_text(const AlertRow& row);
// TTR: the observed resolution from the fault's end.
std::string observed_ttr_text(const AlertRow& row, Duration fault_duration);
// An observed instance no alert row shows: "`name{labels}` pending +00:10, firing +01:05: <verdict>".
std::string observed_elsewhere_text(const analysis::InstanceConformance& c);

// One line per drill on the summary page.
struct DrillSummary {
    std::string fired;  // "3 of 4 expected alerts fire"
    std::optional<Duration> first_detection, last_detection;
    std::string verdict;  // "as documented" / "N finding(s)"
};
DrillSummary summarise(const DrillReport& drill);

// How to read the report, shown under the summary.
inline constexpr const char* kReadingGuide =
    "Times are predicted offsets: detection and timeline times from the injection instant (+00:00), "
    "recovery times (TTR) from the moment the fault is removed. TTD = condition onset (when PromQL first "
    "sees the condition; the alert goes pending) + the rule's `for` + the scrape and evaluation phase. "
    "Fill in each Observed cell during the live drill.";

}  // namespace caracal::report
