// The evaluator's internal interface, shared by the eval_*.cpp units: one Evaluator per
// evaluate() call holds the storage, the options and reusable buffers; each node kind is
// evaluated by its own unit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/promql/ast.hpp"
#include "sim/promql/engine.hpp"
#include "sim/promql/subquery_memo.hpp"
#include "sim/promql/value.hpp"
#include "sim/tsdb/storage.hpp"

namespace sim::promql {

// Prometheus' --query.max-samples default, counted over one evaluate() call: every sample a
// selector reads plus every step of a subquery (a step costs even when it yields nothing), so a
// runaway query such as `x[1y:1ms]` is an evaluation error instead of hours of work. Prometheus
// counts the samples held at once; the total is stricter, but no real rule comes near either.
inline constexpr std::uint64_t kMaxSamples = 50'000'000;

class Evaluator {
public:
    // `query_time` is the instant query's time, which `@ start()` and `@ end()` stand for
    // everywhere in the expression, subqueries included.
    Evaluator(const tsdb::Storage& storage, const EngineOptions& options, Time query_time, SubqueryMemo* memo = nullptr)
        : storage_(storage), options_(options), query_time_(query_time), memo_(memo) {}

    Value eval(const Expr& e, Time t);
    Vector eval_vector(const Expr& e, Time t);
    double eval_scalar(const Expr& e, Time t);

    // An instant vector selector. With `sample_times` each element carries its sample's own
    // timestamp (only `timestamp()` wants that); otherwise the evaluation time.
    Vector select(const VectorSelector& vs, Time t, bool sample_times = false);
    // x[r] offset o: the raw samples of every series in the window, series without any dropped.
    Matrix select_range(const MatrixSelector& ms, Time t);
    // expr[r:s] offset o: the inner expression at each aligned step inside the window.
    Matrix eval_subquery(const SubqueryExpr& sq, Time t);
    // The same series without copying them out of the memo: they point into it, or else into
    // `evaluated`, which receives the result when there is no memo to keep it.
    std::vector<SubquerySeries> subquery_series(const SubqueryExpr& sq, Time t, Matrix& evaluated);

    // The time a selector or subquery evaluated at `t` reads at, before its offset: `t` itself
    // unless an `@` modifier pins it (absolutely, even inside a subquery).
    Time pinned(const AtModifier& at, Time t) const;

    const tsdb::Storage& storage() const { return storage_; }
    const EngineOptions& options() const { return options_; }

    // Counts `samples` against kMaxSamples; beyond it throws Prometheus' error at `pos`.
    void charge(std::uint64_t samples, PosRange pos);
    std::uint64_t charged() const { return charged_; }

private:
    const tsdb::Storage& storage_;
    const EngineOptions& options_;
    Time query_time_;
    SubqueryMemo* memo_;  // nullptr: every subquery step is evaluated
    std::uint64_t charged_ = 0;
};

// The window [t - offset - range, t - offset] a range selector or subquery reads at (pinned) time t.
struct RangeBounds {
    Time start;
    Time end;
};
RangeBounds range_bounds(Time t, Duration range, Duration offset);

Value eval_binary(Evaluator& ev, const BinaryExpr& e, Time t);
Value eval_aggregate(Evaluator& ev, const AggregateExpr& e, Time t);
Value eval_call(Evaluator& ev, const Call& e, Time t);

// Prometheus refuses a vector in which two elements share a label set.
void check_unique_labelsets(const Vector& v, PosRange pos);

// [a-zA-Z_][a-zA-Z0-9_]*, Prometheus' rule for label names.
bool is_valid_label_name(std::string_view name);

// Strips any number of enclosing parentheses.
const Expr& unwrap_parens(const Expr& e);

// Prometheus' labels.Labels.String(): `{__name__="x", a="1"}`, used in error messages.
std::string go_labels_string(const tsdb::Labels& l);

}  // namespace sim::promql
