// The alert state machine, case by case, as shared/reference/prometheus-semantics.md §1.2 states it.
#include <catch2/catch.hpp>

#include "rule_test_helpers.hpp"

using namespace test_support;

namespace {

struct Harness {
    explicit Harness(const AlertingRuleArgs& args) : rule(make_alerting_rule(args)) { rule->set_transition_log(&log); }

    void set(const tsdb::Labels& series, int minute, double v) { storage.append(series, at_min(minute), v); }
    // One sample a minute from minute 0; `m > 0` holds where the value is positive.
    void feed(const tsdb::Labels& series, std::initializer_list<double> per_minute) {
        int minute = 0;
        for (double v : per_minute) set(series, minute++, v);
    }
    std::optional<promql::Vector> eval(int minute) { return rule->eval(at_min(minute), Duration(), storage, ctx); }
    void eval_through(int first, int last) {
        for (int m = first; m <= last; ++m) eval(m);
    }
    std::vector<Alert> active() const { return rule->active_alerts(); }

    tsdb::Storage storage;
    RuleContext ctx;
    std::vector<AlertTransition> log;
    std::unique_ptr<AlertingRule> rule;
};

const tsdb::Labels kA = series("m", {{"i", "a"}});
const tsdb::Labels kB = series("m", {{"i", "b"}});

}  // namespace

TEST_CASE("for: 0 fires in the same evaluation that first sees the condition, with no pending sample") {
    Harness h({});
    h.set(kA, 0, 1);
    const auto out = h.eval(0);
    REQUIRE(out);
    REQUIRE(h.active().size() == 1);
    CHECK(h.active()[0].state == AlertState::Firing);
    CHECK(h.active()[0].active_at == at_min(0));
    CHECK(h.active()[0].fired_at == at_min(0));
    CHECK(samples_named(*out, "ALERTS", "firing").size() == 1);
    CHECK(samples_named(*out, "ALERTS", "pending").empty());
}

TEST_CASE("a pending alert fires at the first evaluation where ts - ActiveAt >= for") {
    Harness h({.hold = Duration::minutes(2)});
    h.feed(kA, {1, 1, 1});
    h.eval(0);
    REQUIRE(h.active().size() == 1);
    CHECK(h.active()[0].state == AlertState::Pending);
    CHECK(h.active()[0].active_at == at_min(0));
    const auto pending_out = h.eval(1);
    CHECK(h.active()[0].state == AlertState::Pending);
    CHECK(samples_named(*pending_out, "ALERTS", "pending").size() == 1);
    const auto firing_out = h.eval(2);
    CHECK(h.active()[0].state == AlertState::Firing);
    CHECK(h.active()[0].fired_at == at_min(2));
    CHECK(h.active()[0].active_at == at_min(0));
    CHECK(samples_named(*firing_out, "ALERTS", "firing").size() == 1);
}

TEST_CASE("for shorter than the interval fires only at the second evaluation") {
    Harness h({.hold = Duration::seconds(30)});
    h.set(kA, 0, 1);
    h.eval(0);
    CHECK(h.active()[0].state == AlertState::Pending);
    h.eval(1);
    CHECK(h.active()[0].state == AlertState::Firing);
    CHECK(h.active()[0].fired_at == at_min(1));
}

TEST_CASE("a pending alert is deleted on a single absent tick and comes back with a fresh ActiveAt") {
    Harness h({.hold = Duration::minutes(5)});
    h.feed(kA, {1, 1, 0, 1});
    h.eval_through(0, 2);
    CHECK(h.active().empty());
    CHECK(h.rule->all_alerts().empty());
    h.eval(3);
    REQUIRE(h.active().size() == 1);
    CHECK(h.active()[0].state == AlertState::Pending);
    CHECK(h.active()[0].active_at == at_min(3));
}

TEST_CASE("a firing alert that disappears becomes inactive with ResolvedAt and writes no ALERTS sample") {
    Harness h({});
    h.feed(kA, {1, 0});
    h.eval(0);
    const auto out = h.eval(1);
    REQUIRE(out);
    CHECK(out->empty());
    CHECK(h.active().empty());
    const auto all = h.rule->all_alerts();
    REQUIRE(all.size() == 1);
    CHECK(all[0].state == AlertState::Inactive);
    CHECK(all[0].resolved_at == at_min(1));
    CHECK(all[0].fired_at == at_min(0));
}

