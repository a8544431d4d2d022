// Function calls: evaluates the arguments and routes the call to its family. A call with a
// range argument (x[r] or a subquery) runs its function once per series over that series'
// window; the others see whole instant vectors.
#include "sim/promql/eval_functions.hpp"

namespace sim::promql {

namespace {

bool is_range_arg(const Expr& e) {
    const auto kind = unwrap_parens(e).kind;
    return kind == ExprKind::MatrixSelector || kind == ExprKind::Subquery;
}

struct WindowShape {
    Duration range;
    RangeBounds bounds;
};

WindowShape window_shape(const Evaluator& ev, const Expr& arg, Time t) {
    if (arg.kind == ExprKind::Subquery) {
        const auto& sq = static_cast<const SubqueryExpr&>(arg);
        return {sq.range, range_bounds(ev.pinned(sq.at, t), sq.range, sq.offset)};
    }
    const auto& ms = static_cast<const MatrixSelector&>(arg);
    const auto& vs = static_cast<const VectorSelector&>(*ms.selector);
    return {ms.range, range_bounds(ev.pinned(vs.at, t), ms.range, vs.offset)};
}

// Calls `visit(labels, samples)` for every series with samples in the window of `arg`.
template <typename Visit>
void for_each_window(Evaluator& ev, const Expr& arg, Time t, Visit&& visit) {
    if (arg.kind == ExprKind::Subquery) {
        Matrix evaluated;  // all steps lie in the window
        for (const auto& s : ev.subquery_series(static_cast<const SubqueryExpr&>(arg), t, evaluated)) visit(*s.metric, s.points);
        return;
    }
    const auto& vs = static_cast<const VectorSelector&>(*static_cast<const MatrixSelector&>(arg).selector);
    const auto bounds = window_shape(ev, arg, t).bounds;
    std::vector<tsdb::Sample> buffer;  // reused across series
    for (auto id : ev.storage().select(vs.matchers)) {
        buffer.clear();
        ev.storage().range(id, bounds.start, bounds.end, ev.options().ranges, buffer);
        ev.charge(buffer.size(), arg.pos);
        if (!buffer.empty()) visit(ev.storage().series(id).labels, std::span<const tsdb::Sample>(buffer));
    }
}

Vector eval_range_call(Evaluator& ev, const Call& e, std::size_t range_index, Time t) {
    std::vector<double> params;
    for (std::size_t i = 0; i < e.args.size(); ++i)
        if (i != range_index) params.push_back(ev.eval_scalar(*e.args[i], t));
    const Expr& arg = unwrap_parens(*e.args[range_index]);
    const std::string_view name = e.func->name;
    Vector out;

    if (name == "absent_over_time") {
        bool any = false;
        for_each_window(ev, arg, t, [&](const tsdb::Labels&, std::span<const tsdb::Sample>) { any = true; });
        if (!any) out.push_back(VectorSample{absent_labels(arg), 1, t});
        return out;
    }

    const RangeFunction* f = find_rate_function(name);
    if (!f) f = find_over_time_function(name);
    if (!f) f = find_trend_function(name);
    if (!f) throw EvalError(e.pos, "unsupported function " + std::string(name));
    const auto shape = window_shape(ev, arg, t);
    RangeWindow window{{}, shape.bounds, shape.range, t, params};
    for_each_window(ev, arg, t, [&](const tsdb::Labels& metric, std::span<const tsdb::Sample> samples) {
        window.samples = samples;
        if (auto v = f->fn(window)) out.push_back(VectorSample{f->keeps_metric_name ? metric : metric.without_name(), *v, t});
    });
    return out;
}

// timestamp() reports each sample's own time when given a selector, else the evaluation time.
Vector eval_timestamp(Evaluator& ev, const Call& e, Time t) {
    const Expr& arg = unwrap_parens(*e.args[0]);
    Vector v = arg.kind == ExprKind::VectorSelector ? ev.select(static_cast<const VectorSelector&>(arg), t, true)
                                                    : ev.eval_vector(arg, t);
    for (auto& s : v) {
        s.metric = s.metric.without_name();
        s.v = s.t.unix_secs();
        s.t = t;
    }
    return v;
}

Vector eval_element_call(Evaluator& ev, const Call& e, const ElementFunction& f, Time t) {
    Vector input;
    std::vector<double> params;
    if (e.args.empty() && f.defaults_to_time) {
        input.push_back(VectorSample{{}, t.unix_secs(), t});
    } else {
        input = ev.eval_vector(*e.args[0], t);
        for (std::size_t i = 1; i < e.args.size(); ++i) params.push_back(ev.eval_scalar(*e.args[i], t));
    }
    Vector out;
    out.reserve(input.size());
    for (auto& s : input) {
        if (auto v = f.fn(s.v, params)) out.push_back(VectorSample{s.metric.without_name(), *v, t});
    }
    return out;
}

Value dispatch(Evaluator& ev, const Call& e, Time t) {
    const std::string_view name = e.func->name;
    for (std::size_t i = 0; i < e.args.size(); ++i)
        if (is_range_arg(*e.args[i])) return eval_range_call(ev, e, i, t);
    if (name == "timestamp") return eval_timestamp(ev, e, t);
    const ElementFunction* element = find_math_function(name);
    if (!element) element = find_date_function(name);
    if (element) return eval_element_call(ev, e, *element, t);

    const VectorFunction* fn = find_label_function(name);
    if (!fn) fn = find_histogram_function(name);
    if (!fn) fn = find_misc_function(name);
    if (!fn) throw EvalError(e.pos, "unsupported function " + std::string(name));
    std::vector<Value> args;
    args.reserve(e.args.size());
    for (const auto& a : e.args) args.push_back(ev.eval(*a, t));
    return (*fn)(e, args, t);
}

}  // namespace

Value eval_call(Evaluator& ev, const Call& e, Time t) {
    Value v;
    try {
        v = dispatch(ev, e, t);
    } catch (const FunctionError& err) {
        throw EvalError(e.pos, err.what());
    }
    if (auto* vec = std::get_if<Vector>(&v)) check_unique_labelsets(*vec, e.pos);
    return v;
}

}  // namespace sim::promql
