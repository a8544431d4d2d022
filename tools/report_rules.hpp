// What the report reads from the rule pack for each alert: severity, the documented first
// response (annotations.summary), `for`, and the condition it watches — the signal side of the
// expression's top-level comparison and the threshold on its scalar side.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "sim/alerting/rule_file.hpp"
#include "sim/base/time.hpp"
#include "sim/promql/ast.hpp"

namespace caracal::tools {

// `signal OP threshold`, e.g. `max by (job) (caracal_audit_consumer_lag_events) > 1000`.
struct WatchedCondition {
    const sim::promql::Expr* signal = nullptr;  // a node of RuleFacts::expr
    std::string signal_text;
    sim::promql::BinOp op = sim::promql::BinOp::Gtr;  // as if written `signal OP threshold`
    double threshold = 0;

    // Whether `v` satisfies the condition; "toward" the alerting side is larger for >, >=, ==, !=.
    bool holds(double v) const;
    bool alerts_upward() const;
    std::string comparison() const;  // "> 1000"
};

struct RuleFacts {
    std::string severity, first_response;
    sim::Duration hold;
    std::shared_ptr<const sim::promql::Expr> expr;
    std::optional<WatchedCondition> watched;  // unset: no comparison against a number at the top
};

using RulePack = std::map<std::string, RuleFacts>;  // by alert name; the first rule of a name wins

RulePack rule_pack(const sim::alerting::RuleSet& rules);

// A number for reports: whole or large values without decimals, others to 3 significant digits.
std::string format_number(double v);

}  // namespace caracal::tools
