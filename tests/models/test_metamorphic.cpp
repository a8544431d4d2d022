// Issue 13: metamorphic relations over the whole drill catalog. Each varies one cause and states
// how the prediction must move, whatever the model's numbers: the world never reads the alerts, so
// a rule change leaves every series as it was and moves only what the alert state machine derives.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "models/drill/drill_check.hpp"
#include "models/drill/drill_check_parts.hpp"
#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"
#include "sim/promql/parser.hpp"
#include "tests/support/catalog.hpp"

using namespace caracal;
using sim::Duration;
using sim::Time;
using sim::alerting::AlertState;

namespace {

std::vector<Scenario> catalog() {
    auto out = testing::catalog();
    REQUIRE(out.size() >= 13);
    return out;
}

// One pending-to-inactive stretch of an alert instance: when it went pending (ActiveAt), fired,
// and went inactive (unset: still active when the run ended).
struct Episode {
    std::optional<Time> firing, end;
};
using InstanceKey = std::pair<std::string, std::string>;  // alertname, labels
using Episodes = std::map<InstanceKey, std::map<Time, Episode>>;  // by instance, then ActiveAt

Episodes episodes(const RunResult& run) {
    Episodes out;
    for (const auto& a : run.alerts) {
        auto& mine = out[{a.name, a.labels.to_string()}];
        std::optional<Time> active_at;
        for (const auto& t : a.transitions) {
            if (t.from == AlertState::Inactive) active_at = t.at;
            REQUIRE(active_at.has_value());
            Episode& e = mine[*active_at];
            if (t.to == AlertState::Firing) e.firing = t.at;
            if (t.to == AlertState::Inactive) e.end = t.at;
        }
    }
    return out;
}

// The state of an instance at `at`, from its episodes.
bool firing_at(const std::map<Time, Episode>& episodes, Time at) {
    for (const auto& [active_at, e] : episodes)
        if (e.firing && *e.firing <= at && (!e.end || at < *e.end)) return true;
    return false;
}

bool ordering(sim::promql::BinOp op) {
    using sim::promql::BinOp;
    return op == BinOp::Gtr || op == BinOp::Gte || op == BinOp::Lss || op == BinOp::Lte;
}

Duration round_up(Duration d, Duration step) { return Duration::millis((d.ms() + step.ms() - 1) / step.ms() * step.ms()); }

RunOptions with_overrides(std::vector<RuleOverride> overrides) {
    RunOptions options;
    options.rule_overrides = std::move(overrides);
    return options;
}

// An audit-pipeline scenario with one fault on the Audit service, traffic without its slow random
// walk, so that what moves a backlog is the fault and the Poisson arrivals only.
Scenario audit_scenario(const std::string& fault, Duration fault_duration, double load, Duration recovery) {
    const std::string text = "name: audit-metamorphic\n"
                             "seed: 1\n"
                             "warmup: 10m\n"
                             "fault_duration: " + sim::format_duration(fault_duration) + "\n"
                             "recovery: " + sim::format_duration(recovery) + "\n"
                             "traffic: {multiplier: " + std::to_string(load) + "}\n"
                             "profile: {traffic.rate_noise: 0}\n"
                             "faults:\n  - " + fault + "\n"
                             "expectations:\n  recovery: [backlogs_drained]\n";
    return parse_scenario_text(text, "audit-metamorphic.yaml");
}

double value_at(const drill::RunQuery& query, const char* expr, Time t) {
    const auto v = query.value(*sim::promql::parse(expr), t);
    REQUIRE(v.has_value());
    return *v;
}

}  // namespace

