#include <catch2/catch.hpp>

#include <cmath>

#include "sim/alerting/unittest_file.hpp"
#include "sim/tsdb/sample.hpp"

using sim::InputError;
using sim::alerting::parse_unittest_text;
using sim::alerting::UnitTestFile;

namespace {

const std::string kFixtures = std::string(SOURCE_DIR) + "/tests/fixtures/test_rules";

UnitTestFile parse(const std::string& text) { return parse_unittest_text(text, "t.yml", kFixtures); }

// The file's own switch for our extensions (start_timestamp, fuzzy_compare).
const std::string kExtensions = "x-caracal-twin: {extensions: true}\n";

// The error's position, or {-1, -1} when the text parsed.
std::pair<int, int> error_at(const std::string& text) {
    try {
        parse(text);
    } catch (const InputError& e) {
        CHECK(e.file() == "t.yml");
        return {e.pos().line, e.pos().column};
    }
    return {-1, -1};
}

std::string error_message(const std::string& text) {
    try {
        parse(text);
    } catch (const InputError& e) {
        return e.message();
    }
    return "";
}

}  // namespace

TEST_CASE("a complete test file is read into the model") {
    const auto f = parse(R"(
rule_files: [alerts.rules.yml]
evaluation_interval: 30s
group_eval_order: [b, a]
tests:
  - name: first
    interval: 15s
    external_labels: {cluster: eu}
    external_url: http://prom.example
    input_series:
      - series: 'up{job="api"}'
        values: 1 0 _ stale
    alert_rule_test:
      - eval_time: 2m
        alertname: Down
        exp_alerts:
          - exp_labels: {job: api, code: 500}
            exp_annotations: {summary: down}
    promql_expr_test:
      - expr: up == 0
        eval_time: 1m
        exp_samples:
          - labels: 'up{job="api"}'
            value: 0
)");
    CHECK(f.rule_files == std::vector<std::string>{kFixtures + "/alerts.rules.yml"});
    CHECK(f.evaluation_interval == sim::Duration::seconds(30));
    CHECK(f.group_eval_order == std::vector<std::string>{"b", "a"});
    REQUIRE(f.tests.size() == 1);
    const auto& g = f.tests[0];
    CHECK(g.name == "first");
    CHECK(g.interval == sim::Duration::seconds(15));
    CHECK(g.external_labels.get("cluster") == "eu");
    CHECK(g.external_url == "http://prom.example");
    REQUIRE(g.input_series.size() == 1);
    CHECK(g.input_series[0].labels.get("job") == "api");
    const auto values = g.input_series[0].values.materialize();
    REQUIRE(values.size() == 4);
    CHECK_FALSE(values[2].has_value());
    CHECK(sim::tsdb::is_stale_nan(*values[3]));
    REQUIRE(g.alert_tests.size() == 1);
    CHECK(g.alert_tests[0].eval_time == sim::Duration::minutes(2));
    REQUIRE(g.alert_tests[0].exp_alerts.size() == 1);
    // An integer label value reads as its text, as promtool's decoder reads it.
    CHECK(g.alert_tests[0].exp_alerts[0].labels ==
          sim::alerting::LabelPairs{{"code", "500"}, {"job", "api"}});
    REQUIRE(g.promql_tests.size() == 1);
    CHECK(g.promql_tests[0].expr_text == "up == 0");
    CHECK(g.promql_tests[0].expr != nullptr);
    CHECK(g.promql_tests[0].eval_time == sim::Duration::minutes(1));
}

TEST_CASE("an unset interval is zero, as promtool 2.42 reads it, and evaluation_interval defaults to 1m") {
    const auto f = parse("tests: [{name: x}]");
    CHECK(f.evaluation_interval == sim::Duration::minutes(1));
    CHECK(f.tests.at(0).interval.is_zero());
    CHECK(f.tests.at(0).start == sim::Time::epoch());
}

TEST_CASE("start_timestamp takes Unix seconds or RFC3339") {
    CHECK(parse(kExtensions + "tests: [{start_timestamp: 1700000000}]").tests[0].start.unix_ms() == 1'700'000'000'000);
    CHECK(parse(kExtensions + "tests: [{start_timestamp: '2023-11-14T22:13:20Z'}]").tests[0].start.unix_ms() ==
          1'700'000'000'000);
    CHECK(error_message(kExtensions + "tests: [{start_timestamp: yesterday}]").find("start_timestamp") != std::string::npos);
}

