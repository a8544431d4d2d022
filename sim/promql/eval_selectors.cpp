// Selectors and subqueries: the only nodes that read the storage or step through time.
#include <unordered_map>

#include "sim/promql/eval_context.hpp"
#include "sim/promql/subquery_memo.hpp"

namespace sim::promql {

RangeBounds range_bounds(Time t, Duration range, Duration offset) {
    const Time end = t - offset;
    return {end - range, end};
}

Time Evaluator::pinned(const AtModifier& at, Time t) const {
    switch (at.kind) {
        case AtModifier::Kind::None: return t;
        case AtModifier::Kind::Timestamp: return Time::from_millis(at.unix_ms);
        case AtModifier::Kind::Start:
        case AtModifier::Kind::End: return query_time_;
    }
    return t;
}

void Evaluator::charge(std::uint64_t samples, PosRange pos) {
    if (samples > kMaxSamples - charged_)
        throw EvalError(pos, "query processing would load too many samples into memory in query execution (limit " +
                                 std::to_string(kMaxSamples) + ")");
    charged_ += samples;
}

Vector Evaluator::select(const VectorSelector& vs, Time t, bool sample_times) {
    const Time ref = pinned(vs.at, t) - vs.offset;
    const auto ids = storage_.select(vs.matchers);
    Vector out;
    out.reserve(ids.size());
    for (auto id : ids) {
        auto s = storage_.instant(id, ref, options_.lookback, options_.ranges);
        if (!s) continue;
        out.push_back(VectorSample{storage_.series(id).labels, s->v, sample_times ? s->t : t});
    }
    charge(out.size(), vs.pos);
    return out;
}

Matrix Evaluator::select_range(const MatrixSelector& ms, Time t) {
    const auto& vs = static_cast<const VectorSelector&>(*ms.selector);
    const auto bounds = range_bounds(pinned(vs.at, t), ms.range, vs.offset);
    Matrix out;
    for (auto id : storage_.select(vs.matchers)) {
        MatrixSeries series{storage_.series(id).labels, {}};
        storage_.range(id, bounds.start, bounds.end, options_.ranges, series.points);
        charge(series.points.size(), ms.pos);
        if (!series.points.empty()) out.push_back(std::move(series));
    }
    return out;
}

std::vector<SubquerySeries> Evaluator::subquery_series(const SubqueryExpr& sq, Time t, Matrix& evaluated) {
    const Duration step = sq.step.is_zero() ? options_.default_subquery_step : sq.step;
    if (step.ms() <= 0) throw EvalError(sq.pos, "subquery step must be positive");
    const auto bounds = range_bounds(pinned(sq.at, t), sq.range, sq.offset);
    // Steps sit on absolute multiples of the step (Prometheus rounds the window start up).
    const std::int64_t from = bounds.start.unix_ms();
    std::int64_t first = from / step.ms() * step.ms();  // truncates toward zero, as Go does
    if (first < from) first += step.ms();
    if (first == from && options_.ranges == tsdb::RangeBoundary::LeftOpen) first += step.ms();
    // Steps first..end, counted in unsigned arithmetic (exact for any first <= end) and charged
    // before any is evaluated, so a runaway subquery fails at once.
    const std::int64_t last = bounds.end.unix_ms();
    const std::uint64_t steps =
        first > last ? 0 : (static_cast<std::uint64_t>(last) - static_cast<std::uint64_t>(first)) / static_cast<std::uint64_t>(step.ms()) + 1;
    charge(steps, sq.pos);
    if (memo_ && SubqueryMemo::keeps(steps)) return memo_->window(*this, sq, Time::from_millis(first), step, steps);

    Matrix& out = evaluated;
    std::unordered_map<tsdb::Labels, std::size_t, tsdb::LabelsHash> index;
    auto add = [&](const tsdb::Labels& metric, Time ts, double v) {
        auto [it, inserted] = index.try_emplace(metric, out.size());
        if (inserted) out.push_back(MatrixSeries{metric, {}});
        out[it->second].points.push_back(tsdb::Sample{ts, v});
    };
    for (std::uint64_t i = 0; i < steps; ++i) {
        const Time ts = Time::from_millis(first) + step * static_cast<std::int64_t>(i);
        for (const auto& sample : eval_vector(*sq.expr, ts)) add(sample.metric, ts, sample.v);
    }
    std::vector<SubquerySeries> series;
    for (const auto& s : out) series.push_back(SubquerySeries{&s.metric, s.points});
    return series;
}

Matrix Evaluator::eval_subquery(const SubqueryExpr& sq, Time t) {
    Matrix evaluated;
    const auto series = subquery_series(sq, t, evaluated);
    if (!evaluated.empty() || !memo_) return evaluated;
    Matrix out;  // a copy of what the memo keeps
    for (const auto& s : series) out.push_back(MatrixSeries{*s.metric, {s.points.begin(), s.points.end()}});
    return out;
}

}  // namespace sim::promql