TEST_CASE("issue 13: `for` + 1m moves every firing of every drill by exactly 1m on the evaluation grid, or drops it "
          "when its episode ended sooner") {
    const Duration delta = Duration::minutes(1);
    std::size_t shifted = 0;
    for (const auto& scenario : catalog()) {
        INFO(scenario.file);
        const RunResult base = run(scenario, RunOptions{});
        const Duration interval = base.profile.prometheus.evaluation_interval;
        std::vector<RuleOverride> longer;
        for (const auto& [name, facts] : base.rules)
            longer.push_back({name, "for", std::to_string((facts.hold + delta).ms()) + "ms"});
        const RunResult variant = run(scenario, with_overrides(longer));
        const Episodes before = episodes(base), after = episodes(variant);
        for (const auto& [instance, list] : before) {
            const Duration hold = base.rules.at(instance.first).hold;
            for (const auto& [active_at, e] : list) {
                INFO(instance.first << instance.second << " active at " << sim::format_duration(active_at - base.start));
                if (e.firing) REQUIRE(*e.firing == active_at + round_up(hold, interval));  // the grid is the one we think
                const Time moved = active_at + round_up(hold + delta, interval);
                const bool lasts = e.firing && (!e.end || moved < *e.end) && moved < base.end - interval;
                if (!lasts && !(e.firing && !e.end)) {
                    // The condition cleared before the longer hold: pending only, then inactive when it did.
                    REQUIRE(after.count(instance));
                    REQUIRE(after.at(instance).count(active_at));
                    CHECK_FALSE(after.at(instance).at(active_at).firing.has_value());
                    CHECK(after.at(instance).at(active_at).end == e.end);
                } else if (lasts) {
                    REQUIRE(after.at(instance).count(active_at));
                    CHECK(after.at(instance).at(active_at).firing == moved);
                    CHECK(after.at(instance).at(active_at).end == e.end);
                    ++shifted;
                }
            }
        }
    }
    CHECK(shifted > 10);  // the relation was exercised, not vacuously true
}

TEST_CASE("issue 13: a threshold moved towards the signal never delays an alert: every instant an instance fired, "
          "it still fires") {
    std::size_t compared = 0;
    for (const auto& scenario : catalog()) {
        INFO(scenario.file);
        const RunResult base = run(scenario, RunOptions{});
        std::vector<RuleOverride> easier;
        for (const auto& [name, facts] : base.rules) {
            // Only an ordering has a side towards the signal: `== 1` moved is another condition.
            if (!facts.watched || !ordering(facts.watched->op)) continue;
            const double t = facts.watched->threshold;
            const double step = std::max(1.0, std::abs(t));
            const double moved = facts.watched->alerts_upward() ? t - step : t + step;
            easier.push_back({name, "threshold", std::to_string(moved)});
        }
        const RunResult variant = run(scenario, with_overrides(easier));
        const Episodes before = episodes(base), after = episodes(variant);
        for (const auto& [instance, list] : before)
            for (const auto& [active_at, e] : list) {
                if (!e.firing) continue;
                INFO(instance.first << instance.second << " fired at " << sim::format_duration(*e.firing - base.start));
                REQUIRE(after.count(instance));
                CHECK(firing_at(after.at(instance), *e.firing));
                ++compared;
            }
    }
    CHECK(compared > 10);
}

TEST_CASE("issue 13: a longer fault never removes an alert that fired after injection in a shorter one") {
    std::size_t compared = 0;
    for (const auto& scenario : catalog()) {
        INFO(scenario.file);
        Scenario longer = scenario;
        longer.fault_duration = scenario.fault_duration + scenario.fault_duration;
        const RunResult short_run = run(scenario, RunOptions{}), long_run = run(longer, RunOptions{});
        std::set<std::string> in_long;
        for (const auto& a : long_run.alerts)
            for (const auto& t : a.transitions)
                if (t.to == AlertState::Firing && t.at >= long_run.injection) in_long.insert(a.name);
        for (const auto& a : short_run.alerts)
            for (const auto& t : a.transitions)
                if (t.to == AlertState::Firing && t.at >= short_run.injection) {
                    INFO(a.name << " fired " << sim::format_duration(t.at - short_run.injection) << " after injection");
                    CHECK(in_long.count(a.name));
                    ++compared;
                }
    }
    CHECK(compared > 10);
}