TEST_CASE("unknown fields are errors pointing at the field") {
    CHECK(error_at("foo: 1\ntests: []") == std::pair{1, 1});
    CHECK(error_at("tests:\n  - name: a\n    intervall: 1m\n") == std::pair{3, 5});
    CHECK(error_message("tests:\n  - name: a\n    intervall: 1m\n") == "field intervall not found in a test group");
    CHECK(error_at("tests:\n  - alert_rule_test:\n      - alertname: A\n        exp_alert: []\n") ==
          std::pair{4, 9});
}

TEST_CASE("a field given twice is an error at its second occurrence") {
    CHECK(error_at("tests:\n  - interval: 1m\n    interval: 2m\n") == std::pair{3, 5});
}

TEST_CASE("values of the wrong shape are errors at the value") {
    CHECK(error_at("tests:\n  interval: 1m\n") == std::pair{2, 3});  // tests must be a list
    CHECK(error_at("tests:\n  - input_series: {series: x}\n") == std::pair{2, 19});
}

TEST_CASE("durations use Prometheus syntax: a bare number other than 0 is an error") {
    CHECK(error_message("tests: [{promql_expr_test: [{expr: '1', eval_time: 60}]}]") ==
          R"(not a valid duration string: "60")");
    CHECK(error_message("tests: [{interval: ''}]") == "empty duration string");
    CHECK(parse("tests: [{promql_expr_test: [{expr: '1', eval_time: 0}]}]").tests[0].promql_tests[0].eval_time.is_zero());
}

TEST_CASE("bad series notation is reported at its position inside the values string") {
    // In `values: 1 2 x` the x is at column 34 of line 3 (35 when the values are quoted).
    const std::string text = "tests:\n  - input_series:\n      - {series: up, values: 1 2 x}\n";
    CHECK(error_at(text) == std::pair{3, 34});
    CHECK(error_at("tests:\n  - input_series:\n      - {series: up, values: '1 2 x'}\n") == std::pair{3, 35});
}

TEST_CASE("malformed PromQL and series selectors are input errors with a position") {
    CHECK(error_at("tests:\n  - promql_expr_test:\n      - {expr: 'sum(', eval_time: 0}\n").first == 3);
    CHECK(error_at("tests:\n  - input_series:\n      - {series: 'up{', values: '1'}\n").first == 3);
    CHECK(error_at("tests:\n  - promql_expr_test:\n      - {expr: up, exp_samples: [{labels: 'up{'}]}\n").first == 3);
}

TEST_CASE("expected values are read as YAML 1.1 numbers, as promtool reads them") {
    const auto f = parse(R"(tests: [{promql_expr_test: [{expr: '1', exp_samples: [
        {value: 0x10}, {value: 1_000}, {value: .inf}, {value: -.Inf}, {value: .nan}, {value: ~}, {value: 2.5e1}]}]}])");
    const auto& s = f.tests[0].promql_tests[0].exp_samples;
    REQUIRE(s.size() == 7);
    CHECK(s[0].value == 16);
    CHECK(s[1].value == 1000);
    CHECK(s[2].value == INFINITY);
    CHECK(s[3].value == -INFINITY);
    CHECK(std::isnan(s[4].value));
    CHECK(s[5].value == 0);
    CHECK(s[6].value == 25);
}

TEST_CASE("a quoted, boolean or word expected value is not a number") {
    CHECK(error_at("tests: [{promql_expr_test: [{expr: '1', exp_samples: [{value: '1'}]}]}]").first == 1);
    CHECK(error_at("tests: [{promql_expr_test: [{expr: '1', exp_samples: [{value: true}]}]}]").first == 1);
    CHECK(error_at("tests: [{promql_expr_test: [{expr: '1', exp_samples: [{value: NaN}]}]}]").first == 1);
}

TEST_CASE("an alert test without alertname is an error naming the test group") {
    CHECK(error_message("tests: [{name: g1, alert_rule_test: [{eval_time: 1m}]}]") ==
          "an item under alert_rule_test misses required attribute alertname at eval_time 1m (in TestGroup g1)");
}

TEST_CASE("a group named twice in group_eval_order is an error") {
    CHECK(error_at("group_eval_order: [a, b, a]\ntests: []") == std::pair{1, 26});
}

TEST_CASE("rule_files are globbed relative to the test file; unmatched patterns are kept as warnings") {
    const auto f = parse("rule_files: ['*.rules.yml', nothere.yml]\ntests: []");
    CHECK_FALSE(f.rule_files.empty());
    for (const auto& r : f.rule_files) CHECK(r.rfind(kFixtures + "/", 0) == 0);
    CHECK(f.unmatched_patterns == std::vector<std::string>{kFixtures + "/nothere.yml"});
}

TEST_CASE("a YAML syntax error is an input error with its position") {
    CHECK(error_at("tests:\n  - name: [unclosed\n").first >= 2);
}

