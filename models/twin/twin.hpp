// Runs one scenario: the Caracal world on the DES kernel, scraped into a series store, the alert
// rules evaluated on their own Prometheus ticks; the fault steps applied at their offsets from the
// injection instant. Returns the alert timeline, readiness changes and invariants. Deterministic:
// the same scenario, options and seed give the same result.
#pragma once

#include <cstdint>
#include <map>
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
    // Set: every target scraped at the instants a real server scraped it (conform --scrape-log).
    std::optional<ScrapeInstants> scrape_replay;
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
    // By rule name (the first rule of a name wins): the interval of the group that evaluates it,
    // so its evaluations lie on its transitions plus whole intervals.
    std::map<std::string, sim::Duration> evaluation_intervals;
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

// The run of run() taken a step at a time, for a live twin paced by the wall clock: the same
// world, rules and fault timeline, advanced to an instant and looked at in between. Looking does
// not change the run: finish() returns what run() returns for the same scenario and options.
class TwinSession {
public:
    // Throws as run() does.
    TwinSession(const Scenario& scenario, const RunOptions& options);
    ~TwinSession();
    TwinSession(const TwinSession&) = delete;
    TwinSession& operator=(const TwinSession&) = delete;

    sim::Time start() const;
    sim::Time injection() const;
    sim::Time fault_end() const;
    sim::Time end() const;
    sim::Time now() const;
    const Profile& profile() const;

    // Runs every event due at or before min(t, end()); an earlier t than now() does nothing.
    void advance_to(sim::Time t);
    // The world at now(): its scrape targets and what they answer.
    World& world();
    // Runs to the end and hands over the result; the session is spent afterwards.
    RunResult finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// The facts of the rules a run with these options runs (RunResult::rules), for commands that need
// them, or need bad rules refused, before any run. Throws as run() does.
sim::alerting::RuleFacts rule_facts(const RunOptions& options);

}  // namespace caracal
