// The promtool rule unit-test file (`promtool test rules`, Prometheus 2.42 format), parsed strictly:
// an unknown or repeated field, a value of the wrong type, bad series notation or bad PromQL is a
// sim::InputError naming file:line:col. Our extensions (`start_timestamp`, `fuzzy_compare`, and in
// rule files `query_offset` and PrometheusRule objects) would change promtool's verdict, so they are
// refused in promtool's words unless enabled: by the caller (`test-rules --extensions`) or by the
// file itself with a top-level `x-caracal-twin: {extensions: true}` (which promtool rejects).
#pragma once

#include <string>
#include <vector>

#include "sim/alerting/series_notation.hpp"
#include "sim/base/error.hpp"
#include "sim/base/time.hpp"
#include "sim/promql/ast.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alerting {

// Name/value pairs sorted by name that, unlike tsdb::Labels, keep empty values: promtool compares
// `exp_labels: {a: ""}` literally, so such an expectation can never match.
using LabelPairs = std::vector<tsdb::Label>;

struct InputSeries {
    tsdb::Labels labels;
    SeriesRuns values;
    SourcePos pos;
};

struct ExpectedAlert {
    LabelPairs labels;  // without alertname; the runner adds it
    LabelPairs annotations;
};

struct AlertTest {
    Duration eval_time;  // after the test group's start
    std::string alertname;
    std::vector<ExpectedAlert> exp_alerts;
    SourcePos pos;
};

struct ExpectedSample {
    tsdb::Labels labels;
    double value = 0;
};

struct PromqlTest {
    std::string expr_text;
    promql::ExprPtr expr;
    Duration eval_time;
    std::vector<ExpectedSample> exp_samples;
    SourcePos pos;
};

struct TestGroup {
    std::string name;
    // The spacing of input samples. Unset means zero in promtool 2.42 (fixed only in 2.48): every
    // sample of a series then lands on the start instant and only the first one is kept.
    Duration interval;
    Time start;  // `start_timestamp` (our extension); eval times count from here
    std::vector<InputSeries> input_series;
    std::vector<AlertTest> alert_tests;
    std::vector<PromqlTest> promql_tests;
    tsdb::Labels external_labels;
    std::string external_url;
    SourcePos pos;
};

struct UnitTestFile {
    std::string path;
    // Resolved against the test file's folder and glob-expanded, in the order given.
    std::vector<std::string> rule_files;
    // Patterns that matched no file: promtool only warns about them.
    std::vector<std::string> unmatched_patterns;
    Duration evaluation_interval = Duration::minutes(1);
    std::vector<std::string> group_eval_order;
    bool extensions = false;     // our extensions allowed (the caller's choice or x-caracal-twin)
    bool fuzzy_compare = false;  // our extension: floats equal up to one unit in the last place
    std::vector<TestGroup> tests;
};

// Appended to the message refusing an extension that is not enabled.
inline constexpr const char* kExtensionsHint =
    " (a caracal-twin extension: enable it with test-rules --extensions or x-caracal-twin: {extensions: true})";

// Throws sim::InputError. `extensions` enables our extensions whatever the file says.
UnitTestFile load_unittest_file(const std::string& path, bool extensions = false);
// `base_dir` is where relative rule_files are resolved.
UnitTestFile parse_unittest_text(const std::string& text, const std::string& file_name, const std::string& base_dir,
                                 bool extensions = false);

}  // namespace sim::alerting
