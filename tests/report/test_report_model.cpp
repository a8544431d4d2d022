// The report library without the binary: the model gathered from a hand-made run and its check,
// its findings, and the writers' layout of it.
#include <catch2/catch.hpp>

#include <sstream>

#include <yaml-cpp/yaml.h>

#include "models/drill/drill_check.hpp"
#include "report/report_model.hpp"
#include "report/report_rules.hpp"
#include "report/report_writers.hpp"
#include "report/xml_escape.hpp"
#include "sim/promql/parser.hpp"
#include "tests/support/synthetic_run.hpp"

using caracal::RunResult;
using caracal::Scenario;
using sim::Duration;
using sim::Time;
using sim::alerting::AlertState;

namespace {

using caracal::testing::synthetic_run;

// `name{job="x"}` pending at `pending`, firing at `firing`, inactive at `resolved` (from injection).
void add_alert(RunResult& r, const std::string& name, Duration pending, Duration firing, Duration resolved) {
    caracal::testing::add_alert(r, name, pending, firing, resolved, {{"job", "x"}});
}

sim::alerting::AlertRuleFacts rule(Duration hold, const std::string& severity, const std::string& summary,
                                   const std::string& expr) {
    sim::alerting::AlertRuleFacts f;
    f.hold = hold;
    f.severity = severity;
    f.summary = summary;
    f.expr_text = expr;
    f.expr = sim::promql::parse(expr);
    return f;
}

Scenario scenario_expecting(const std::string& expectations) {
    Scenario s;
    s.name = "synthetic";
    s.drill = "Synthetic drill";
    s.expectations = caracal::parse_expectations(YAML::Load(expectations), "e.yaml");
    return s;
}

caracal::report::DrillReport gathered(const Scenario& s, const RunResult& r) {
    return caracal::report::gather_drill_report(s, r, caracal::check_drill(s, r, {}), nullptr);
}

}  // namespace

TEST_CASE("an expected alert's row carries its times and the facts of the rule the run ran") {
    RunResult r = synthetic_run();
    add_alert(r, "A", Duration::seconds(30), Duration::seconds(90), Duration::minutes(12));
    r.rules["A"] = rule(Duration::minutes(1), "critical", "Page the on-call", "vector(1) > 0");
    const auto d = gathered(scenario_expecting("alerts: [A]"), r);
    REQUIRE(d.alerts.size() == 1);
    const auto& row = d.alerts[0];
    CHECK(row.alert == "A");
    CHECK(row.severity == "critical");
    CHECK(row.first_response == "Page the on-call");
    CHECK(row.pending == Duration::seconds(30));
    CHECK(row.firing == Duration::seconds(90));
    CHECK(row.ttr == Duration::minutes(2));  // resolved 2m after the fault ended
    REQUIRE(row.detection);
    CHECK(row.detection->hold == Duration::minutes(1));
    CHECK(d.passed);
    CHECK(d.findings.empty());
}

TEST_CASE("an expected alert that never fires is a finding naming the rule's for") {
    RunResult r = synthetic_run();
    r.rules["B"] = rule(Duration::minutes(5), "warning", "", "vector(1) > 2");
    const auto d = gathered(scenario_expecting("alerts: [B]"), r);
    CHECK_FALSE(d.passed);
    REQUIRE(d.findings.size() == 1);
    CHECK(d.findings[0].title == "expected alert B does not fire");
    CHECK_THAT(d.findings[0].mechanism, Catch::StartsWith("B (for 5m) never went pending"));
}

TEST_CASE("an alert the rules do not define is a finding that says so") {
    RunResult r = synthetic_run();
    const auto d = gathered(scenario_expecting("alerts: [Missing]"), r);
    REQUIRE(d.findings.size() == 1);
    CHECK(d.findings[0].mechanism == "Missing: the rule file has no such rule.");
}

TEST_CASE("the timeline draws an alert instance as a pending span, then a firing span") {
    RunResult r = synthetic_run();
    add_alert(r, "A", Duration::seconds(30), Duration::seconds(90), Duration::minutes(12));
    const auto timeline = caracal::report::drill_timeline(r);
    CHECK(timeline.from == Duration::minutes(-10));
    CHECK(timeline.to == Duration::minutes(20));
    REQUIRE(timeline.alerts.size() == 1);
    CHECK(timeline.alerts[0].label == "A");
    CHECK(timeline.alerts[0].detail == "{job=\"x\"}");
    const auto& spans = timeline.alerts[0].spans;
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].kind == caracal::report::SpanKind::Pending);
    CHECK(spans[0].from == Duration::seconds(30));
    CHECK(spans[0].to == Duration::seconds(90));
    CHECK(spans[1].kind == caracal::report::SpanKind::Firing);
    CHECK(spans[1].to == Duration::minutes(12));
}

TEST_CASE("thresholds and comparisons print as an operator reads them") {
    using caracal::report::format_number;
    CHECK(format_number(1000) == "1000");
    CHECK(format_number(0.05) == "0.05");
    CHECK(format_number(1234.6) == "1235");
    const auto facts = sim::alerting::rule_facts(sim::alerting::load_rule_text(R"(groups:
- name: g
  rules:
  - alert: Lag
    expr: 1000 < max(lag)
    for: 2m
    labels: {severity: warning}
    annotations: {summary: "Lag high"}
)", "r.yaml"));
    const auto& lag = facts.at("Lag");
    REQUIRE(lag.watched);
    CHECK(lag.watched->signal_text == "max(lag)");
    CHECK(caracal::report::comparison_text(*lag.watched) == "> 1000");  // mirrored: the signal on the left
    CHECK(lag.watched->holds(1001));
    CHECK_FALSE(lag.watched->holds(1000));
}

TEST_CASE("XML escaping covers markup characters and forbidden control characters") {
    CHECK(caracal::report::xml_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
    CHECK(caracal::report::xml_escape(std::string("x\x01y\tz")) == "x?y\tz");
}

TEST_CASE("the Markdown writer gives every predicted time a blank Observed cell") {
    RunResult r = synthetic_run();
    add_alert(r, "A", Duration::seconds(30), Duration::seconds(90), Duration::minutes(12));
    r.rules["A"] = rule(Duration::minutes(1), "critical", "Page", "vector(1) > 0");
    caracal::report::Report report{{"rules.yaml", "built-in defaults", "1", "", "test"}, {}};
    report.drills.push_back(gathered(scenario_expecting("alerts: [A]"), r));
    std::ostringstream md, html;
    caracal::report::write_report_markdown(md, report);
    caracal::report::write_report_html(html, report);
    CHECK_THAT(md.str(), Catch::Contains("Observed"));
    CHECK_THAT(md.str(), Catch::Contains("`A`"));
    CHECK_THAT(html.str(), Catch::StartsWith("<!DOCTYPE html>"));
    CHECK_THAT(html.str(), Catch::Contains("<td class=\"observed\"></td>"));
}