TEST_CASE("a resolved alert is retained for 15 minutes and dropped after") {
    Harness h({});
    h.feed(kA, {1, 0});
    h.eval_through(0, 1);
    h.eval(16);  // exactly 15m after ResolvedAt: still kept (Prometheus drops when strictly older)
    CHECK(h.rule->all_alerts().size() == 1);
    h.eval(17);
    CHECK(h.rule->all_alerts().empty());
}

TEST_CASE("an alert that returns after resolving is a new alert with a fresh ActiveAt") {
    Harness h({.hold = Duration::minutes(1)});
    h.feed(kA, {1, 1, 0, 1});
    h.eval_through(0, 3);
    REQUIRE(h.active().size() == 1);
    CHECK(h.active()[0].state == AlertState::Pending);
    CHECK(h.active()[0].active_at == at_min(3));
    CHECK_FALSE(h.active()[0].resolved_at.has_value());
}

TEST_CASE("keep_firing_for keeps an absent alert firing until ts - KeepFiringSince reaches it") {
    Harness h({.keep_firing_for = Duration::minutes(2)});
    h.feed(kA, {1, 0, 0, 0});
    h.eval(0);
    const auto kept = h.eval(1);
    REQUIRE(h.active().size() == 1);
    CHECK(h.active()[0].state == AlertState::Firing);
    CHECK(h.active()[0].keep_firing_since == at_min(1));
    CHECK(samples_named(*kept, "ALERTS", "firing").size() == 1);
    h.eval(2);
    CHECK(h.active().size() == 1);
    h.eval(3);
    CHECK(h.active().empty());
    CHECK(h.rule->all_alerts().at(0).resolved_at == at_min(3));
}

TEST_CASE("keep_firing_for's countdown is cancelled when the condition returns") {
    Harness h({.keep_firing_for = Duration::minutes(2)});
    h.feed(kA, {1, 0, 1, 0, 0, 0});
    h.eval_through(0, 2);
    REQUIRE(h.active().size() == 1);
    CHECK_FALSE(h.active()[0].keep_firing_since.has_value());
    h.eval(3);
    CHECK(h.active()[0].keep_firing_since == at_min(3));
    h.eval(4);
    CHECK(h.active().size() == 1);  // 4m - 3m < 2m: the countdown restarted at 3m
    h.eval(5);
    CHECK(h.active().empty());
}

TEST_CASE("a query error changes no alert state, writes nothing and is reported") {
    // One-to-one matching with two series on the right side is an evaluation error.
    Harness h({.expr = "m + on() n > 0", .hold = Duration::minutes(2)});
    const auto n1 = series("n", {{"j", "1"}});
    const auto n2 = series("n", {{"j", "2"}});
    h.set(kA, 0, 1);
    h.set(n1, 0, 0);
    h.eval(0);
    REQUIRE(h.active().size() == 1);
    const auto log_size = h.log.size();
    h.set(n2, 1, 0);
    CHECK_FALSE(h.eval(1).has_value());
    REQUIRE(h.rule->last_error().has_value());
    CHECK(h.log.size() == log_size);
    REQUIRE(h.active().size() == 1);
    CHECK(h.active()[0].state == AlertState::Pending);
    CHECK(h.active()[0].active_at == at_min(0));
    // Time passed during the error still counts towards `for`.
    h.set(n2, 2, tsdb::stale_nan());
    REQUIRE(h.eval(2).has_value());
    CHECK_FALSE(h.rule->last_error().has_value());
    CHECK(h.active()[0].state == AlertState::Firing);
}

TEST_CASE("two results with the same alert labels are an error and create no alert") {
    Harness h({.labels = {{"i", "same"}}});
    h.set(kA, 0, 1);
    h.set(kB, 0, 1);
    CHECK_FALSE(h.eval(0).has_value());
    CHECK(h.rule->last_error() == "vector contains metrics with the same labelset after applying alert labels");
    CHECK(h.rule->all_alerts().empty());
}

TEST_CASE("more active alerts than the limit clears the rule's alerts and fails the evaluation") {
    Harness h({});
    h.set(kA, 0, 1);
    h.set(kB, 0, 1);
    REQUIRE(h.rule->eval(at_min(0), Duration(), h.storage, h.ctx, 2));
    CHECK(h.active().size() == 2);
    CHECK_FALSE(h.rule->eval(at_min(0), Duration(), h.storage, h.ctx, 1));
    CHECK(h.rule->last_error() == "exceeded limit of 1 with 2 alerts");
    CHECK(h.rule->all_alerts().empty());
}

