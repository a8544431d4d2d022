#include <catch2/catch.hpp>

#include <functional>

#include "models/drill/drill_check.hpp"
#include "tests/support/synthetic_run.hpp"
#include "sim/promql/parser.hpp"

using caracal::CheckOptions;
using caracal::DrillVerdict;
using caracal::Expectations;
using caracal::RecoveryCondition;
using caracal::ReadinessLevel;
using caracal::RunResult;
using caracal::Scenario;
using caracal::Source;
using sim::Duration;
using sim::Time;
using sim::alerting::AlertState;

namespace {

Expectations parse(const std::string& yaml) { return caracal::parse_expectations(YAML::Load(yaml), "e.yaml"); }

// The error as `line:col: message`.
std::string error_of(const std::string& yaml) {
    try {
        parse(yaml);
    } catch (const sim::InputError& e) {
        CHECK(e.file() == "e.yaml");
        return std::to_string(e.pos().line) + ":" + std::to_string(e.pos().column) + ": " + e.message();
    }
    return "no error";
}

using caracal::testing::add_alert;
using caracal::testing::synthetic_run;

constexpr std::nullopt_t never = std::nullopt;

sim::alerting::RuleFacts rules_with(std::initializer_list<std::pair<std::string, Duration>> holds) {
    sim::alerting::RuleFacts rules;
    for (const auto& [name, hold] : holds) {
        rules[name].hold = hold;
        rules[name].expr_text = "vector(1)";
        rules[name].expr = sim::promql::parse("vector(1)");
    }
    return rules;
}

// The check reads the rules from the run: a synthetic run carries `rules` as if it had run them.
DrillVerdict check(const Scenario& s, RunResult& r, const sim::alerting::RuleFacts& rules, bool strict = false) {
    r.rules = rules;
    CheckOptions o;
    o.strict = strict;
    return caracal::check_drill(s, r, o);
}

Scenario scenario_expecting(const std::string& expectations) {
    Scenario s;
    s.name = "synthetic";
    s.expectations = parse(expectations);
    return s;
}

}  // namespace

TEST_CASE("the expectations schema reads alerts, any_of groups, order, behaviour and recovery") {
    const auto e = parse(R"(
alerts:
  - A
  - any_of: [B, C]
order:
  - [A, C]
behavior:
  readiness: {api: unready, sts: degraded}
  fail_closed: true
  nothing_lost: true
recovery: [alerts_resolved, backlogs_drained]
)");
    REQUIRE(e.alerts.size() == 2);
    CHECK(e.alerts[1].names == std::vector<std::string>{"B", "C"});
    CHECK(e.alerts[1].label() == "any_of(B, C)");
    CHECK(e.mentions("C"));
    CHECK_FALSE(e.mentions("D"));
    REQUIRE(e.order.size() == 1);
    CHECK(e.order[0].later == "C");
    REQUIRE(e.behavior.readiness.size() == 2);
    CHECK(e.behavior.readiness[0].service == caracal::Service::Api);
    CHECK(e.behavior.readiness[1].level == ReadinessLevel::Degraded);
    CHECK(e.behavior.fail_closed);
    CHECK_FALSE(e.behavior.last_good_policy);
    CHECK(e.requires_recovery(RecoveryCondition::BacklogsDrained));
    CHECK_FALSE(e.requires_recovery(RecoveryCondition::FreshnessRestored));
}

TEST_CASE("expectations errors name the position and what was expected") {
    CHECK(error_of("alerts: [A]\nordered: true\n") == "2:1: expectations: unknown key \"ordered\"");
    CHECK(error_of("alerts: [A]\norder: [[A, B]]\n") == "2:13: expectations: \"B\" is ordered but not in \"alerts\"");
    CHECK(error_of("alerts: [{any_of: [A]}]\n") ==
          "1:19: expectations: expected \"any_of\" with a list of two or more alert names");
    CHECK(error_of("alerts: [A, A]\n") == "1:13: expectations: \"A\" is expected twice");
    CHECK(error_of("behavior: {readiness: {web: ready}}\n") ==
          "1:24: expectations: unknown service \"web\" (api, sts, gateway, audit, coordinator)");
    CHECK(error_of("behavior: {readiness: {api: down}}\n") == "1:29: expectations: expected ready, degraded or unready");
    CHECK(error_of("behavior: {fail_open: true}\n") == "1:12: expectations: behavior: unknown key \"fail_open\"");
    CHECK(error_of("recovery: [alerts_resolved, alerts_resolved]\n") ==
          "1:29: expectations: recovery condition listed twice");
}

TEST_CASE("TTD is decomposed into condition onset, the rule's for and the evaluation phase") {
    RunResult r = synthetic_run();
    add_alert(r, "A", Duration::seconds(40), Duration::seconds(115), Duration::minutes(12));
    const auto v = check(scenario_expecting("alerts: [A]"), r, rules_with({{"A", Duration::minutes(1)}}));
    REQUIRE(v.alerts.size() == 1);
    REQUIRE(v.alerts[0].detection);
    const auto& d = *v.alerts[0].detection;
    CHECK(d.fired.at == Duration::seconds(115));
    CHECK(d.onset == Duration::seconds(40));
    CHECK(d.hold == Duration::minutes(1));
    CHECK(d.quantisation == Duration::seconds(15));
    CHECK(d.during_fault);
    REQUIRE(v.alert_recovery.size() == 1);
    CHECK(v.alert_recovery[0].ttr == Duration::minutes(2));  // resolved 2m after the fault end
}

