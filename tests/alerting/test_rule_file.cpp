#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "sim/alerting/alerting_rule.hpp"
#include "sim/alerting/rule_file.hpp"

using namespace sim;
using namespace sim::alerting;

namespace {

struct ExpectedError {
    int line;
    int column;
    std::string message_part;
};

void check_error(const std::string& yaml, const ExpectedError& expected) {
    INFO(yaml);
    try {
        load_rule_text(yaml, "rules.yml");
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        INFO(e.what());
        CHECK(e.file() == "rules.yml");
        CHECK(e.pos().line == expected.line);
        CHECK(e.pos().column == expected.column);
        CHECK_THAT(e.message(), Catch::Contains(expected.message_part));
    }
}

const char* kPlain = R"(groups:
- name: caracal
  interval: 30s
  query_offset: 15s
  limit: 10
  rules:
  - record: job:up:sum
    expr: sum by (job) (up)
    labels:
      tier: gold
  - alert: TargetDown
    expr: up == 0
    for: 5m
    keep_firing_for: 2m
    labels:
      severity: page
    annotations:
      summary: "{{ $labels.job }} is down"
- name: second
  rules: []
)";

}  // namespace

TEST_CASE("a plain rule file loads its groups, settings and rules in file order") {
    const RuleSet set = load_rule_text(kPlain, "rules.yml");
    REQUIRE(set.groups.size() == 2);
    const Group& g = set.groups[0];
    CHECK(g.name() == "caracal");
    CHECK(g.file() == "rules.yml");
    CHECK(g.interval() == Duration::seconds(30));
    CHECK(g.query_offset() == Duration::seconds(15));
    CHECK(g.limit() == 10);
    REQUIRE(g.rules().size() == 2);

    const Rule* rec = g.rules()[0].get();
    REQUIRE_FALSE(rec->as_alerting());
    CHECK(rec->name() == "job:up:sum");
    CHECK(rec->expr_text() == "sum by (job) (up)");
    CHECK(rec->labels() == std::vector<tsdb::Label>{{"tier", "gold"}});
    CHECK(rec->pos().line == 7);
    CHECK(rec->pos().column == 5);

    const AlertingRule* alert = g.rules()[1]->as_alerting();
    REQUIRE(alert);
    CHECK(alert->name() == "TargetDown");
    CHECK(alert->hold() == Duration::minutes(5));
    CHECK(alert->keep_firing_for() == Duration::minutes(2));
    CHECK(alert->labels() == std::vector<tsdb::Label>{{"severity", "page"}});
    REQUIRE(alert->annotations().size() == 1);
    CHECK(alert->annotations()[0].value.text() == "{{ $labels.job }} is down");

    CHECK(set.groups[1].name() == "second");
    CHECK_FALSE(set.groups[1].interval().has_value());
    CHECK(set.groups[1].rules().empty());
}

TEST_CASE("a file of several PrometheusRule documents yields all their groups") {
    const std::string text = R"(apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: one
  labels: {release: prom}
spec:
  groups:
  - name: a
    rules:
    - alert: A
      expr: up == 0
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: two
spec:
  groups:
  - name: a
    rules:
    - record: b:sum
      expr: sum(b)
---
)";
    const RuleSet set = load_rule_text(text, "crd.yaml");
    REQUIRE(set.groups.size() == 2);
    CHECK(set.groups[0].rules()[0]->name() == "A");
    CHECK(set.groups[1].rules()[0]->name() == "b:sum");
    CHECK(set.groups[1].rules()[0]->pos().line == 21);
}

TEST_CASE("a PrometheusRule must have the right apiVersion and kind and keep its groups in spec") {
    check_error("apiVersion: monitoring.coreos.com/v2\nkind: PrometheusRule\nspec: {groups: []}\n",
                {1, 13, "apiVersion must be monitoring.coreos.com/v1"});
    check_error("apiVersion: monitoring.coreos.com/v1\nkind: ConfigMap\nspec: {groups: []}\n",
                {2, 7, "kind must be PrometheusRule"});
    check_error("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {}\n",
                {1, 1, "field spec must be set"});
    check_error("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\ngroups: []\n",
                {3, 1, "field groups not found in PrometheusRule"});
    check_error("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups: []\n  extra: 1\n",
                {5, 3, "field extra not found in PrometheusRule spec"});
}