TEST_CASE("alert labels are the result labels minus __name__, plus expanded rule labels and alertname") {
    Harness h({.name = "Hot",
               .labels = {{"severity", "critical"}, {"team", "t-{{ $labels.i }}"}},
               .annotations = {{"summary", "{{ $labels.i }} is {{ $value }}"}, {"empty", "{{ $labels.none }}"}}});
    h.set(series("m", {{"i", "a"}, {"severity", "low"}}), 0, 7);
    const auto out = h.eval(0);
    const auto active = h.active();
    REQUIRE(active.size() == 1);
    const Alert& a = active[0];
    CHECK(a.labels == tsdb::Labels{{"alertname", "Hot"}, {"i", "a"}, {"severity", "critical"}, {"team", "t-a"}});
    CHECK(a.annotations == tsdb::Labels{{"summary", "a is 7"}});
    CHECK(a.value == 7);
    const auto alerts = samples_named(*out, "ALERTS");
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].metric == tsdb::Labels{{"__name__", "ALERTS"}, {"alertname", "Hot"}, {"alertstate", "firing"},
                                           {"i", "a"}, {"severity", "critical"}, {"team", "t-a"}});
    CHECK(alerts[0].v == 1);
}

TEST_CASE("$value in a label makes a new alert whenever the value changes") {
    Harness h({.hold = Duration::minutes(5), .labels = {{"v", "{{ $value }}"}}});
    h.feed(kA, {1, 2});
    h.eval_through(0, 1);
    REQUIRE(h.active().size() == 1);
    CHECK(h.active()[0].labels.get("v") == "2");
    CHECK(h.active()[0].active_at == at_min(1));
}

TEST_CASE("ALERTS_FOR_STATE holds ActiveAt in whole Unix seconds") {
    Harness h({.hold = Duration::minutes(5)});
    h.set(kA, 0, 1);
    const Time ts = Time::epoch() + Duration::millis(61'500);
    const auto out = h.rule->eval(ts, Duration(), h.storage, h.ctx);
    const auto for_state = samples_named(*out, "ALERTS_FOR_STATE");
    REQUIRE(for_state.size() == 1);
    CHECK(for_state[0].v == 61);
    CHECK(for_state[0].t == ts);
    CHECK(for_state[0].metric == tsdb::Labels{{"__name__", "ALERTS_FOR_STATE"}, {"alertname", "HighValue"}, {"i", "a"}});
}

TEST_CASE("an unrestored rule advances its alerts but writes no ALERTS series") {
    Harness h({});
    h.rule->set_restored(false);
    h.set(kA, 0, 1);
    const auto out = h.eval(0);
    REQUIRE(out);
    CHECK(out->empty());
    CHECK(h.active().size() == 1);
}

TEST_CASE("query_offset moves the query and the output stamps back, not ActiveAt") {
    Harness h({.hold = Duration::minutes(5)});
    h.set(kA, 0, 1);
    h.set(kA, 1, 0);  // the condition is gone at 1m, but a 1m offset still queries 0m
    const auto out = h.rule->eval(at_min(1), Duration::minutes(1), h.storage, h.ctx);
    REQUIRE(h.active().size() == 1);
    CHECK(h.active()[0].active_at == at_min(1));
    const auto for_state = samples_named(*out, "ALERTS_FOR_STATE");
    REQUIRE(for_state.size() == 1);
    CHECK(for_state[0].t == at_min(0));
    CHECK(for_state[0].v == 60);
}

TEST_CASE("the transition log records every state change in order") {
    Harness h({.hold = Duration::minutes(1)});
    h.feed(kA, {1, 1, 0});
    h.eval_through(0, 2);
    REQUIRE(h.log.size() == 3);
    CHECK((h.log[0].from == AlertState::Inactive && h.log[0].to == AlertState::Pending && h.log[0].at == at_min(0)));
    CHECK((h.log[1].from == AlertState::Pending && h.log[1].to == AlertState::Firing && h.log[1].at == at_min(1)));
    CHECK((h.log[2].from == AlertState::Firing && h.log[2].to == AlertState::Inactive && h.log[2].at == at_min(2)));
    CHECK(h.log[2].alertname == "HighValue");
    CHECK(h.log[2].labels == tsdb::Labels{{"alertname", "HighValue"}, {"i", "a"}});
}

TEST_CASE("active alerts are sorted by their labels") {
    Harness h({});
    h.set(kB, 0, 1);
    h.set(kA, 0, 1);
    h.eval(0);
    REQUIRE(h.active().size() == 2);
    CHECK(h.active()[0].labels.get("i") == "a");
    CHECK(h.active()[1].labels.get("i") == "b");
}