TEST_CASE("an expected alert that only went pending is missing and fails the drill") {
    RunResult r = synthetic_run();
    add_alert(r, "A", Duration::seconds(30), never, Duration::minutes(3));
    const auto v = check(scenario_expecting("alerts: [A]"), r, rules_with({{"A", Duration::minutes(30)}}));
    CHECK_FALSE(v.alerts[0].held());
    REQUIRE(v.alerts[0].pending);
    CHECK(v.alerts[0].pending->at == Duration::seconds(30));
    CHECK_FALSE(v.passed());
}

TEST_CASE("an any_of group is satisfied by whichever member fires first") {
    RunResult r = synthetic_run();
    add_alert(r, "C", Duration::seconds(10), Duration::seconds(70), Duration::minutes(11));
    const auto v = check(scenario_expecting("alerts: [{any_of: [B, C]}]"), r, rules_with({{"C", Duration::minutes(1)}}));
    REQUIRE(v.alerts[0].detection);
    CHECK(v.alerts[0].detection->fired.alert == "C");
    CHECK(v.alerts[0].missing_rules == std::vector<std::string>{"B"});
}

TEST_CASE("an order pair holds only when the earlier alert fires strictly first") {
    RunResult r = synthetic_run();
    add_alert(r, "A", Duration::seconds(0), Duration::seconds(60), Duration::minutes(11));
    add_alert(r, "B", Duration::seconds(0), Duration::seconds(60), Duration::minutes(11));
    add_alert(r, "C", Duration::seconds(0), Duration::seconds(90), Duration::minutes(11));
    const auto rules = rules_with({{"A", Duration::minutes(1)}, {"B", Duration::minutes(1)}, {"C", Duration::minutes(1)}});
    const auto v = check(scenario_expecting("alerts: [A, B, C]\norder: [[A, C], [A, B], [C, A]]"), r, rules);
    REQUIRE(v.order.size() == 3);
    CHECK(v.order[0].held());
    CHECK_FALSE(v.order[1].held());  // the same evaluation: not "then"
    CHECK_FALSE(v.order[2].held());
    CHECK_FALSE(v.passed());
}

TEST_CASE("an alert firing before injection breaks the green baseline; pending is only reported") {
    RunResult r = synthetic_run();
    add_alert(r, "Noise", -Duration::minutes(5), -Duration::minutes(4), -Duration::minutes(3));
    add_alert(r, "Blip", -Duration::minutes(2), never, -Duration::minutes(1));
    const auto v = check(scenario_expecting("{}"), r, {});
    REQUIRE(v.baseline.firing.size() == 1);
    CHECK(v.baseline.firing[0].alert == "Noise");
    CHECK(v.baseline.firing[0].at == -Duration::minutes(4));
    REQUIRE(v.baseline.pending.size() == 1);
    CHECK(v.baseline.pending[0].alert == "Blip");
    CHECK_FALSE(v.passed());
}

TEST_CASE("unexpected alerts are reported and fail only under strict") {
    RunResult r = synthetic_run();
    add_alert(r, "Extra", Duration::seconds(5), Duration::seconds(35), Duration::minutes(10));
    const Scenario s = scenario_expecting("{}");
    const auto lenient = check(s, r, {});
    REQUIRE(lenient.unexpected.size() == 1);
    CHECK(lenient.unexpected[0].alert == "Extra");
    CHECK(lenient.passed());
    CHECK_FALSE(check(s, r, {}, /*strict=*/true).passed());
}

TEST_CASE("an alert still active at the end fails alerts_resolved when the scenario requires it") {
    RunResult r = synthetic_run();
    add_alert(r, "A", Duration::seconds(5), Duration::seconds(35), never);
    const auto rules = rules_with({{"A", Duration()}});
    const auto required = check(scenario_expecting("alerts: [A]\nrecovery: [alerts_resolved]"), r, rules);
    CHECK_FALSE(required.recovery[0].held());
    CHECK(required.recovery[0].required);
    CHECK_FALSE(required.green_ttr);
    CHECK_FALSE(required.passed());
    CHECK(check(scenario_expecting("alerts: [A]"), r, rules).passed());
}