TEST_CASE("group-level mistakes are reported at the group with Prometheus' wording") {
    check_error("groups:\n- name: g\n  rules: []\n- name: g\n  rules: []\n", {4, 3, "groupname: \"g\" is repeated in the same file"});
    check_error("groups:\n- name: \"\"\n  rules: []\n", {2, 3, "Groupname must not be empty"});
    check_error("groups:\n- rules: []\n", {2, 3, "Groupname must not be empty"});
    check_error("groups:\n- name: g\n  interval: 1x\n", {3, 13, "not a valid duration string: \"1x\""});
    check_error("groups:\n- name: g\n  query_offset: soon\n", {3, 17, "not a valid duration string"});
    check_error("groups:\n- name: g\n  limit: many\n", {3, 10, "limit must be an integer"});
    check_error("groups:\n- name: g\n  labels: {a: b}\n", {3, 3, "field labels not found in rule group"});
    check_error("groups:\n- name: g\n  rules: {}\n", {3, 10, "rules must be a list"});
    check_error("groups: {}\n", {1, 9, "groups must be a list"});
    check_error("- name: g\n", {1, 1, "rule file must be a mapping"});
    check_error("rules: []\n", {1, 1, "field rules not found in rule file"});
}

TEST_CASE("rule-level mistakes name the group, the rule's index and its name") {
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    bogus: 1\n",
                {6, 5, "group \"g\", rule 1, \"A\": field bogus not found in rule"});
    check_error("groups:\n- name: g\n  rules:\n  - record: r\n    alert: b\n    expr: up\n",
                {4, 13, "only one of 'record' and 'alert' must be set"});
    check_error("groups:\n- name: g\n  rules:\n  - expr: up\n", {4, 5, "one of 'record' or 'alert' must be set"});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n", {4, 5, "field 'expr' must be set in rule"});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: \"\"\n", {5, 11, "field 'expr' must be set in rule"});
    check_error("groups:\n- name: g\n  rules:\n  - record: \"bad name\"\n    expr: up\n",
                {4, 13, "invalid recording rule name: bad name"});
    check_error("groups:\n- name: g\n  rules:\n  - record: r\n    expr: up\n    for: 1m\n",
                {4, 13, "invalid field 'for' in recording rule"});
    check_error("groups:\n- name: g\n  rules:\n  - record: r\n    expr: up\n    keep_firing_for: 1m\n",
                {4, 13, "invalid field 'keep_firing_for' in recording rule"});
    check_error("groups:\n- name: g\n  rules:\n  - record: r\n    expr: up\n    annotations: {a: b}\n",
                {4, 13, "invalid field 'annotations' in recording rule"});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: 5x\n", {6, 10, "not a valid duration string: \"5x\""});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    keep_firing_for: -1m\n",
                {6, 22, "not a valid duration string"});
}

TEST_CASE("label and annotation names are validated") {
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels:\n      bad-label: x\n",
                {7, 7, "invalid label name: bad-label"});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels:\n      __name__: x\n",
                {7, 7, "invalid label name: __name__"});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations:\n      \"bad ann\": x\n",
                {7, 7, "invalid annotation name: bad ann"});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels: [a]\n", {6, 13, "labels must be a mapping"});
}

TEST_CASE("a template error points into the label or annotation value") {
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations:\n      t: \"ab {{ .Foo \"\n",
                {7, 14, "annotation \"t\": template: unclosed action"});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels:\n      s: x{{ block \"up\" }}y\n",
                {7, 25, "label \"s\": template: missing value for block clause"});
}

