#include <catch2/catch.hpp>

#include "sim/alerting/unittest_file.hpp"
#include "sim/alerting/unittest_runner.hpp"

using namespace sim::alerting;

namespace {

const std::string kFixtures = std::string(SOURCE_DIR) + "/tests/fixtures/test_rules";

UnitTestResult run_fixture(const std::string& name, const UnitTestOptions& options = {}) {
    return run_unittest(load_unittest_file(kFixtures + "/" + name), options);
}

UnitTestResult run_text(const std::string& text, const UnitTestOptions& options = {}) {
    return run_unittest(parse_unittest_text(text, "inline.yml", kFixtures), options);
}

std::string all_failures(const UnitTestResult& r) {
    std::string out;
    for (const auto& g : r.groups)
        for (const auto& f : g.failures) out += f + "\n";
    return out;
}

// A test group with one input series and one PromQL check of `expr` at `eval_time`.
// The file's own switch for our extensions (start_timestamp, fuzzy_compare).
const std::string kExtensions = "x-caracal-twin: {extensions: true}\n";

std::string promql_probe(const std::string& group_fields, const std::string& values, const std::string& expr,
                         const std::string& eval_time, const std::string& labels, const std::string& value) {
    return "tests:\n  - " + group_fields + "\n    input_series: [{series: x, values: '" + values +
           "'}]\n    promql_expr_test:\n      - {expr: '" + expr + "', eval_time: " + eval_time +
           ", exp_samples: [{labels: '" + labels + "', value: " + value + "}]}\n";
}

// Expects the `Empty` alert (whose annotations expand to "") to fire at 1m, as `expected_alert`.
std::string empty_alert_test(const std::string& expected_alert) {
    return R"(rule_files: [empty_annotation.rules.yml]
tests:
  - interval: 1m
    input_series: [{series: x, values: '5 5'}]
    alert_rule_test:
      - eval_time: 1m
        alertname: Empty
        exp_alerts: [)" + expected_alert + "]\n";
}

// A test group head in which InstanceDown (for: 2m) is pending at 0s and 1m and firing from 2m.
const std::string kDownFromStart = R"(rule_files: [alerts.rules.yml]
tests:
  - interval: 1m
    input_series: [{series: 'up{job="api", instance="a"}', values: '0 0 0 0'}]
)";

}  // namespace

TEST_CASE("a file whose expectations all hold passes every test group") {
    const auto r = run_fixture("passing.yml");
    REQUIRE(r.groups.size() == 2);
    CHECK(r.passed());
    INFO(all_failures(r));
    CHECK(r.groups[0].passed());
    CHECK(r.groups[1].passed());
}

TEST_CASE("an alert expected to fire while still pending fails with promtool's exp/got report") {
    const auto r = run_fixture("failing_alert.yml");
    REQUIRE(r.groups.size() == 1);
    CHECK_FALSE(r.passed());
    REQUIRE(r.groups[0].failures.size() == 1);
    const auto& f = r.groups[0].failures[0];
    CHECK(f.find("    name: fires too early,\n    alertname: InstanceDown, time: 1m, \n        exp:[") == 0);
    CHECK(f.find(R"(Labels:{alertname="InstanceDown", instance="a", job="api", severity="page"})") != std::string::npos);
    CHECK(f.find("got:[]") != std::string::npos);
}

TEST_CASE("a wrong PromQL expectation fails showing expected and actual samples") {
    const auto r = run_fixture("failing_promql.yml");
    REQUIRE(r.groups.size() == 1);
    REQUIRE(r.groups[0].failures.size() == 1);
    CHECK(r.groups[0].failures[0] ==
          "    expr: \"job:up:sum\", time: 1m,\n"
          "        exp: {__name__=\"job:up:sum\", job=\"api\"} 3E+00\n"
          "        got: {__name__=\"job:up:sum\", job=\"api\"} 2E+00");
}

