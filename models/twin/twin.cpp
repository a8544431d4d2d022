#include "models/twin/twin.hpp"

#include <algorithm>
#include <map>

#include "sim/alerting/rule_manager.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

namespace {

// Rule evaluations run after the scrapes of the same instant, as Prometheus' rule manager reads
// what the scrape loop has already appended.
constexpr sim::des::Priority kRuleEvaluation{100};

std::vector<AlertInstance> alert_instances(const std::vector<sim::alerting::AlertTransition>& log) {
    std::map<sim::tsdb::Labels, AlertInstance> by_identity;
    for (const auto& t : log) {
        sim::tsdb::Labels identity = t.labels;
        identity.set("alertname", t.alertname);
        AlertInstance& a = by_identity[identity];
        if (a.transitions.empty()) {
            a.name = t.alertname;
            a.severity = std::string(t.labels.get("severity"));
            a.labels = identity;
        }
        a.transitions.push_back(t);
    }
    std::vector<AlertInstance> out;
    for (auto& [_, a] : by_identity) out.push_back(std::move(a));
    std::stable_sort(out.begin(), out.end(), [](const AlertInstance& a, const AlertInstance& b) {
        return a.transitions.front().at < b.transitions.front().at;
    });
    return out;
}

// The fault steps on the simulation clock; remembers what was applied and reverted.
class FaultTimeline {
public:
    FaultTimeline(sim::des::Simulation& sim, FaultTarget target) : sim_(sim), target_(target) {}

    void schedule(const FaultStep& step, sim::Time start, sim::Time phase_end) {
        const std::size_t index = steps_.size();
        steps_.push_back({step.fault->describe(), start, std::nullopt});
        active_.push_back({step.fault.get(), {}, false});
        const sim::Time end = step.duration ? start + *step.duration : phase_end;
        sim_.schedule_at(start, [this, index] {
            Active& a = active_[index];
            a.revert = a.fault->apply(target_);
            a.in_effect = static_cast<bool>(a.revert);
        });
        sim_.schedule_at(end, [this, index] {
            Active& a = active_[index];
            if (!a.in_effect) return;
            a.revert();
            a.in_effect = false;
            steps_[index].reverted_at = sim_.now();
        });
    }

    bool evidence_tampered() const {
        return std::any_of(active_.begin(), active_.end(),
                           [](const Active& a) { return a.in_effect && a.fault->tampers_evidence(); });
    }
    std::vector<AppliedStep> steps() const { return steps_; }

private:
    struct Active {
        const Fault* fault;
        Revert revert;
        bool in_effect;
    };
    sim::des::Simulation& sim_;
    FaultTarget target_;
    std::vector<AppliedStep> steps_;
    std::vector<Active> active_;
};

// The rules file with the options' overrides applied: the one place a run's rules are made.
sim::alerting::RuleManager load_rules(const RunOptions& options, sim::alerting::RuleManagerOptions manager = {}) {
    return sim::alerting::RuleManager::load({options.rules_file}, options.rule_overrides, std::move(manager));
}

// A Prometheus server as the profile configures it.
sim::alerting::RuleManagerOptions manager_options(const Profile& profile, const RunOptions& options) {
    sim::alerting::RuleManagerOptions out;
    out.evaluation_interval = profile.prometheus.evaluation_interval;
    out.lookback = profile.prometheus.lookback_delta;
    out.ranges = options.prometheus3_ranges ? sim::tsdb::RangeBoundary::LeftOpen : sim::tsdb::RangeBoundary::Closed;
    return out;
}

}  // namespace

sim::alerting::RuleFacts rule_facts(const RunOptions& options) { return load_rules(options).facts(); }

RunResult run(const Scenario& scenario, const RunOptions& options) {
    Profile profile = scenario.apply_overrides(options.profile);
    const Perturbation& perturbation = options.perturbation;
    if (perturbation.scrape_jitter_seed)
        profile.prometheus.jitter_seed = static_cast<std::int64_t>(*perturbation.scrape_jitter_seed);
    sim::alerting::RuleManager rules = load_rules(options, manager_options(profile, options));

    RunResult result;
    result.scenario = scenario.name;
    result.rules = rules.facts();
    result.seed = options.seed.value_or(scenario.seed);
    result.start = sim::Time::epoch();
    result.injection = result.start + scenario.warmup + perturbation.fault_start_delay;
    result.fault_end = result.injection + scenario.fault_duration;
    result.end = result.fault_end + scenario.recovery;
    result.storage = std::make_unique<sim::tsdb::Storage>();
    result.profile = profile;

    sim::des::Simulation sim(result.seed, result.start);
    World world(sim, *result.storage, profile);
    world.gateway().set_load(scenario.traffic_multiplier);

    std::vector<sim::alerting::AlertTransition> log;
    rules.restore();
    rules.set_transition_log(&log);
    sim::tsdb::Storage& storage = *result.storage;
    for (sim::alerting::GroupIndex g = 0; g < rules.groups().size(); ++g)
        sim.every(rules.interval(g), rules.first_slot(g, result.start, perturbation.evaluation_phase), kRuleEvaluation,
                  [&sim, &rules, &storage, g] { rules.eval(g, sim.now(), storage); });

    FaultTimeline timeline(sim, FaultTarget{world, scenario.traffic_multiplier});
    for (const auto& step : scenario.faults) timeline.schedule(step, result.injection + step.at, result.fault_end);

    sim.run_until(result.end);

    result.steps = timeline.steps();
    result.alerts = alert_instances(log);
    for (const auto& change : world.readiness_changes())
        if (change.at > result.start) result.readiness.push_back(change);  // not every pod's initial state
    result.invariants = check_invariants(world, {result.end, timeline.evidence_tampered()});
    std::map<std::string, std::string> first_errors;
    for (const auto& e : rules.errors()) first_errors.try_emplace(e.rule, e.error);
    for (const auto& [rule, error] : first_errors) result.rule_errors.push_back(rule + ": " + error);
    return result;
}

}  // namespace caracal