TEST_CASE("documented alerts and orders the scenario omits are checked and reported as drift") {
    RunResult r = synthetic_run();
    add_alert(r, "A", Duration::seconds(0), Duration::seconds(60), Duration::minutes(11));
    add_alert(r, "B", Duration::seconds(0), Duration::seconds(90), Duration::minutes(11));
    caracal::DocumentedDrill docs;
    docs.heading = "Drill";
    docs.alerts = {"A", "B", "Never"};
    docs.alert_groups = {{"A"}, {"B"}, {"Never"}};
    docs.order = {{"B", "A"}};
    Scenario s = scenario_expecting("alerts: [A, B, Undocumented]");
    s.drill = "Drill";
    const auto rules = rules_with({{"A", Duration::minutes(1)}, {"B", Duration::minutes(1)}});
    r.rules = rules;
    CheckOptions o;
    o.docs_given = true;
    o.documented = &docs;
    const auto v = caracal::check_drill(s, r, o);
    REQUIRE(v.alerts.size() == 4);
    CHECK(v.alerts[3].source == Source::Docs);
    CHECK(v.alerts[3].expected.names == std::vector<std::string>{"Never"});
    CHECK_FALSE(v.alerts[3].held());
    REQUIRE(v.order.size() == 1);
    CHECK(v.order[0].source == Source::Docs);
    CHECK_FALSE(v.order[0].held());  // B fired after A
    CHECK(v.drift == std::vector<std::string>{
                         "documented alert Never is not expected by the scenario",
                         "expected alert Undocumented is not documented for this drill",
                         "documented order B then A is not asserted by the scenario"});
    o.documented = nullptr;
    CHECK(caracal::check_drill(s, r, o).drift == std::vector<std::string>{"the docs have no drill \"Drill\""});
}

TEST_CASE("a simulated drill is checked end to end: detection, fail closed, readiness and recovery") {
    const Scenario s = caracal::load_scenario(std::string(SOURCE_DIR) + "/tests/fixtures/check/provider-short.yaml");
    caracal::RunOptions run_options;
    run_options.rules_file = std::string(SOURCE_DIR) + "/tests/fixtures/rules/invented-pack.yaml";
    RunResult r = caracal::run(s, run_options);
    CHECK(r.rules.at("CaracalSTSProviderCircuitOpen").hold == Duration::minutes(2));
    CHECK(caracal::rule_facts(run_options).at("CaracalSTSProviderCircuitOpen").hold == Duration::minutes(2));
    const auto v = caracal::check_drill(s, r, {});
    INFO(v.behavior.size());
    CHECK(v.baseline.held());
    CHECK(v.baseline.pods == 10);
    for (const auto& a : v.alerts) {
        REQUIRE(a.detection);
        const auto& d = *a.detection;
        CHECK(d.fired.at == d.onset + d.hold + d.quantisation);
    }
    for (const auto& b : v.behavior) {
        INFO(b.name << ": " << b.detail);
        CHECK(b.held);
    }
    for (const auto& c : v.recovery) {
        INFO(to_string(c.condition) << ": " << c.detail);
        CHECK(c.held());
    }
    REQUIRE(v.green_ttr);
    for (const auto& c : v.recovery) CHECK(*c.ttr <= *v.green_ttr);
    CHECK(v.passed());
}

TEST_CASE("issue 13.4: an alert that clears during the fault has a negative TTR, not 0") {
    RunResult r = synthetic_run();  // fault from +0 to +10m
    add_alert(r, "During", Duration::seconds(0), Duration::seconds(60), Duration::minutes(8));
    add_alert(r, "After", Duration::seconds(0), Duration::seconds(60), Duration::minutes(11));
    const auto v = check(scenario_expecting("alerts: [During]"), r, rules_with({{"During", Duration::minutes(1)}}));
    REQUIRE(v.alert_recovery.size() == 2);
    CHECK(v.alert_recovery[0].alert == "After");
    CHECK(*v.alert_recovery[0].ttr == Duration::minutes(1));
    CHECK_FALSE(v.alert_recovery[0].during_fault());
    CHECK(v.alert_recovery[1].alert == "During");
    CHECK(*v.alert_recovery[1].ttr == -Duration::minutes(2));
    CHECK(v.alert_recovery[1].during_fault());
    CHECK(*v.recovery[0].ttr == Duration::minutes(1));  // alerts_resolved: the signed latest

    RunResult only = synthetic_run();
    add_alert(only, "During", Duration::seconds(0), Duration::seconds(60), Duration::minutes(8));
    const auto w = check(scenario_expecting("alerts: [During]"), only, rules_with({{"During", Duration::minutes(1)}}));
    CHECK(*w.recovery[0].ttr == -Duration::minutes(2));
    CHECK(w.recovery[0].detail.find("during the fault") != std::string::npos);
}

TEST_CASE("issue 13.3: revocations_applied judges only revocations whose propagation budget ended before the run") {
    const Scenario s = scenario_expecting("behavior:\n  revocations_applied: true");
    RunResult r = synthetic_run();
    r.invariants.checks.push_back({"revocations_applied", caracal::Verdict::Unsettled,
                                   "3 committed less than 30s before the end, still pending"});
    auto v = check(s, r, {});
    REQUIRE(v.behavior.size() == 1);
    CHECK(v.behavior[0].held);
    CHECK(v.behavior[0].detail.find("not judged") != std::string::npos);
    CHECK(v.passed());
    r.invariants.checks[0].verdict = caracal::Verdict::Violated;
    v = check(s, r, {});
    CHECK_FALSE(v.behavior[0].held);
    CHECK(v.failed_checks() == std::vector<std::string>{"revocations_applied", "invariant revocations_applied"});
}
