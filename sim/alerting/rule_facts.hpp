// What a run's rules were, read once from the rule set that ran (overrides applied): the facts the
// drill check, the report and the what-if analysis read of each alerting rule — `for`, severity,
// the summary annotation, the expression and the condition it watches (the signal side of its
// top-level comparison and the threshold on its number side).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "sim/alerting/rule_file.hpp"
#include "sim/base/time.hpp"
#include "sim/promql/ast.hpp"

namespace sim::alerting {

// `signal OP threshold`, e.g. `max by (job) (queue_depth) > 1000`.
struct WatchedCondition {
    const promql::Expr* signal = nullptr;  // a node of AlertRuleFacts::expr
    std::string signal_text;
    promql::BinOp op = promql::BinOp::Gtr;  // as if written `signal OP threshold`
    double threshold = 0;

    // Whether `v` satisfies the condition; "toward" the alerting side is larger for >, >=, ==, !=.
    bool holds(double v) const;
    bool alerts_upward() const;
};

struct AlertRuleFacts {
    Duration hold;  // `for`
    std::string severity;  // the `severity` rule label; "" when it has none
    std::string summary;   // the `summary` annotation as written (a template); "" when none
    std::string expr_text;
    std::shared_ptr<const promql::Expr> expr;  // expr_text parsed
    std::optional<WatchedCondition> watched;   // unset: no comparison against a number at the top
};

// By alert name; the first rule of a name wins.
using RuleFacts = std::map<std::string, AlertRuleFacts>;

RuleFacts rule_facts(const RuleSet& rules);

}  // namespace sim::alerting
