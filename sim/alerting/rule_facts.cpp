#include "sim/alerting/rule_facts.hpp"

#include "sim/alerting/alerting_rule.hpp"
#include "sim/promql/parser.hpp"

namespace sim::alerting {

namespace {

using promql::BinOp;
using promql::Expr;
using promql::ExprKind;

const Expr& unparen(const Expr& e) {
    return e.kind == ExprKind::Paren ? unparen(*static_cast<const promql::ParenExpr&>(e).expr) : e;
}

std::optional<double> number(const Expr& e) {
    const Expr& u = unparen(e);
    if (u.kind == ExprKind::Number) return static_cast<const promql::NumberLiteral&>(u).value;
    if (u.kind == ExprKind::Unary) {
        const auto& un = static_cast<const promql::UnaryExpr&>(u);
        if (const auto v = number(*un.expr)) return un.op == '-' ? -*v : *v;
    }
    return std::nullopt;
}

// `3 < x` read as `x > 3`.
BinOp mirrored(BinOp op) {
    switch (op) {
        case BinOp::Gtr: return BinOp::Lss;
        case BinOp::Lss: return BinOp::Gtr;
        case BinOp::Gte: return BinOp::Lte;
        case BinOp::Lte: return BinOp::Gte;
        default: return op;
    }
}

// The top-level comparison with a number; `A and B` / `A unless B` filter A, so A carries it.
std::optional<WatchedCondition> watched_condition(const Expr& root) {
    const Expr& e = unparen(root);
    if (e.kind != ExprKind::Binary) return std::nullopt;
    const auto& b = static_cast<const promql::BinaryExpr&>(e);
    if (b.op == BinOp::And || b.op == BinOp::Unless) return watched_condition(*b.lhs);
    if (!promql::is_comparison(b.op) || b.return_bool) return std::nullopt;
    WatchedCondition w;
    if (const auto rhs = number(*b.rhs)) {
        w.signal = b.lhs.get();
        w.op = b.op;
        w.threshold = *rhs;
    } else if (const auto lhs = number(*b.lhs)) {
        w.signal = b.rhs.get();
        w.op = mirrored(b.op);
        w.threshold = *lhs;
    } else {
        return std::nullopt;
    }
    w.signal_text = promql::to_string(*w.signal);
    return w;
}

}  // namespace

bool WatchedCondition::holds(double v) const {
    switch (op) {
        case BinOp::Gtr: return v > threshold;
        case BinOp::Gte: return v >= threshold;
        case BinOp::Lss: return v < threshold;
        case BinOp::Lte: return v <= threshold;
        case BinOp::Eql: return v == threshold;
        default: return v != threshold;
    }
}

bool WatchedCondition::alerts_upward() const { return op != BinOp::Lss && op != BinOp::Lte; }

RuleFacts rule_facts(const RuleSet& rules) {
    RuleFacts pack;
    for (const auto& group : rules.groups)
        for (const auto& rule : group.rules()) {
            const AlertingRule* alerting = rule->as_alerting();
            if (!alerting || pack.count(alerting->name())) continue;
            AlertRuleFacts facts;
            for (const auto& l : alerting->labels())
                if (l.name == "severity") facts.severity = l.value;
            for (const auto& a : alerting->annotations())
                if (a.name == "summary") facts.summary = a.value.text();
            facts.hold = alerting->hold();
            facts.expr_text = alerting->expr_text();
            facts.expr = promql::parse(alerting->expr_text());
            facts.watched = watched_condition(*facts.expr);
            pack.emplace(alerting->name(), std::move(facts));
        }
    return pack;
}

}  // namespace sim::alerting
