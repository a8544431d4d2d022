// evaluate(): dispatch on the node kind. Leaves (literals, parentheses, unary minus) are handled
// here; selectors, operators, aggregations and calls live in their own eval_*.cpp units.
#include "sim/promql/engine.hpp"

#include <algorithm>
#include <utility>

#include "sim/promql/eval_context.hpp"

namespace sim::promql {

namespace {

Value eval_unary(Evaluator& ev, const UnaryExpr& e, Time t) {
    Value v = ev.eval(*e.expr, t);
    if (e.op != '-') return v;
    if (auto* s = std::get_if<Scalar>(&v)) return Scalar{-s->v};
    auto& vec = std::get<Vector>(v);
    for (auto& s : vec) {
        s.metric = s.metric.without_name();
        s.v = -s.v;
    }
    check_unique_labelsets(vec, e.pos);
    return v;
}

}  // namespace

Value Evaluator::eval(const Expr& e, Time t) {
    switch (e.kind) {
        case ExprKind::Number: return Scalar{static_cast<const NumberLiteral&>(e).value};
        case ExprKind::String: return String{static_cast<const StringLiteral&>(e).value};
        case ExprKind::VectorSelector: return select(static_cast<const VectorSelector&>(e), t);
        case ExprKind::MatrixSelector: return select_range(static_cast<const MatrixSelector&>(e), t);
        case ExprKind::Subquery: return eval_subquery(static_cast<const SubqueryExpr&>(e), t);
        case ExprKind::Paren: return eval(*static_cast<const ParenExpr&>(e).expr, t);
        case ExprKind::Unary: return eval_unary(*this, static_cast<const UnaryExpr&>(e), t);
        case ExprKind::Binary: return eval_binary(*this, static_cast<const BinaryExpr&>(e), t);
        case ExprKind::Aggregate: return eval_aggregate(*this, static_cast<const AggregateExpr&>(e), t);
        case ExprKind::Call: return eval_call(*this, static_cast<const Call&>(e), t);
    }
    throw EvalError(e.pos, "unknown expression kind");
}

Vector Evaluator::eval_vector(const Expr& e, Time t) {
    Value v = eval(e, t);
    if (auto* vec = std::get_if<Vector>(&v)) return std::move(*vec);
    throw EvalError(e.pos, "expected instant vector");
}

double Evaluator::eval_scalar(const Expr& e, Time t) {
    Value v = eval(e, t);
    if (auto* s = std::get_if<Scalar>(&v)) return s->v;
    throw EvalError(e.pos, "expected scalar");
}

void check_unique_labelsets(const Vector& v, PosRange pos) {
    if (v.size() < 2) return;
    std::vector<std::pair<std::uint64_t, std::size_t>> hashes;
    hashes.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) hashes.emplace_back(v[i].metric.hash(), i);
    std::sort(hashes.begin(), hashes.end());
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        for (std::size_t j = i + 1; j < hashes.size() && hashes[j].first == hashes[i].first; ++j) {
            if (v[hashes[i].second].metric == v[hashes[j].second].metric)
                throw EvalError(pos, "vector cannot contain metrics with the same labelset");
        }
    }
}

bool is_valid_label_name(std::string_view n) {
    if (n.empty()) return false;
    for (std::size_t i = 0; i < n.size(); ++i) {
        const char c = n[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

const Expr& unwrap_parens(const Expr& e) {
    const Expr* cur = &e;
    while (cur->kind == ExprKind::Paren) cur = static_cast<const ParenExpr*>(cur)->expr.get();
    return *cur;
}

std::string go_labels_string(const tsdb::Labels& l) {
    std::string out = "{";
    bool first = true;
    for (const auto& item : l.items()) {
        if (!first) out += ", ";
        first = false;
        out += item.name;
        out += '=';
        out += tsdb::quote(item.value);
    }
    out += '}';
    return out;
}

Value evaluate(const Expr& expr, const tsdb::Storage& storage, Time t, const EngineOptions& options,
               SubqueryMemo* memo) {
    Evaluator ev(storage, options, t, memo);
    return ev.eval(expr, t);
}

}  // namespace sim::promql
