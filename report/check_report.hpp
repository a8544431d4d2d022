// Writers for `caracal-twin check`: the terminal blocks, the JSON document and JUnit XML, all over
// the same verdicts. Detection times read from injection, recovery times (TTR) from the fault end.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/drill/drill_check.hpp"
#include "report/coverage_report.hpp"

namespace caracal::report {

// A drill re-run with only its timing redrawn (analysis/timing_sample.hpp): per verdict item name,
// in how many of the redraws an item of that name failed.
struct TimingTally {
    std::size_t runs = 0;
    std::map<std::string, std::size_t> failed;
};
TimingTally tally_timing(const std::vector<DrillVerdict>& redraws);

// One verdict line of a drill: a pass or failure of an expectation, or a note (reported, not
// asserted: pending alerts in the baseline, TTRs, unexpected alerts without --strict).
enum class ItemStatus { Pass, Fail, Note };
struct CheckItem {
    std::string name;
    ItemStatus status = ItemStatus::Pass;
    std::string detail;
};

struct CheckReport {
    std::vector<DrillVerdict> drills;      // in the order the scenarios were given
    std::vector<TimingTally> timing;       // per drill, same order; empty: timing not sampled
    std::vector<std::string> docs_drift;   // documented drills without a scenario
    // The pack's alerts whose selectors match no simulated series (issue 14.4): reported up front
    // and as "not simulated" instead of "never fired"; with `strict`, a failure of the check.
    UnpredictableAlerts unpredictable;
    // A long run with no fault at all, every alert of the pack expected (issue 14.5): the alerts
    // that fired in it are a finding before any drill (no green baseline for them); with `strict`,
    // a failure of the check. Empty file: not run.
    std::string no_fault_file;
    DrillVerdict no_fault;
    bool strict = false;
    // Per drill, same order (issue 18.3, `--alertmanager`): who was paged and when, the alerts
    // that reached no one, and the `paged:` expectation's verdict. Empty: no drill has any.
    std::vector<std::vector<CheckItem>> paging;
    bool passed() const;
    // The drill's own verdict, and no failed paging item.
    bool drill_passed(std::size_t i) const;
    // The alerts of the no-fault run that fired, with why.
    std::vector<const AlertVerdict*> fired_without_fault() const;
};

std::vector<CheckItem> check_items(const DrillVerdict& verdict, const UnpredictableAlerts& unpredictable = {});


// An item with what the timing redraws said about it.
struct TimedItem {
    CheckItem item;
    // Set when the item's pass or failure is not the same in every redraw (or differs from the
    // headline run): the number of redraws in which it held.
    std::optional<std::size_t> held_in_redraws;
};
std::vector<TimedItem> check_items(const DrillVerdict& verdict, const UnpredictableAlerts& unpredictable,
                                   const TimingTally& timing);

// `+MM:SS` (`-MM:SS` when negative).
std::string format_offset(Duration d);
// "Redis outage [unavailable]", or the scenario's name when it names no drill.
std::string drill_title(const DrillVerdict& verdict);
std::string drill_title(const std::string& scenario, const std::string& drill, const std::string& variant);

void print_check_text(std::ostream& out, const CheckReport& report);
// Keys in a fixed order, times in seconds: the same inputs and seed give the same bytes.
nlohmann::ordered_json check_json(const CheckReport& report);
// A testsuite per drill (variant), a testcase per expectation; docs drift is its own testsuite.
void write_check_junit(std::ostream& out, const CheckReport& report);

}  // namespace caracal::report
