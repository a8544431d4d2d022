#include <catch2/catch.hpp>

#include "sim/alerting/alerting_rule.hpp"
#include "sim/alerting/rule_file.hpp"
#include "sim/alerting/rule_override.hpp"
#include "sim/promql/parser.hpp"

using namespace sim;
using namespace sim::alerting;

namespace {

const char* kRules = R"(groups:
- name: g
  interval: 30s
  rules:
  - record: job:errors:ratio
    expr: sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m])) > 0.5
    labels:
      kind: ratio
  - alert: ErrorRatioHigh
    expr: |
      sum by (job) (rate(errors_total[2m]))
        / sum by (job) (rate(requests_total[2m])) > 0.05
    for: 1m
    labels:
      severity: warning
    annotations:
      summary: "{{ $labels.job }} fails {{ $value }}"
  - alert: PoolSaturated
    expr: (0.9 <= max by (pod) (in_use / max_conns))
    for: 2m
  - alert: BothDown
    expr: up{job="a"} == 0 and up{job="b"} == 0
  - alert: RatioAbove
    expr: errors_total > requests_total
)";

RuleSet rules() { return load_rule_text(kRules, "rules.yml"); }

const Rule& find(const RuleSet& set, const std::string& name) {
    for (const auto& g : set.groups)
        for (const auto& r : g.rules())
            if (r->name() == name) return *r;
    FAIL("no rule " << name);
    throw;
}

const AlertingRule& alert(const RuleSet& set, const std::string& name) {
    const AlertingRule* rule = find(set, name).as_alerting();
    REQUIRE(rule);
    return *rule;
}

// The override's error message; fails the test when it does not throw.
std::string override_error(const std::string& rule, const std::string& field, const std::string& value) {
    RuleSet set = rules();
    try {
        override_rule(set, rule, field, value);
    } catch (const InputError& e) {
        return e.what();
    }
    FAIL("expected an InputError for rule." << rule << "." << field << "=" << value);
    return {};
}

}  // namespace

TEST_CASE("a for override changes only that alert's hold") {
    RuleSet set = rules();
    override_rule(set, "ErrorRatioHigh", "for", "7m");
    CHECK(alert(set, "ErrorRatioHigh").hold() == Duration::minutes(7));
    CHECK(alert(set, "PoolSaturated").hold() == Duration::minutes(2));
    CHECK(alert(set, "ErrorRatioHigh").keep_firing_for() == Duration());
}

TEST_CASE("a keep_firing_for override keeps the alert's for") {
    RuleSet set = rules();
    override_rule(set, "PoolSaturated", "keep_firing_for", "90s");
    CHECK(alert(set, "PoolSaturated").keep_firing_for() == Duration::seconds(90));
    CHECK(alert(set, "PoolSaturated").hold() == Duration::minutes(2));
}

TEST_CASE("a rebuilt alert keeps its labels, annotations, position and expression") {
    const RuleSet before = rules();
    RuleSet set = rules();
    override_rule(set, "ErrorRatioHigh", "for", "3m");
    const AlertingRule& a = alert(set, "ErrorRatioHigh");
    const AlertingRule& b = alert(before, "ErrorRatioHigh");
    CHECK(a.labels() == b.labels());
    REQUIRE(a.annotations().size() == 1);
    CHECK(a.annotations()[0].value.text() == b.annotations()[0].value.text());
    CHECK(a.pos().line == b.pos().line);
    CHECK(a.expr_text() == b.expr_text());
}

TEST_CASE("a threshold override replaces the number of the top-level comparison, keeping the text around it") {
    RuleSet set = rules();
    override_rule(set, "ErrorRatioHigh", "threshold", "0.2");
    const Rule& r = find(set, "ErrorRatioHigh");
    CHECK(r.expr_text() ==
          "sum by (job) (rate(errors_total[2m]))\n  / sum by (job) (rate(requests_total[2m])) > 0.2\n");
    CHECK(promql::equal(r.expr(), *promql::parse("sum by (job) (rate(errors_total[2m])) / sum by (job) "
                                                 "(rate(requests_total[2m])) > 0.2")));
}

TEST_CASE("a threshold on the left of a parenthesised comparison is found") {
    RuleSet set = rules();
    override_rule(set, "PoolSaturated", "threshold", "0.75");
    CHECK(find(set, "PoolSaturated").expr_text() == "(0.75 <= max by (pod) (in_use / max_conns))");
}

TEST_CASE("a recording rule's threshold can be overridden and its labels stay") {
    RuleSet set = rules();
    override_rule(set, "job:errors:ratio", "threshold", "1e-3");
    const Rule& r = find(set, "job:errors:ratio");
    CHECK(promql::equal(r.expr(), *promql::parse("sum by (job) (rate(errors_total[5m])) / sum by (job) "
                                                 "(rate(requests_total[5m])) > 0.001")));
    CHECK(r.labels() == std::vector<tsdb::Label>{{"kind", "ratio"}});
}

TEST_CASE("an unknown rule is an error listing the rules") {
    const auto e = override_error("Nope", "for", "1m");
    CHECK_THAT(e, Catch::StartsWith("rules.yml: rule.Nope.for: no rule named \"Nope\"; rules: job:errors:ratio, "
                                    "ErrorRatioHigh, PoolSaturated, BothDown, RatioAbove"));
}

TEST_CASE("an unknown field is an error listing the fields") {
    CHECK(override_error("PoolSaturated", "severity", "page") ==
          "<input>: rule.PoolSaturated.severity: unknown rule field \"severity\"; valid: for, keep_firing_for, threshold");
}

TEST_CASE("a for that is not a duration is an error naming the key") {
    CHECK_THAT(override_error("PoolSaturated", "for", "5 minutes"),
               Catch::Contains("rule.PoolSaturated.for: \"5 minutes\" is not a duration"));
}

TEST_CASE("a threshold that is not a number is an error naming the key") {
    CHECK_THAT(override_error("PoolSaturated", "threshold", "max(x)"),
               Catch::Contains("rule.PoolSaturated.threshold: \"max(x)\" is not a number"));
}

TEST_CASE("a threshold on an expression without a single number comparison is an error at the rule") {
    CHECK_THAT(override_error("BothDown", "threshold", "1"),
               Catch::StartsWith("rules.yml:21:5: rule.BothDown.threshold: the expression is not one comparison"));
    CHECK_THAT(override_error("RatioAbove", "threshold", "1"),
               Catch::Contains("rule.RatioAbove.threshold: the expression is not one comparison"));
}

TEST_CASE("a for on a recording rule is an error") {
    CHECK_THAT(override_error("job:errors:ratio", "for", "1m"),
               Catch::Contains("rule.job:errors:ratio.for: a recording rule has no for; only threshold applies"));
}