// Issue 13: with the Audit datastore refusing every insert the pipeline's capacity is 0, so what the
// producers add (the warm-up insert rate, which matched arrivals while capacity exceeded them) must
// accumulate: first as pending entries (XPENDING, caracal_audit_consumer_lag, until an entry's 8th
// delivery, services/audit/internal/server.go@46a980b6c), then in the DLQ, one per event.
TEST_CASE("issue 13: consumer-lag and DLQ growth slopes are within 5% of arrival minus capacity at 0.5x, 1x and 2x load") {
    const Duration fault = Duration::hours(1);
    for (double load : {0.5, 1.0, 2.0}) {
        INFO("load x" << load);
        const RunResult r = run(audit_scenario("{primitive: fault_datastore, datastore: audit, error_rate: 1.0}",
                                               fault, load, Duration::minutes(1)),
                                RunOptions{});
        const drill::RunQuery q(r, Duration::minutes(5));
        const double arrival = value_at(q, "sum(rate(caracal_audit_inserts_total[10m]))", r.injection);
        const double capacity = value_at(q, "sum(rate(caracal_audit_inserts_total[10m]))", r.fault_end);
        REQUIRE(arrival > 0);
        CHECK(capacity == 0);
        // Pending entries: from the first lag poll after injection to before the first dead-lettering
        // (the 30 s reaper redelivers an entry, so its 8th delivery is minutes away). Both ends read a
        // 30 s poll, so a span of whole polls measures the span it says.
        const Time lag_from = r.injection + Duration::seconds(30), lag_to = r.injection + Duration::minutes(3);
        const double lag_slope = (value_at(q, "max(caracal_audit_consumer_lag)", lag_to) -
                                  value_at(q, "max(caracal_audit_consumer_lag)", lag_from)) /
                                 (lag_to - lag_from).secs();
        // Dead-lettered entries, once pending entries reach their 8th delivery: the pending count then
        // swings by a reaper batch around its level, which a 50-minute span makes small.
        const Time dlq_from = r.injection + Duration::minutes(10), dlq_to = r.fault_end;
        const double dlq_slope = (value_at(q, "max(caracal_audit_dlq_size)", dlq_to) -
                                  value_at(q, "max(caracal_audit_dlq_size)", dlq_from)) /
                                 (dlq_to - dlq_from).secs();
        INFO("arrival " << arrival << "/s, lag slope " << lag_slope << "/s, DLQ slope " << dlq_slope << "/s");
        CHECK(std::abs(lag_slope - (arrival - capacity)) <= 0.05 * arrival);
        CHECK(std::abs(dlq_slope - (arrival - capacity)) <= 0.05 * arrival);
    }
}

// Issue 13.2 (defect 2): backlogs_drained measured the traffic noise, not the fault. The audit
// pending backlog is the one a paused consumer group grows; it is judged against its own warm-up
// range, so its TTR grows with the pause, and no unrelated backlog is named.
TEST_CASE("issue 13.2: backlogs_drained TTR is non-decreasing in the length of an audit-consumer pause, grows from 1m "
          "to 60m, and names only the audit backlog") {
    std::optional<Duration> previous;
    Duration shortest, longest;
    for (int minutes : {1, 3, 5, 10, 15, 30, 60}) {
        INFO("pause " << minutes << "m");
        const Scenario s = audit_scenario("{primitive: pause, consumer_group: audit-ingestor}",
                                          Duration::minutes(minutes), 1.0, Duration::minutes(30));
        const DrillVerdict v = check_drill(s, run(s, RunOptions{}), {});
        const auto drained = std::find_if(v.recovery.begin(), v.recovery.end(), [](const RecoveryVerdict& c) {
            return c.condition == RecoveryCondition::BacklogsDrained;
        });
        REQUIRE(drained != v.recovery.end());
        INFO(drained->detail);
        REQUIRE(drained->ttr.has_value());
        CHECK(drained->detail.find("API outbox") == std::string::npos);
        CHECK(drained->detail.find("replay files") == std::string::npos);
        if (previous) CHECK(*drained->ttr >= *previous);
        if (!previous) shortest = *drained->ttr;
        longest = *drained->ttr;
        previous = drained->ttr;
    }
    CHECK(longest > shortest);
}
