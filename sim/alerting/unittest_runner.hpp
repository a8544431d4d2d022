// Runs promtool rule unit tests the way `promtool test rules` (Prometheus 2.42) does: one fresh
// storage per test group, every rule group evaluated at start, start + evaluation_interval, ...
// up to the largest eval_time, alert tests checked against the evaluation at or just before their
// eval_time (firing alerts only), PromQL tests afterwards as instant queries.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/alerting/alert.hpp"
#include "sim/alerting/unittest_file.hpp"
#include "sim/tsdb/storage.hpp"

namespace sim::alerting {

struct UnitTestOptions {
    // Which test groups to run, by name; unset runs them all.
    std::function<bool(const std::string& name)> selected;
    // Record every alert state change of every rule (for timelines).
    bool record_transitions = false;
    // Range windows and lookback as Prometheus 3 (left-open) instead of promtool 2.42 (closed).
    tsdb::RangeBoundary ranges = tsdb::RangeBoundary::Closed;
    // Refuse (InputError) a test group needing more rule evaluations than this; promtool has no
    // such limit, so there is none unless the caller sets one.
    std::optional<std::uint64_t> max_evaluations;
};

struct TestGroupResult {
    std::string name;
    int index = 0;  // 0-based position among the file's test groups
    SourcePos pos;
    Time start;  // of the test group's clock; eval times and transitions count from here
    // promtool-worded failures, each possibly several lines; empty when the group passed.
    std::vector<std::string> failures;
    std::vector<AlertTransition> transitions;  // when recorded, in the order they happened
    bool passed() const { return failures.empty(); }
};

struct UnitTestResult {
    std::vector<TestGroupResult> groups;  // the selected ones, in file order
    bool passed() const;
};

// Throws sim::InputError when a rule file does not load.
TestGroupResult run_test_group(const UnitTestFile& file, int index, const UnitTestOptions& options = {});
UnitTestResult run_unittest(const UnitTestFile& file, const UnitTestOptions& options = {});

}  // namespace sim::alerting
