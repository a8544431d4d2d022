#include <catch2/catch.hpp>

#include <set>

#include "analysis/replication.hpp"
#include "sim/alerting/rule_file.hpp"

using namespace caracal;
using analysis::Case;
using analysis::ReplicationPlan;
using sim::Duration;

namespace {

const std::string kShort = "tests/fixtures/check/provider-short.yaml";

Case case_named(const std::string& id) { return {id, load_scenario(kShort), RunOptions{}, CheckOptions{}}; }

std::string drawn(const analysis::Replication& r) {
    return std::to_string(*r.perturbation.scrape_jitter_seed) + " " + std::to_string(r.perturbation.evaluation_phase->ms()) +
           " " + std::to_string(r.perturbation.fault_start_delay.ms()) + " " + std::to_string(r.seed);
}

std::vector<std::string> outcome_texts(const std::vector<std::optional<analysis::Outcome>>& outcomes) {
    std::vector<std::string> out;
    for (const auto& o : outcomes) out.push_back(o ? analysis::to_json(*o).dump() : "-");
    return out;
}

}  // namespace

TEST_CASE("a replication's draws depend only on the master seed, the case id and the replication index") {
    const ReplicationPlan plan{8, 42};
    const Case a = case_named("provider-short");
    Case renamed_file = case_named("provider-short");
    renamed_file.scenario.file = "elsewhere.yaml";
    CHECK(drawn(analysis::replication(plan, a, 3)) == drawn(analysis::replication(plan, renamed_file, 3)));
    CHECK(drawn(analysis::replication(plan, a, 3)) == drawn(analysis::replication({100, 42}, a, 3)));
    CHECK(drawn(analysis::replication(plan, a, 3)) != drawn(analysis::replication(plan, a, 4)));
    CHECK(drawn(analysis::replication(plan, a, 3)) != drawn(analysis::replication({8, 43}, a, 3)));
    CHECK(drawn(analysis::replication(plan, a, 3)) != drawn(analysis::replication(plan, case_named("other"), 3)));
}

TEST_CASE("replication phases fall within the evaluation interval and the fault start within the longer interval") {
    const Case c = case_named("provider-short");
    const Profile profile = c.scenario.apply_overrides(c.run.profile);
    const Duration evaluation = profile.prometheus.evaluation_interval;
    const Duration longest = std::max(evaluation, profile.prometheus.scrape_interval);
    std::set<std::int64_t> phases;
    for (std::size_t i = 0; i < 200; ++i) {
        const auto r = analysis::replication({200, 1}, c, i);
        CHECK(*r.perturbation.evaluation_phase >= Duration());
        CHECK(*r.perturbation.evaluation_phase < evaluation);
        CHECK(r.perturbation.fault_start_delay >= Duration());
        CHECK(r.perturbation.fault_start_delay < longest);
        phases.insert(r.perturbation.evaluation_phase->ms());
    }
    CHECK(phases.size() > 150);  // spread over the interval, not a handful of values
}

TEST_CASE("without Monte Carlo a case runs once, unperturbed, with its own seed") {
    Case c = case_named("provider-short");
    const auto plain = analysis::replication({0, 1}, c, 0);
    CHECK(plain.seed == c.scenario.seed);
    CHECK_FALSE(plain.perturbation.scrape_jitter_seed);
    CHECK_FALSE(plain.perturbation.evaluation_phase);
    CHECK(plain.perturbation.fault_start_delay == Duration());
    c.run.seed = 77;
    CHECK(analysis::replication({0, 1}, c, 0).seed == 77);
}

TEST_CASE("units number cases by replication and map back to their case and replication") {
    const ReplicationPlan plan{3, 1};
    CHECK(plan.units(4) == 12);
    CHECK(analysis::unit_ref(plan, 7).case_index == 2);
    CHECK(analysis::unit_ref(plan, 7).replication == 1);
    CHECK(ReplicationPlan{0, 1}.units(4) == 4);
}

TEST_CASE("run outcomes are the same for any thread count and whichever shard runs a unit") {
    const std::vector<Case> cases{case_named("provider-short")};
    const ReplicationPlan plan{3, 5};
    const auto one_thread = analysis::run_units(cases, plan, {{}, 1, false});
    const auto two_threads = analysis::run_units(cases, plan, {{}, 2, false});
    CHECK(outcome_texts(one_thread) == outcome_texts(two_threads));

    const auto first = analysis::run_units(cases, plan, {{1, 2}, 2, false});
    const auto second = analysis::run_units(cases, plan, {{2, 2}, 1, false});
    for (std::size_t u = 0; u < one_thread.size(); ++u) {
        INFO("unit " << u);
        CHECK((first[u].has_value() != second[u].has_value()));
        const auto& sharded = first[u] ? first[u] : second[u];
        CHECK(analysis::to_json(*sharded).dump() == analysis::to_json(*one_thread[u]).dump());
    }
    // The replications really differ: not every one detects at the same instant.
    const auto texts = outcome_texts(one_thread);
    CHECK(std::set<std::string>(texts.begin(), texts.end()).size() > 1);
}