TEST_CASE("recording rule labels are plain text, not templates") {
    const RuleSet set = load_rule_text("groups:\n- name: g\n  rules:\n  - record: r\n    expr: up\n    labels:\n      t: \"{{ if\"\n",
                                       "rules.yml");
    CHECK(set.groups.at(0).rules().at(0)->labels() == std::vector<tsdb::Label>{{"t", "{{ if"}});
}

TEST_CASE("a PromQL error is reported at its position inside the expression") {
    // Single-line plain scalar: the expression's column plus the offset of the error.
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up + foo(x)\n",
                {5, 16, "group \"g\", rule 1, \"A\": could not parse expression: 1:6: parse error: "});
    // Literal block: the line inside the block and the block's indentation.
    check_error("groups:\n- name: g\n  rules:\n  - alert: D\n    expr: |\n      up\n        +\n      on() foo(x)\n",
                {8, 12, "could not parse expression: 3:6: parse error: unknown function"});
    // Plain and folded scalars spread over lines: the line and column where the error is.
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: sum(up)\n      + foo(x)\n", {6, 9, "unknown function"});
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: >\n      sum(up)\n        + foo(x)\n",
                {7, 11, "unknown function"});
    // An error at the end of the expression points just past it.
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: sum(up\n", {5, 17, "could not parse expression"});
    // Double-quoted scalar: one more column for the quote.
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: \"up + foo(x)\"\n", {5, 17, "could not parse expression"});
}

TEST_CASE("broken YAML is a positioned error, not a crash") {
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n   for: 5m\n", {6, 4, "invalid YAML"});
    check_error("groups: [\n", {2, 1, "invalid YAML"});
    check_error("groups:\n- name: g\n  name: h\n", {3, 3, "mapping key \"name\" already defined at line 2"});
}

TEST_CASE("load_rule_file reads the file and names it in errors") {
    // Unique per process: a second test run on the same machine must not share the file.
    const std::string path =
        (std::filesystem::temp_directory_path() / ("caracal-test-rule-file-" + std::to_string(::getpid()) + ".yml"))
            .string();
    {
        std::ofstream out(path);
        out << kPlain;
    }
    CHECK(load_rule_file(path).groups.size() == 2);
    std::remove(path.c_str());
    try {
        load_rule_file(path);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.file() == path);
    }
}

TEST_CASE("an empty file or empty documents hold no groups") {
    CHECK(load_rule_text("", "empty.yml").groups.empty());
    CHECK(load_rule_text("---\n---\n", "empty.yml").groups.empty());
}

TEST_CASE("issue 16.7: an @ error in a rule expression carries promtool's line:col inside the expression") {
    // promtool 2.42 prints the same `could not parse expression: L:C: parse error: ...` tails;
    // the file position is where the error is (promtool gives the `expr:` value's start).
    check_error("groups:\n- name: g\n  rules:\n  - record: a\n    expr: sum(foo) @ 5\n",
                {5, 11, "could not parse expression: 1:1: parse error: @ modifier must be preceded by"});
    check_error("groups:\n- name: g\n  rules:\n  - record: a\n    expr: |\n      sum(foo)\n        + bar @ 5 @ 6\n",
                {7, 11, "could not parse expression: 2:5: parse error: @ <timestamp> may not be set multiple times"});
    check_error("groups:\n- name: g\n  rules:\n  - record: a\n    expr: \"foo + bar @ start\"\n",
                {5, 29, "could not parse expression: 1:18: parse error: unexpected end of input in @, expected timestamp"});
    check_error("groups:\n- name: g\n  rules:\n  - record: a\n    expr: >-\n      sum(foo)\n      + bar @ 5m\n",
                {7, 15, "could not parse expression: 1:18: parse error: unexpected duration \"5m\" in @, expected timestamp"});
    // An error at the end of the expression points just past it, not at the field after it.
    check_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up @\n    for: 5m\n",
                {5, 15, "could not parse expression: 1:5: parse error: unexpected end of input in @, expected timestamp"});
}
