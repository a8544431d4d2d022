#include "sim/promql/type_check.hpp"

#include <algorithm>
#include <string>

#include "sim/promql/parser.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::promql {

namespace {

// Go's name of a ValueType, which one Prometheus message prints instead of the documented one.
std::string_view raw_name(ValueType t) {
    switch (t) {
        case ValueType::Scalar: return "scalar";
        case ValueType::Vector: return "vector";
        case ValueType::Matrix: return "matrix";
        case ValueType::String: return "string";
        case ValueType::None: break;
    }
    return "none";
}

bool is_operand_type(ValueType t) { return t == ValueType::Scalar || t == ValueType::Vector; }

class TypeChecker {
public:
    explicit TypeChecker(std::string_view input) : input_(input) {}

    ValueType check(Expr& e) {
        switch (e.kind) {
            case ExprKind::Number:
            case ExprKind::String: break;
            case ExprKind::VectorSelector: check_selector(static_cast<const VectorSelector&>(e)); break;
            case ExprKind::MatrixSelector: check(*static_cast<MatrixSelector&>(e).selector); break;
            case ExprKind::Subquery: {
                const ValueType t = check(*static_cast<SubqueryExpr&>(e).expr);
                if (t != ValueType::Vector)
                    fail(e.pos, "subquery is only allowed on instant vector, got " + std::string(raw_name(t)) + " instead");
                break;
            }
            case ExprKind::Paren: check(*static_cast<ParenExpr&>(e).expr); break;
            case ExprKind::Unary: {
                const ValueType t = check(*static_cast<UnaryExpr&>(e).expr);
                if (!is_operand_type(t))
                    fail(e.pos, "unary expression only allowed on expressions of type scalar or instant vector, got " +
                                    tsdb::quote(to_string(t)));
                break;
            }
            case ExprKind::Binary: check_binary(static_cast<BinaryExpr&>(e)); break;
            case ExprKind::Aggregate: check_aggregate(static_cast<AggregateExpr&>(e)); break;
            case ExprKind::Call: check_call(static_cast<Call&>(e)); break;
        }
        return e.type();
    }

private:
    [[noreturn]] static void fail(PosRange pos, const std::string& message) { throw ParseError(pos, message); }

    void expect(Expr& e, ValueType want, std::string_view context) {
        const ValueType got = check(e);
        if (got != want)
            fail(e.pos, "expected type " + std::string(to_string(want)) + " in " + std::string(context) + ", got " +
                            std::string(to_string(got)));
    }

    static void check_selector(const VectorSelector& s) {
        if (!s.name.empty()) {
            // The last matcher is the one the name outside the braces added.
            for (std::size_t i = 0; i + 1 < s.matchers.size(); ++i)
                if (s.matchers[i].name() == tsdb::kMetricName)
                    fail(s.pos, "metric name must not be set twice: " + tsdb::quote(s.name) + " or " +
                                    tsdb::quote(s.matchers[i].value()));
            return;
        }
        // Refuses selectors that would select every series, typically by a typo.
        for (const auto& m : s.matchers)
            if (!m.matches_empty()) return;
        fail(s.pos, "vector selector must contain at least one non-empty matcher");
    }

    void check_aggregate(AggregateExpr& a) {
        expect(*a.expr, ValueType::Vector, "aggregation expression");
        if (a.op == AggOp::Topk || a.op == AggOp::Bottomk || a.op == AggOp::Quantile)
            expect(*a.param, ValueType::Scalar, "aggregation parameter");
        if (a.op == AggOp::CountValues) expect(*a.param, ValueType::String, "aggregation parameter");
    }

    void check_call(Call& c) {
        const FunctionSignature& f = *c.func;
        const auto declared = static_cast<int>(f.arg_types.size());
        const auto given = static_cast<int>(c.args.size());
        const std::string in_call = " argument(s) in call to " + tsdb::quote(f.name) + ", got " + std::to_string(given);
        if (f.variadic == 0) {
            if (given != declared) fail(c.pos, "expected " + std::to_string(declared) + in_call);
        } else if (given < declared - 1) {
            fail(c.pos, "expected at least " + std::to_string(declared - 1) + in_call);
        } else if (f.variadic > 0 && given > declared - 1 + f.variadic) {
            fail(c.pos, "expected at most " + std::to_string(declared - 1 + f.variadic) + in_call);
        }
        for (int i = 0; i < given; ++i) {
            if (i >= declared && f.variadic == 0) break;
            const ValueType want = f.arg_types[static_cast<std::size_t>(std::min(i, declared - 1))];
            expect(*c.args[static_cast<std::size_t>(i)], want, "call to function " + tsdb::quote(f.name));
        }
    }

    void check_binary(BinaryExpr& b) {
        const ValueType lt = check(*b.lhs);
        const ValueType rt = check(*b.rhs);
        const std::string op = tsdb::quote(to_string(b.op));
        if (b.return_bool && !is_comparison(b.op))
            fail(operator_range(b), "bool modifier can only be used on comparison operators");
        if (is_comparison(b.op) && !b.return_bool && lt == ValueType::Scalar && rt == ValueType::Scalar)
            fail(operator_range(b), "comparisons between scalars must use BOOL modifier");
        VectorMatching& m = *b.matching;
        if (is_set_operator(b.op) && m.card == Cardinality::OneToOne) m.card = Cardinality::ManyToMany;
        if (m.on)
            for (const auto& label : m.matching_labels)
                for (const auto& extra : m.include)
                    if (label == extra)
                        fail(operator_range(b), "label " + tsdb::quote(label) + " must not occur in ON and GROUP clause at once");
        if (!is_operand_type(lt)) fail(b.lhs->pos, "binary expression must contain only scalar and instant vector types");
        if (!is_operand_type(rt)) fail(b.rhs->pos, "binary expression must contain only scalar and instant vector types");
        if (lt != ValueType::Vector || rt != ValueType::Vector) {
            if (!m.matching_labels.empty()) fail(b.pos, "vector matching only allowed between instant vectors");
            b.matching.reset();
        } else if (is_set_operator(b.op) && m.card != Cardinality::ManyToMany) {
            fail(b.pos, "no grouping allowed for " + op + " operation");
        }
        if ((lt == ValueType::Scalar || rt == ValueType::Scalar) && is_set_operator(b.op))
            fail(b.pos, "set operator " + op + " not allowed in binary scalar expression");
    }

    // The operator and its modifiers: the text between the operands, without surrounding space.
    PosRange operator_range(const BinaryExpr& b) const {
        const auto is_space = [&](int i) {
            const char c = input_[static_cast<std::size_t>(i)];
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        };
        int start = b.lhs->pos.end;
        int end = b.rhs->pos.start;
        while (start < end && is_space(start)) ++start;
        while (end > start && is_space(end - 1)) --end;
        return {start, end};
    }

    std::string_view input_;
};

}  // namespace

void check_types(Expr& root, std::string_view input) { TypeChecker(input).check(root); }

}  // namespace sim::promql
