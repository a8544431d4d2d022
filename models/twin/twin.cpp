#include "models/twin/twin.hpp"

#include <algorithm>
#include <map>

#include "models/scenario/routine_disturbances.hpp"
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
        active_.push_back({step.fault, {}, false});
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
        std::shared_ptr<const Fault> fault;  // shared: drawn disturbances live nowhere else
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

namespace {

// A result whose series store exists before the world that scrapes into it.
RunResult with_storage() {
    RunResult r;
    r.storage = std::make_unique<sim::tsdb::Storage>();
    return r;
}

}  // namespace

// Everything one run holds, in the order it must be built (and torn down in reverse).
struct TwinSession::State {
    State(const Scenario& scenario, const RunOptions& options, Profile run_profile)
        : profile(std::move(run_profile)),
          rules(load_rules(options, manager_options(profile, options))),
          sim(options.seed.value_or(scenario.seed), sim::Time::epoch()),
          world(sim, *result.storage, profile, options.scrape_replay),
          timeline(sim, FaultTarget{world, scenario.traffic_multiplier}) {}

    Profile profile;
    sim::alerting::RuleManager rules;
    RunResult result = with_storage();
    sim::des::Simulation sim;
    World world;
    std::vector<sim::alerting::AlertTransition> log;
    FaultTimeline timeline;
};

namespace {

Profile run_profile(const Scenario& scenario, const RunOptions& options) {
    Profile profile = scenario.apply_overrides(options.profile);
    if (options.perturbation.scrape_jitter_seed)
        profile.prometheus.jitter_seed = static_cast<std::int64_t>(*options.perturbation.scrape_jitter_seed);
    return profile;
}

}  // namespace

TwinSession::TwinSession(const Scenario& scenario, const RunOptions& options)
    : state_(std::make_unique<State>(scenario, options, run_profile(scenario, options))) {
    State& s = *state_;
    RunResult& result = s.result;
    result.scenario = scenario.name;
    result.rules = s.rules.facts();
    result.seed = s.sim.seed();
    result.start = s.sim.now();
    result.injection = result.start + scenario.warmup + options.perturbation.fault_start_delay;
    result.fault_end = result.injection + scenario.fault_duration;
    result.end = result.fault_end + scenario.recovery;
    result.profile = s.profile;

    s.world.gateway().set_load(scenario.traffic_multiplier);
    s.rules.restore();
    s.rules.set_transition_log(&s.log);
    sim::tsdb::Storage& storage = *result.storage;
    for (sim::alerting::GroupIndex g = 0; g < s.rules.groups().size(); ++g) {
        for (const auto& rule : s.rules.groups()[g].rules())
            result.evaluation_intervals.try_emplace(rule->name(), s.rules.interval(g));
        s.sim.every(s.rules.interval(g), s.rules.first_slot(g, result.start, options.perturbation.evaluation_phase),
                    kRuleEvaluation, [&sim = s.sim, &rules = s.rules, &storage, g] { rules.eval(g, sim.now(), storage); });
    }
    for (const auto& step : scenario.faults) s.timeline.schedule(step, result.injection + step.at, result.fault_end);
    if (scenario.routine_disturbances) {
        // Their own stream: the draws leave every other component's random numbers as they were.
        sim::des::RngStream rng = s.sim.stream("routine-disturbances");
        for (const auto& step : draw_routine_disturbances(s.profile, scenario.fault_duration, rng))
            s.timeline.schedule(step, result.injection + step.at, result.fault_end);
    }
}

TwinSession::~TwinSession() = default;

sim::Time TwinSession::start() const { return state_->result.start; }
sim::Time TwinSession::injection() const { return state_->result.injection; }
sim::Time TwinSession::fault_end() const { return state_->result.fault_end; }
sim::Time TwinSession::end() const { return state_->result.end; }
sim::Time TwinSession::now() const { return state_->sim.now(); }
const Profile& TwinSession::profile() const { return state_->profile; }
World& TwinSession::world() { return state_->world; }

void TwinSession::advance_to(sim::Time t) {
    const sim::Time until = std::min(t, end());
    if (until >= now()) state_->sim.run_until(until);
}

RunResult TwinSession::finish() {
    State& s = *state_;
    advance_to(end());
    RunResult result = std::move(s.result);
    result.steps = s.timeline.steps();
    result.alerts = alert_instances(s.log);
    for (const auto& change : s.world.readiness_changes())
        if (change.at > result.start) result.readiness.push_back(change);  // not every pod's initial state
    result.invariants = check_invariants(s.world, {result.end, s.timeline.evidence_tampered()});
    std::map<std::string, std::string> first_errors;
    for (const auto& e : s.rules.errors()) first_errors.try_emplace(e.rule, e.error);
    for (const auto& [rule, error] : first_errors) result.rule_errors.push_back(rule + ": " + error);
    return result;
}

RunResult run(const Scenario& scenario, const RunOptions& options) { return TwinSession(scenario, options).finish(); }

}  // namespace caracal
