#include <catch2/catch.hpp>

#include <sstream>

#include "models/twin/twin.hpp"
#include "sim/alerting/rule_file.hpp"

using caracal::RunOptions;
using caracal::RunResult;
using caracal::parse_scenario_text;
using sim::Duration;
using sim::alerting::AlertState;

namespace {

RunOptions options() {
    RunOptions o;
    o.rules_file = std::string(SOURCE_DIR) + "/tests/fixtures/rules/invented-pack.yaml";
    return o;
}

const caracal::AlertInstance* first_named(const RunResult& r, const std::string& name) {
    for (const auto& a : r.alerts)
        if (a.name == name) return &a;
    return nullptr;
}

std::optional<sim::Time> first_firing(const caracal::AlertInstance& a) {
    for (const auto& t : a.transitions)
        if (t.to == AlertState::Firing) return t.at;
    return std::nullopt;
}

// Everything a run reports, as text, to compare two runs.
std::string fingerprint(const RunResult& r) {
    std::ostringstream s;
    for (const auto& a : r.alerts) {
        s << a.name << a.labels.to_string() << a.severity;
        for (const auto& t : a.transitions) s << " " << t.at.unix_ms() << ":" << int(t.to) << ":" << t.value;
        s << "\n";
    }
    for (const auto& c : r.readiness) s << c.pod << c.at.unix_ms() << c.ready << "\n";
    for (const auto& c : r.invariants.checks) s << c.name << c.detail << "\n";
    s << r.storage->size();
    return s.str();
}

void check_invariants_hold(const RunResult& r) {
    for (const auto& c : r.invariants.checks) {
        INFO(c.name << ": " << c.detail);
        CHECK(c.verdict != caracal::Verdict::Violated);
    }
}

const char* kCredential = R"(
name: credential
warmup: 10m
fault_duration: 8m
recovery: 10m
faults:
  - {primitive: expire_credential}
)";

}  // namespace

TEST_CASE("an expired provider credential fires (fixture) refresh errors, then circuit open, and both resolve in recovery") {
    const auto r = caracal::run(parse_scenario_text(kCredential, "s.yaml"), options());
    CHECK(r.injection == r.start + Duration::minutes(10));
    CHECK(r.fault_end == r.injection + Duration::minutes(8));
    CHECK(r.end == r.fault_end + Duration::minutes(10));
    std::vector<sim::Time> fired_at;
    for (const char* name : {"CaracalSTSProviderRefreshErrors", "CaracalSTSProviderCircuitOpen"}) {
        INFO(name);
        const auto* a = first_named(r, name);
        REQUIRE(a != nullptr);
        CHECK(a->severity == "warning");
        CHECK(a->labels.get("job") != "");
        const auto fired = first_firing(*a);
        REQUIRE(fired.has_value());
        CHECK(*fired > r.injection);
        CHECK(*fired < r.fault_end);
        CHECK(a->transitions.back().to == AlertState::Inactive);
        CHECK(a->transitions.back().at < r.end);
        fired_at.push_back(*fired);
    }
    CHECK(fired_at[0] < fired_at[1]);
    CHECK(r.rule_errors.empty());
    check_invariants_hold(r);
}

TEST_CASE("fault steps are applied at injection + at and removed after their duration or with the fault phase") {
    const auto r = caracal::run(parse_scenario_text(R"(
name: steps
warmup: 1m
fault_duration: 4m
recovery: 1m
faults:
  - {primitive: pause, consumer_group: audit-ingestor, at: 30s, duration: 1m}
  - {primitive: expire_credential, at: 1m, duration: until_recovered}
  - {primitive: revoke, at: 2m}
  - {primitive: load, multiplier: 2, at: 3m, duration: 10m}
)",
                                                    "s.yaml"),
                                options());
    REQUIRE(r.steps.size() == 4);
    CHECK(r.steps[0].applied_at == r.injection + Duration::seconds(30));
    CHECK(r.steps[0].reverted_at == r.injection + Duration::seconds(90));
    CHECK(r.steps[1].applied_at == r.injection + Duration::minutes(1));
    CHECK(r.steps[1].reverted_at == r.fault_end);
    CHECK(r.steps[2].applied_at == r.injection + Duration::minutes(2));
    CHECK_FALSE(r.steps[2].reverted_at.has_value());  // one-shot
    CHECK_FALSE(r.steps[3].reverted_at.has_value());  // would end after the run
    check_invariants_hold(r);
}

TEST_CASE("alert transitions happen on their rule group's evaluation slots") {
    const auto r = caracal::run(parse_scenario_text(kCredential, "s.yaml"), options());
    const auto rules = sim::alerting::load_rule_file(options().rules_file);
    REQUIRE_FALSE(r.alerts.empty());
    for (const auto& a : r.alerts)
        for (const auto& group : rules.groups)
            for (const auto& rule : group.rules())
                if (rule->name() == a.name)
                    for (const auto& t : a.transitions)
                        CHECK(group.next_slot(t.at, *group.interval()) == t.at);
}

TEST_CASE("the same scenario and seed give identical results; the seed option overrides the scenario's") {
    const auto scenario = parse_scenario_text(kCredential, "s.yaml");
    const auto a = caracal::run(scenario, options());
    const auto b = caracal::run(scenario, options());
    CHECK(fingerprint(a) == fingerprint(b));
    RunOptions reseeded = options();
    reseeded.seed = 99;
    const auto c = caracal::run(scenario, reseeded);
    CHECK(c.seed == 99);
}

TEST_CASE("a missing rules file is an input error") {
    RunOptions o = options();
    o.rules_file = "/nonexistent/rules.yaml";
    CHECK_THROWS_AS(caracal::run(parse_scenario_text("name: x\nfault_duration: 1m\n", "s.yaml"), o), sim::InputError);
}

TEST_CASE("six hours without faults at the default profile fire no alert and hold none pending past one evaluation") {
    const auto r = caracal::run(parse_scenario_text("name: quiet\nwarmup: 10m\nfault_duration: 6h\n", "s.yaml"), options());
    const Duration evaluation = options().profile.prometheus.evaluation_interval;
    for (const auto& a : r.alerts) {
        INFO(a.name << " " << a.labels.to_string());
        sim::Time pending_since;
        for (const auto& t : a.transitions) {
            CHECK(t.to != AlertState::Firing);
            if (t.to == AlertState::Pending) pending_since = t.at;
            if (t.from == AlertState::Pending) CHECK(t.at - pending_since <= evaluation);
        }
        CHECK(a.transitions.back().to == AlertState::Inactive);
    }
    CHECK(r.rule_errors.empty());
    check_invariants_hold(r);
}
