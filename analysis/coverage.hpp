// Which rules of a pack the twin can predict (issue 14.4): every vector selector of every alerting
// and recording rule — those inside range selectors and subqueries included — matched, name and
// label matchers, against the series catalogue of a baseline (no-fault) run: every series the run
// ever stored, the synthetic `up` and scrape series and the recording rules' outputs included. A
// selector that matches nothing reads a series the twin does not simulate, so whatever the rule
// does in a run says nothing about Caracal.
#pragma once

#include <string>
#include <vector>

#include "models/twin/twin.hpp"
#include "sim/alerting/rule_manager.hpp"
#include "sim/tsdb/storage.hpp"

namespace caracal::analysis {

// How long the baseline run that collects the catalogue lasts: long enough for every periodic
// mechanism of the model (the hourly tamper sweep is the longest) to have run at least once.
inline constexpr Duration kCoverageBaseline = Duration::minutes(70);

struct SelectorCoverage {
    std::string selector;  // as PromQL prints it, e.g. caracal_audit_dlq_size{pod=~"caracal-.*"}
    bool covered = false;
};

struct RuleCoverage {
    std::string name;  // the alert or recorded series name
    bool alerting = true;
    std::string group;
    sim::SourcePos pos;  // of the rule in its file
    std::vector<SelectorCoverage> selectors;  // in expression order, each distinct selector once

    bool covered() const;
    std::vector<std::string> uncovered() const;
};

struct Coverage {
    std::string rules_file;
    Duration baseline;
    std::size_t series = 0;  // in the catalogue
    std::vector<RuleCoverage> rules;  // in file order

    bool complete() const;
    // The alerting rules with a selector that matches nothing.
    std::vector<const RuleCoverage*> unpredictable_alerts() const;
};

// Matches `rules`' selectors against `catalogue` (no run). `rules_file` and `baseline` only label
// the result.
Coverage rule_coverage(const sim::alerting::RuleManager& rules, const sim::tsdb::Storage& catalogue,
                       std::string rules_file, Duration baseline);

// Runs the twin without a fault for `baseline` under `options` (its rules, overrides and profile,
// every target scraped with credentials) and matches the rules against what it stored. Throws sim::InputError as caracal::run does.
Coverage rule_coverage(const RunOptions& options, Duration baseline = kCoverageBaseline);

}  // namespace caracal::analysis