TEST_CASE("a file that cannot be read is an input error naming it") {
    CHECK_THROWS_AS(sim::alerting::load_unittest_file(kFixtures + "/does-not-exist.yml"), InputError);
}

TEST_CASE("a quoted string left open to the end of the file is an error at its opening quote") {
    CHECK(error_at("tests:\n  - name: \"unterminated\n    interval: 1m\n") == std::pair{2, 11});
    CHECK(error_at("tests:\n  - name: 'it''s open\n") == std::pair{2, 11});
    CHECK(parse("tests:\n  - name: 'it''s \"closed\"'\n").tests[0].name == "it's \"closed\"");
}

TEST_CASE("fuzzy_compare takes YAML 1.1 booleans and rejects anything else") {
    CHECK(parse(kExtensions + "fuzzy_compare: yes").fuzzy_compare);
    CHECK(parse(kExtensions + "fuzzy_compare: true").fuzzy_compare);
    CHECK_FALSE(parse(kExtensions + "fuzzy_compare: off").fuzzy_compare);
    CHECK_FALSE(parse("tests: []").fuzzy_compare);
    CHECK(error_at(kExtensions + "fuzzy_compare: maybe") == std::pair{2, 16});
}

TEST_CASE("issue 16.6: start_timestamp and fuzzy_compare are refused in promtool's words unless extensions are on") {
    CHECK(error_at("tests:\n  - interval: 1m\n    start_timestamp: 1000") == std::pair{3, 22});
    CHECK(error_message("tests: [{start_timestamp: 1000}]")
              .starts_with("field start_timestamp not found in type main.testGroup (a caracal-twin extension"));
    CHECK(error_message("fuzzy_compare: true").starts_with("field fuzzy_compare not found in type main.unitTestFile"));
    // Enabled by the caller (test-rules --extensions) or by the file.
    CHECK(parse_unittest_text("tests: [{start_timestamp: 1000}]", "t.yml", kFixtures, true).extensions);
    CHECK(parse(kExtensions + "tests: [{start_timestamp: 1000}]").tests[0].start.unix_ms() == 1'000'000);
    CHECK_FALSE(parse("x-caracal-twin: {extensions: false}\ntests: []").extensions);
    CHECK(error_message("x-caracal-twin: {extension: true}") == "field extension not found in the x-caracal-twin block");
}

TEST_CASE("issue 16.2: a test file shares input series and expected labels through anchors and merge keys") {
    const auto f = parse(R"(tests:
  - interval: 1m
    input_series:
      - &s {series: 'up{job="a"}', values: '1 2'}
      - {<<: *s, series: 'up{job="b"}'}
    alert_rule_test:
      - eval_time: 1m
        alertname: X
        exp_alerts: [{exp_labels: {<<: {team: t}, job: a}}]
)");
    REQUIRE(f.tests[0].input_series.size() == 2);
    CHECK(f.tests[0].input_series[1].labels.get("job") == "b");
    CHECK(f.tests[0].input_series[1].values.size() == 2);
    CHECK(f.tests[0].alert_tests[0].exp_alerts[0].labels == sim::alerting::LabelPairs{{"job", "a"}, {"team", "t"}});
    // exp_labels is a Go map: yaml.v2 refuses a key set twice, merged or not.
    CHECK(error_message("tests: [{alert_rule_test: [{alertname: X, exp_alerts: [{exp_labels: {<<: {a: b}, a: c}}]}]}]") ==
          "key \"a\" already set in exp_labels");
    CHECK(error_at("tests:\n  - interval: 1m\n    <<: 5m") == std::pair{3, 5});
}

TEST_CASE("issue 16.2: an anchor that contains its own alias is refused, not walked for ever") {
    CHECK(error_message("tests:\n- interval: 1m\n  input_series:\n  - &a {series: x, values: '1', extra: *a}\n") ==
          "field extra not found in an input series");
}

TEST_CASE("issue 16.7: a promql_expr_test parse error gives its file position and promtool's line:col in the expression") {
    const std::string text =
        "tests:\n- interval: 1m\n  promql_expr_test:\n  - expr: |\n      sum(foo)\n        + bar @ 5 @ 6\n    eval_time: 1m\n";
    // promtool 2.42: `err: 2:5: parse error: @ <timestamp> may not be set multiple times`.
    CHECK(error_at(text) == std::pair{6, 11});
    CHECK(error_message(text) == "2:5: parse error: @ <timestamp> may not be set multiple times");
    const std::string quoted = "tests:\n- promql_expr_test:\n  - expr: \"up @ start\"\n    eval_time: 1m\n";
    CHECK(error_message(quoted) == "1:11: parse error: unexpected end of input in @, expected timestamp");
}