TEST_CASE("pending alerts are invisible to alert tests but visible as ALERTS series") {
    CHECK(run_text(kDownFromStart + "    alert_rule_test: [{eval_time: 1m, alertname: InstanceDown}]").passed());
    CHECK_FALSE(run_text(kDownFromStart + "    alert_rule_test: [{eval_time: 2m, alertname: InstanceDown}]").passed());
    CHECK(run_text(kDownFromStart + R"(    promql_expr_test:
      - expr: ALERTS{alertstate="pending"}
        eval_time: 1m
        exp_samples: [{labels: 'ALERTS{alertname="InstanceDown", alertstate="pending", instance="a", job="api", severity="page"}', value: 1}]
)").passed());
}

TEST_CASE("an alert test between evaluations is checked against the evaluation before it") {
    // Firing from 2m: at 1m59s the 1m evaluation is the latest one, and it is still pending.
    CHECK(run_text(kDownFromStart + "    alert_rule_test: [{eval_time: 1m59s, alertname: InstanceDown}]").passed());
}

TEST_CASE("a rule evaluation error stops the test group and names the rule and time") {
    const auto r = run_fixture("eval_error.yml");
    REQUIRE(r.groups.size() == 1);
    REQUIRE(r.groups[0].failures.size() == 1);  // the 3m PromQL check never ran
    CHECK(r.groups[0].failures[0].find("    rule: job:usage:ratio, time: 2m0s, err: ") == 0);
}

TEST_CASE("with interval unset every sample lands on the start and only the first one counts") {
    CHECK(run_text(promql_probe("name: a", "1 2 3 4", "x", "3m", "x", "1")).passed());
    CHECK(run_text(promql_probe("name: a", "_ 5 6", "x", "3m", "x", "5")).passed());
}

TEST_CASE("a series listed twice keeps only its later definition") {
    const std::string text = R"(tests:
  - interval: 1m
    input_series: [{series: x, values: '1 2 3'}, {series: x, values: '_ _ _ 9'}]
    promql_expr_test:
      - {expr: x, eval_time: 1m, exp_samples: []}
      - {expr: x, eval_time: 3m, exp_samples: [{labels: x, value: 9}]}
)";
    const auto r = run_text(text);
    INFO(all_failures(r));
    CHECK(r.passed());
}

TEST_CASE("input samples after the last evaluation step are never loaded") {
    // evaluation_interval 1m: the last step before 90s is 60s, so the 70s..90s samples are missing.
    CHECK(run_text(promql_probe("interval: 10s", "0+1x20", "x", "90s", "x", "6")).passed());
    CHECK(run_text(promql_probe("interval: 10s", "0+1x20", "time()", "90s", "{}", "90")).passed());
}

TEST_CASE("start_timestamp shifts the clock: time() is start plus eval_time") {
    CHECK(run_text(kExtensions + promql_probe("interval: 1m\n    start_timestamp: 1000", "7", "time()", "1m", "{}", "1060")).passed());
    CHECK(run_text(kExtensions + promql_probe("interval: 1m\n    start_timestamp: 1000", "7 8", "x", "1m", "x", "8")).passed());
}

TEST_CASE("NaN never equals NaN, as in promtool 2.42") {
    CHECK_FALSE(run_text(promql_probe("interval: 1m", "NaN", "x", "0", "x", ".nan")).passed());
}

TEST_CASE("fuzzy_compare accepts a difference in the last bit only") {
    const std::string probe = promql_probe("interval: 1m", "0.1", "x + 0.2", "0", "{}", "0.3");
    CHECK_FALSE(run_text(probe).passed());
    CHECK(run_text(kExtensions + "fuzzy_compare: true\n" + probe).passed());
    CHECK_FALSE(run_text(kExtensions + "fuzzy_compare: true\n" + promql_probe("interval: 1m", "0.1", "x + 0.2", "0", "{}", "0.31")).passed());
}

TEST_CASE("group_eval_order lets a group read another's output at the same timestamp") {
    const std::string body = R"(tests:
  - interval: 1m
    input_series: [{series: source, values: '1 2 3'}]
    promql_expr_test: [{expr: copy, eval_time: 1m, exp_samples: [{labels: copy, value: 2}]}]
)";
    CHECK(run_text("rule_files: [eval_order.rules.yml]\ngroup_eval_order: [first, second]\n" + body).passed());
    CHECK_FALSE(run_text("rule_files: [eval_order.rules.yml]\n" + body).passed());
}

TEST_CASE("only the selected test groups run") {
    UnitTestOptions options;
    options.selected = [](const std::string& name) { return name != "beta fails"; };
    const auto r = run_fixture("filtered.yml", options);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[0].name == "alpha passes");
    CHECK(r.groups[1].index == 2);
    CHECK(r.passed());
    CHECK_FALSE(run_fixture("filtered.yml").passed());
}

