// Runs one scenario: the Caracal world on the DES kernel, scraped into a series store, the alert
// rules evaluated on their own Prometheus ticks; the fault steps applied at their offsets from the
// injection instant. Returns the alert timeline, readiness changes and invariants. Deterministic:
// the same scenario, options and seed give the same result.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/world/invariants.hpp"
#include "models/platform/default_profile.hpp"
#include "models/platform/profile.hpp"
#include "models/scenario/scenario.hpp"
#include "models/world/world.hpp"
#include "sim/alerting/alert.hpp"
#include "sim/alerting/rule_facts.hpp"
#include "sim/alerting/rule_override.hpp"
#include "sim/tsdb/storage.hpp"

namespace caracal {

// The reference alert pack, relative to the project root.
inline constexpr const char* kDefaultRulesFile = "models/rules/caracal-alerts.yaml";

// What a Monte Carlo replication varies besides the seed (which drives traffic noise): where the
// scrape and evaluation ticks fall within their intervals, and when the fault starts. Unset fields
// keep Prometheus' hashed phases and the scenario's injection instant.
struct Perturbation {
    std::optional<std::uint64_t> scrape_jitter_seed;  // replaces profile.prometheus.jitter_seed
    std::optional<Duration> evaluation_phase;         // every group's offset within its interval
    Duration fault_start_delay;                        // added to the warm-up
};

// A rule field changed for a what-if run, on a rule of the pack.
using RuleOverride = sim::alerting::RuleOverride;

struct RunOptions {
    Profile profile = default_profile();  // the scenario's overrides are applied on top
    std::string rules_file = kDefaultRulesFile;
    std::optional<std::uint64_t> seed;  // overrides the scenario's
    bool prometheus3_ranges = false;    // left-open range windows (Prometheus 3) instead of 2.x
    Perturbation perturbation;
    std::vector<RuleOverride> rule_overrides;  // applied to the loaded rules, in order
};

// One alert instance (alertname + labels) and every state change it went through.
struct AlertInstance {
    std::string name;
    std::string severity;
    sim::tsdb::Labels labels;  // identity labels, alertname included
    std::vector<sim::alerting::AlertTransition> transitions;  // time order
};

struct AppliedStep {
    std::string fault;  // Fault::describe()
    sim::Time applied_at;
    std::optional<sim::Time> reverted_at;  // unset: one-shot, or still in effect at the end
};

struct RunResult {
    std::string scenario;
    std::uint64_t seed = 0;
    // What the run ran with: the options' profile with the scenario's overrides and the
    // perturbation applied, and the facts of the rules after the options' overrides.
    Profile profile;
    sim::alerting::RuleFacts rules;
    sim::Time start, injection, fault_end, end;
    std::vector<AppliedStep> steps;
    std::vector<AlertInstance> alerts;  // by first transition, then name and labels
    std::vector<ReadinessChange> readiness;  // after the start, in time order
    Invariants invariants;
    // The first evaluation error of each rule that failed, `rule: error`.
    std::vector<std::string> rule_errors;
    std::unique_ptr<sim::tsdb::Storage> storage;  // every scraped and rule-written series
};

// Throws sim::InputError when the rules file does not load or an override does not apply.
RunResult run(const Scenario& scenario, const RunOptions& options);

// The facts of the rules a run with these options runs (RunResult::rules), for commands that need
// them, or need bad rules refused, before any run. Throws as run() does.
sim::alerting::RuleFacts rule_facts(const RunOptions& options);

}  // namespace caracal
