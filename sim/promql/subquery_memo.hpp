// The inner steps of subqueries, kept between evaluations of one expression at successive times.
// A rule with `max_over_time(rate(x[5m])[12h:])` evaluated every minute needs 720 inner steps
// each time, 719 of which it computed the minute before: kept here, each inner step runs once,
// and the range function reads each series' points where they are kept.
//
// An inner step is a function of its absolute time and of the storage only, so a kept step stays
// exact until the storage gains or changes a sample that step could read. Each use first compares
// the series the subquery selects with their state at the previous use, and drops the kept steps
// at or after the earliest change (shifted by how far ahead negative offsets read).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sim/base/time.hpp"
#include "sim/promql/ast.hpp"
#include "sim/tsdb/labels.hpp"
#include "sim/tsdb/sample.hpp"

namespace sim::promql {

class Evaluator;

// One series of a subquery's result: its labels and its points, oldest first.
struct SubquerySeries {
    const tsdb::Labels* metric;
    std::span<const tsdb::Sample> points;
};

// One per expression (e.g. per rule): subquery nodes are keyed by address. Not thread-safe.
class SubqueryMemo {
public:
    SubqueryMemo();
    ~SubqueryMemo();
    SubqueryMemo(const SubqueryMemo&) = delete;
    SubqueryMemo& operator=(const SubqueryMemo&) = delete;

    // Whether a subquery of `steps` inner steps is kept; a larger one is evaluated without memo.
    static bool keeps(std::uint64_t steps);

    // The subquery's inner expression at first, first + step, ... (`steps` times), as series in
    // the order Evaluator::eval_subquery gives them, reusing and charging the kept steps. Valid
    // until this memo next evaluates the same subquery.
    std::vector<SubquerySeries> window(Evaluator& ev, const SubqueryExpr& sq, Time first, Duration step,
                                       std::uint64_t steps);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace sim::promql
