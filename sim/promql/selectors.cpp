#include "sim/promql/selectors.hpp"

namespace sim::promql {

namespace {

void collect(const Expr& e, std::vector<const VectorSelector*>& out) {
    const auto down = [&](const ExprPtr& child) {
        if (child) collect(*child, out);
    };
    switch (e.kind) {
        case ExprKind::Number:
        case ExprKind::String: return;
        case ExprKind::VectorSelector: out.push_back(static_cast<const VectorSelector*>(&e)); return;
        case ExprKind::MatrixSelector: down(static_cast<const MatrixSelector&>(e).selector); return;
        case ExprKind::Subquery: down(static_cast<const SubqueryExpr&>(e).expr); return;
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

std::vector<const VectorSelector*> vector_selectors(const Expr& expr) {
    std::vector<const VectorSelector*> out;
    collect(expr, out);
    return out;
}

}  // namespace sim::promql
