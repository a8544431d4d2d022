#include "sim/promql/selectors.hpp"

namespace sim::promql {

namespace {

void collect(const Expr& e, Duration shift, bool pinned, std::vector<SelectorUse>& out) {
    const auto down = [&](const ExprPtr& child) {
        if (child) collect(*child, shift, pinned, out);
    };
    switch (e.kind) {
        case ExprKind::Number:
        case ExprKind::String: return;
        case ExprKind::VectorSelector: {
            const auto* vs = static_cast<const VectorSelector*>(&e);
            out.push_back({vs, shift, pinned || vs->at.is_set()});
            return;
        }
        case ExprKind::MatrixSelector: down(static_cast<const MatrixSelector&>(e).selector); return;
        case ExprKind::Subquery: {
            const auto& sq = static_cast<const SubqueryExpr&>(e);
            if (sq.expr) collect(*sq.expr, shift + sq.offset, pinned || sq.at.is_set(), out);
            return;
        }
        case ExprKind::Paren: down(static_cast<const ParenExpr&>(e).expr); return;
        case ExprKind::Unary: down(static_cast<const UnaryExpr&>(e).expr); return;
        case ExprKind::Binary:
            down(static_cast<const BinaryExpr&>(e).lhs);
            down(static_cast<const BinaryExpr&>(e).rhs);
            return;
        case ExprKind::Aggregate:
            down(static_cast<const AggregateExpr&>(e).param);
            down(static_cast<const AggregateExpr&>(e).expr);
            return;
        case ExprKind::Call:
            for (const auto& a : static_cast<const Call&>(e).args) down(a);
            return;
    }
}

}  // namespace

std::vector<SelectorUse> selector_uses(const Expr& expr) {
    std::vector<SelectorUse> out;
    collect(expr, Duration{}, false, out);
    return out;
}

std::vector<const VectorSelector*> vector_selectors(const Expr& expr) {
    std::vector<const VectorSelector*> out;
    for (const auto& use : selector_uses(expr)) out.push_back(use.selector);
    return out;
}

}  // namespace sim::promql