TEST_CASE("a rule file that does not load is an input error") {
    CHECK_THROWS_AS(run_fixture("bad_rule_file.yml"), sim::InputError);
}

TEST_CASE("transitions are recorded only when asked, in the order they happen") {
    CHECK(run_fixture("failing_alert.yml").groups[0].transitions.empty());
    UnitTestOptions options;
    options.record_transitions = true;
    const auto r = run_fixture("passing.yml", options);
    const auto& log = r.groups[0].transitions;
    REQUIRE(log.size() >= 3);
    CHECK(log[0].alertname == "InstanceDown");
    CHECK(log[0].to == AlertState::Pending);
    CHECK(log[0].at == sim::Time::epoch() + sim::Duration::minutes(2));
    CHECK(log[1].to == AlertState::Firing);
    CHECK(log[1].at == sim::Time::epoch() + sim::Duration::minutes(4));
    CHECK(log[2].to == AlertState::Inactive);
    CHECK(log[2].at == sim::Time::epoch() + sim::Duration::minutes(6));
}

TEST_CASE("annotations that expand to an empty string are still compared, as in promtool 2.42") {
    CHECK(run_text(empty_alert_test("{exp_annotations: {literal: '', missing_label: ''}}")).passed());
    CHECK_FALSE(run_text(empty_alert_test("{}")).passed());
}

TEST_CASE("an expected label with an empty value never matches, as in promtool 2.42") {
    CHECK_FALSE(run_text(empty_alert_test("{exp_labels: {team: ''}, exp_annotations: {literal: '', missing_label: ''}}")).passed());
}

namespace {

const std::string kCorpus = std::string(SOURCE_DIR) + "/tests/promtool/cases/";

std::string load_error(const std::string& path, bool extensions = false) {
    try {
        run_unittest(load_unittest_file(path, extensions));
    } catch (const sim::InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("issue 16.3: templates query the test's series at the alert's evaluation instant (corpus 134, 135)") {
    const auto capacity = run_unittest(load_unittest_file(kCorpus + "134_template_query_first_value.yml"));
    INFO(all_failures(capacity));
    CHECK(capacity.passed());
    const auto replicas = run_unittest(load_unittest_file(kCorpus + "135_template_sort_by_label.yml"));
    INFO(all_failures(replicas));
    CHECK(replicas.passed());
}

TEST_CASE("issue 16.3: a template that would fail is harmless until its alert is active (corpus 137)") {
    const auto r = run_unittest(load_unittest_file(kCorpus + "137_template_failing_never_rendered.yml"));
    INFO(all_failures(r));
    CHECK(r.passed());
}

TEST_CASE("issue 16.6: query_offset and PrometheusRule rule files are refused in promtool's words unless enabled") {
    const std::string offset = kCorpus + "140_error_query_offset_without_extensions.yml";
    CHECK(load_error(offset) == kCorpus + "140_error_query_offset_without_extensions.rules.yml:6:3: field query_offset "
                                          "not found in type rulefmt.RuleGroup" + sim::alerting::kExtensionsHint);
    CHECK(load_error(offset, true).empty());
    const std::string object = kCorpus + "142_error_prometheus_rule_object.yml";
    CHECK_THAT(load_error(object), Catch::StartsWith(kCorpus + "142_error_prometheus_rule_object.rules.yml:4:1: field "
                                                               "apiVersion not found in type rulefmt.RuleGroups"));
    CHECK(run_unittest(load_unittest_file(object, true)).passed());
}

TEST_CASE("issue 16.4: a series of 10^11 samples runs, holding only the samples its eval_times reach") {
    // Materialised, these samples would need terabytes: the run completing is the proof.
    CHECK(run_text(promql_probe("interval: 1m", "1+0x100000000000", "x", "5m", "x", "1")).passed());
    CHECK(run_text(promql_probe("interval: 1m", "_x100000000000 1", "x", "5m", "x", "1")).passed() == false);
    // A zero interval puts every sample at the start: only the first is kept, the rest never walked.
    CHECK(run_text(promql_probe("name: z", "7x18446744073709551614", "x", "0", "x", "7")).passed());
}
