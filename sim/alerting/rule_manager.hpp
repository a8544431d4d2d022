// The wiring between a loaded rule set and whoever drives its evaluations, as Prometheus' rule
// manager is: it loads the rule files (what-if overrides applied), restores the alerting rules and
// attaches their transition log, knows each group's interval, query context and first evaluation
// slot, evaluates a group at an instant and keeps every rule error in one place. The clock is the
// caller's: the twin schedules each group on its own ticks, promtool's unit tests and the export
// evaluate every group at each step (eval_all).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/alerting/alert.hpp"
#include "sim/alerting/alerting_rule.hpp"
#include "sim/alerting/rule_facts.hpp"
#include "sim/alerting/rule_file.hpp"
#include "sim/alerting/rule_override.hpp"

namespace sim::alerting {

// A group's place in the loaded rule set (files in the order given, groups in file order).
using GroupIndex = std::size_t;

// How a subquery without a step (`x[1h:]`) steps inside a rule.
enum class SubqueryStep {
    GlobalInterval,  // the global evaluation interval, as Prometheus and promtool do
    GroupInterval,   // the group's own interval: what the twin has always done
};

struct RuleManagerOptions {
    Duration evaluation_interval = Duration::minutes(1);  // global: groups without their own `interval`
    Duration lookback = Duration::minutes(5);
    tsdb::RangeBoundary ranges = tsdb::RangeBoundary::Closed;
    SubqueryStep subquery_step = SubqueryStep::GroupInterval;
    tsdb::Labels external_labels;
    std::string external_url;
};

// One rule's failed evaluation.
struct RuleEvalError {
    std::string rule;  // the rule's name
    SourcePos pos;     // of the rule in its file
    Time at;           // the evaluation instant
    std::string error;  // worded as Prometheus words it (Rule::last_error)
};

class RuleManager {
public:
    RuleManager(RuleSet rules, RuleManagerOptions options);

    // Every group of `files` (through load_rule_file_cached), then `overrides` applied in order.
    // Throws sim::InputError when a file does not load or an override does not apply.
    static RuleManager load(const std::vector<std::string>& files, const std::vector<RuleOverride>& overrides,
                            RuleManagerOptions options = {});

    // Marks every alerting rule restored, so ALERTS and ALERTS_FOR_STATE are written from the first
    // evaluation: a fresh server has no `for` state to restore, and promtool restores nothing.
    void restore();
    // Every alerting rule appends its state changes to `log`, which must outlive every later eval.
    void set_transition_log(std::vector<AlertTransition>* log);
    // promtool's group_eval_order for eval_all: listed groups by their place in `names`, unlisted
    // ones as if first; ties keep file order (promtool's own order for ties is undefined).
    void set_evaluation_order(const std::vector<std::string>& names);

    const std::vector<Group>& groups() const { return rules_.groups; }
    // The group's `interval`, or the global evaluation interval.
    Duration interval(GroupIndex g) const;
    // What the group's rules query with: the engine settings, with the group's subquery step.
    const RuleContext& context(GroupIndex g) const { return contexts_.at(g); }
    // The engine settings of a query outside any group (a unit test's PromQL test).
    promql::EngineOptions engine() const;
    // The group's first evaluation slot at or after `from`: at the group's hashed phase within
    // its interval, or at `phase` (taken modulo the interval) when given.
    Time first_slot(GroupIndex g, Time from, std::optional<Duration> phase = std::nullopt) const;

    // Evaluates group `g` at `ts` against `storage` (Group::eval); each rule that failed is added
    // to errors(). Returns false when one did.
    bool eval(GroupIndex g, Time ts, tsdb::Storage& storage);
    // Evaluates every group at `ts`, in the evaluation order. Returns false when a rule failed.
    bool eval_all(Time ts, tsdb::Storage& storage);
    // Every failed rule evaluation so far, in evaluation order.
    const std::vector<RuleEvalError>& errors() const { return errors_; }

    // The alerting rules, in evaluation order.
    std::vector<const AlertingRule*> alerting_rules() const;
    RuleFacts facts() const { return rule_facts(rules_); }

private:
    RuleSet rules_;
    RuleManagerOptions options_;
    std::vector<RuleContext> contexts_;  // by GroupIndex
    std::vector<GroupIndex> order_;      // eval_all's
    std::vector<RuleEvalError> errors_;
};

}  // namespace sim::alerting
