#include "sim/promql/ast.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace sim::promql {

std::string_view to_string(ValueType t) {
    switch (t) {
        case ValueType::None: return "none";
        case ValueType::Scalar: return "scalar";
        case ValueType::Vector: return "instant vector";
        case ValueType::Matrix: return "range vector";
        case ValueType::String: return "string";
    }
    return "none";
}

std::string_view to_string(BinOp op) {
    switch (op) {
        case BinOp::Add: return "+";
        case BinOp::Sub: return "-";
        case BinOp::Mul: return "*";
        case BinOp::Div: return "/";
        case BinOp::Mod: return "%";
        case BinOp::Pow: return "^";
        case BinOp::Atan2: return "atan2";
        case BinOp::Eql: return "==";
        case BinOp::Neq: return "!=";
        case BinOp::Gtr: return ">";
        case BinOp::Lss: return "<";
        case BinOp::Gte: return ">=";
        case BinOp::Lte: return "<=";
        case BinOp::And: return "and";
        case BinOp::Or: return "or";
        case BinOp::Unless: return "unless";
    }
    return "?";
}

bool is_comparison(BinOp op) {
    switch (op) {
        case BinOp::Eql:
        case BinOp::Neq:
        case BinOp::Gtr:
        case BinOp::Lss:
        case BinOp::Gte:
        case BinOp::Lte: return true;
        default: return false;
    }
}

bool is_set_operator(BinOp op) { return op == BinOp::And || op == BinOp::Or || op == BinOp::Unless; }

std::string_view to_string(AggOp op) {
    switch (op) {
        case AggOp::Sum: return "sum";
        case AggOp::Min: return "min";
        case AggOp::Max: return "max";
        case AggOp::Avg: return "avg";
        case AggOp::Count: return "count";
        case AggOp::Group: return "group";
        case AggOp::Stddev: return "stddev";
        case AggOp::Stdvar: return "stdvar";
        case AggOp::Topk: return "topk";
        case AggOp::Bottomk: return "bottomk";
        case AggOp::Quantile: return "quantile";
        case AggOp::CountValues: return "count_values";
    }
    return "?";
}

ValueType Expr::type() const {
    switch (kind) {
        case ExprKind::Number: return ValueType::Scalar;
        case ExprKind::String: return ValueType::String;
        case ExprKind::VectorSelector: return ValueType::Vector;
        case ExprKind::MatrixSelector:
        case ExprKind::Subquery: return ValueType::Matrix;
        case ExprKind::Paren: return static_cast<const ParenExpr&>(*this).expr->type();
        case ExprKind::Unary: return static_cast<const UnaryExpr&>(*this).expr->type();
        case ExprKind::Binary: {
            const auto& b = static_cast<const BinaryExpr&>(*this);
            const bool scalar = b.lhs->type() == ValueType::Scalar && b.rhs->type() == ValueType::Scalar;
            return scalar ? ValueType::Scalar : ValueType::Vector;
        }
        case ExprKind::Aggregate: return ValueType::Vector;
        case ExprKind::Call: {
            const auto* f = static_cast<const Call&>(*this).func;
            return f ? f->return_type : ValueType::None;
        }
    }
    return ValueType::None;
}

namespace {

bool equal_ptr(const ExprPtr& a, const ExprPtr& b) {
    if (!a || !b) return !a && !b;
    return equal(*a, *b);
}

// Matcher order carries no meaning (the printer sorts them), so compare them as sorted lists.
auto sorted_matchers(const VectorSelector& s) {
    std::vector<std::tuple<std::string, tsdb::MatchOp, std::string>> out;
    for (const auto& m : s.matchers) out.emplace_back(m.name(), m.op(), m.value());
    std::sort(out.begin(), out.end());
    return out;
}

// `explicit_grouping` only records the spelling (`by ()`, `ignoring ()`), which means the same as
// leaving the clause out, so it is not compared.
bool equal_matching(const std::optional<VectorMatching>& a, const std::optional<VectorMatching>& b) {
    if (!a || !b) return !a && !b;
    return a->card == b->card && a->on == b->on && a->matching_labels == b->matching_labels &&
           a->include == b->include;
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

// Compares two nodes already known to be of kind T.
template <typename T, typename Compare>
bool same(const Expr& a, const Expr& b, Compare compare) {
    return compare(static_cast<const T&>(a), static_cast<const T&>(b));
}

bool equal(const Expr& a, const Expr& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case ExprKind::Number:
            return same<NumberLiteral>(a, b, [](const auto& x, const auto& y) { return same_number(x.value, y.value); });
        case ExprKind::String:
            return same<StringLiteral>(a, b, [](const auto& x, const auto& y) { return x.value == y.value; });
        case ExprKind::VectorSelector:
            return same<VectorSelector>(a, b, [](const auto& x, const auto& y) {
                return x.name == y.name && x.offset == y.offset && x.at == y.at && sorted_matchers(x) == sorted_matchers(y);
            });
        case ExprKind::MatrixSelector:
            return same<MatrixSelector>(
                a, b, [](const auto& x, const auto& y) { return x.range == y.range && equal_ptr(x.selector, y.selector); });
        case ExprKind::Subquery:
            return same<SubqueryExpr>(a, b, [](const auto& x, const auto& y) {
                return x.range == y.range && x.step == y.step && x.offset == y.offset && x.at == y.at && equal_ptr(x.expr, y.expr);
            });
        case ExprKind::Paren:
            return same<ParenExpr>(a, b, [](const auto& x, const auto& y) { return equal_ptr(x.expr, y.expr); });
        case ExprKind::Unary:
            return same<UnaryExpr>(a, b, [](const auto& x, const auto& y) { return x.op == y.op && equal_ptr(x.expr, y.expr); });
        case ExprKind::Binary:
            return same<BinaryExpr>(a, b, [](const auto& x, const auto& y) {
                return x.op == y.op && x.return_bool == y.return_bool && equal_matching(x.matching, y.matching) &&
                       equal_ptr(x.lhs, y.lhs) && equal_ptr(x.rhs, y.rhs);
            });
        case ExprKind::Aggregate:
            return same<AggregateExpr>(a, b, [](const auto& x, const auto& y) {
                return x.op == y.op && x.without == y.without && x.grouping == y.grouping && equal_ptr(x.param, y.param) &&
                       equal_ptr(x.expr, y.expr);
            });
        case ExprKind::Call:
            return same<Call>(a, b, [](const auto& x, const auto& y) {
                return x.func == y.func && std::equal(x.args.begin(), x.args.end(), y.args.begin(), y.args.end(), equal_ptr);
            });
    }
    return false;
}

}  // namespace sim::promql
