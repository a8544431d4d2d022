// The PromQL syntax tree. Mirrors Prometheus' promql/parser node types; every node remembers the
// byte range of the text it came from so errors can point at it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/time.hpp"
#include "sim/tsdb/matcher.hpp"

namespace sim::promql {

enum class ValueType { None, Scalar, Vector, Matrix, String };
std::string_view to_string(ValueType t);  // "scalar", "instant vector", "range vector", "string"

// Byte offsets [start, end) into the expression text.
struct PosRange {
    int start = 0;
    int end = 0;
};

enum class ExprKind { Number, String, VectorSelector, MatrixSelector, Subquery, Paren, Unary, Binary, Aggregate, Call };

struct Expr {
    explicit Expr(ExprKind k) : kind(k) {}
    virtual ~Expr() = default;
    Expr(const Expr&) = delete;
    Expr& operator=(const Expr&) = delete;

    ValueType type() const;  // the static type, as the parser checks it

    ExprKind kind;
    PosRange pos;
};
using ExprPtr = std::unique_ptr<Expr>;

// `@ <timestamp>`, `@ start()` or `@ end()`: pins a selector or subquery to one instant instead of
// the evaluation time. start() and end() are the query's own bounds, which for an instant query
// (a rule evaluation, a promql_expr_test) are both the evaluation instant.
struct AtModifier {
    enum class Kind { None, Timestamp, Start, End };
    Kind kind = Kind::None;
    std::int64_t unix_ms = 0;  // Kind::Timestamp only: seconds * 1000, rounded, as Prometheus stores it

    bool is_set() const { return kind != Kind::None; }
    bool operator==(const AtModifier&) const = default;
};

struct NumberLiteral : Expr {
    NumberLiteral() : Expr(ExprKind::Number) {}
    double value = 0;
};

struct StringLiteral : Expr {
    StringLiteral() : Expr(ExprKind::String) {}
    std::string value;
};

struct VectorSelector : Expr {
    VectorSelector() : Expr(ExprKind::VectorSelector) {}
    std::string name;                     // empty when only `{...}` was written
    std::vector<tsdb::Matcher> matchers;  // includes `__name__="name"` when name is set
    Duration offset;                      // `offset 5m` (negative allowed)
    AtModifier at;                        // for a range selector too: `x[5m] @ 300`
};

struct MatrixSelector : Expr {
    MatrixSelector() : Expr(ExprKind::MatrixSelector) {}
    ExprPtr selector;  // a VectorSelector (its offset applies)
    Duration range;
};

struct SubqueryExpr : Expr {
    SubqueryExpr() : Expr(ExprKind::Subquery) {}
    ExprPtr expr;
    Duration range;
    Duration step;  // zero: the engine's default step (the evaluation interval)
    Duration offset;
    AtModifier at;
};

struct ParenExpr : Expr {
    ParenExpr() : Expr(ExprKind::Paren) {}
    ExprPtr expr;
};

struct UnaryExpr : Expr {
    UnaryExpr() : Expr(ExprKind::Unary) {}
    char op = '-';  // '-' or '+'
    ExprPtr expr;
};

enum class BinOp { Add, Sub, Mul, Div, Mod, Pow, Atan2, Eql, Neq, Gtr, Lss, Gte, Lte, And, Or, Unless };
std::string_view to_string(BinOp op);
bool is_comparison(BinOp op);
bool is_set_operator(BinOp op);  // and, or, unless

enum class Cardinality { OneToOne, ManyToOne, OneToMany, ManyToMany };

struct VectorMatching {
    Cardinality card = Cardinality::OneToOne;
    bool on = false;                          // on(...) versus ignoring(...)
    std::vector<std::string> matching_labels;
    std::vector<std::string> include;         // group_left(...) / group_right(...) extra labels
    bool explicit_grouping = false;           // on/ignoring was written (even if empty)
};

struct BinaryExpr : Expr {
    BinaryExpr() : Expr(ExprKind::Binary) {}
    BinOp op = BinOp::Add;
    ExprPtr lhs, rhs;
    bool return_bool = false;
    std::optional<VectorMatching> matching;  // set when both sides are instant vectors
};

enum class AggOp { Sum, Min, Max, Avg, Count, Group, Stddev, Stdvar, Topk, Bottomk, Quantile, CountValues };
std::string_view to_string(AggOp op);

struct AggregateExpr : Expr {
    AggregateExpr() : Expr(ExprKind::Aggregate) {}
    AggOp op = AggOp::Sum;
    ExprPtr expr;
    ExprPtr param;  // topk/bottomk/quantile/count_values only
    std::vector<std::string> grouping;
    bool without = false;
    bool explicit_grouping = false;  // `by ()` was written
};

struct FunctionSignature {
    std::string_view name;
    std::vector<ValueType> arg_types;
    int variadic = 0;  // 0: exact; n > 0: up to n trailing args optional; -1: any number of the last type
    ValueType return_type = ValueType::Vector;
};
// nullptr when Prometheus 2.42 has no such function (or we do not support it).
const FunctionSignature* lookup_function(std::string_view name);

struct Call : Expr {
    Call() : Expr(ExprKind::Call) {}
    const FunctionSignature* func = nullptr;
    std::vector<ExprPtr> args;
};

// Structural equality, ignoring positions (for round-trip tests).
bool equal(const Expr& a, const Expr& b);

}  // namespace sim::promql
