// The inner steps of subqueries, kept between evaluations of one expression at successive times.
// A rule with `max_over_time(rate(x[5m])[12h:])` evaluated every minute needs 720 inner steps
// each time, 719 of which it computed the minute before: kept here, each inner step runs once.
//
// An inner step is a function of its absolute time and of the storage only, so a kept step stays
// exact until the storage gains or changes a sample that step could read. Each use first compares
// the series the subquery selects with their state at the previous use, and drops the kept steps
// at or after the earliest change (shifted by how far ahead negative offsets read).
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/promql/ast.hpp"
#include "sim/promql/engine.hpp"
#include "sim/promql/value.hpp"
#include "sim/tsdb/storage.hpp"

namespace sim::promql {

class Evaluator;

// One per expression (e.g. per rule): the subquery nodes are keyed by address. Not thread-safe.
class SubqueryMemo {
public:
    // Whether a subquery of `steps` inner steps is kept; a larger one is evaluated without memo.
    static bool keeps(std::uint64_t steps) { return steps <= kMaxKeptSteps; }

    // The subquery's inner expression at first, first + step, ... (`steps` times), assembled
    // into series as Evaluator::eval_subquery does, reusing and charging the kept steps.
    Matrix evaluate(Evaluator& ev, const SubqueryExpr& sq, Time first, Duration step, std::uint64_t steps);

private:
    static constexpr std::uint64_t kMaxKeptSteps = 1 << 16;
    static constexpr std::size_t kMaxSlots = 1 << 16;  // distinct series kept per subquery
    static constexpr std::size_t kUnseen = std::numeric_limits<std::size_t>::max();

    // One inner step's output: (slot of its series, value) in output order, and the samples
    // its evaluation charged against the query's limit.
    struct KeptStep {
        std::vector<std::pair<std::uint32_t, double>> samples;
        std::uint64_t charged = 0;
    };
    // What a series looked like when the kept steps were computed.
    struct SeriesMark {
        std::size_t count = kUnseen;
        std::uint64_t last_bits = 0;
    };
    struct Node {
        std::vector<const VectorSelector*> reads;  // every selector the inner expression evaluates
        Duration reach;                            // how far past its step time an inner step reads
        std::vector<SeriesMark> marks;             // by series index
        Duration step;
        Time first;                  // the time of kept.front()
        std::deque<KeptStep> kept;  // at first, first + step, ...
        std::vector<tsdb::Labels> slots;
        std::unordered_map<tsdb::Labels, std::uint32_t, tsdb::LabelsHash> slot_of;
    };

    Node& node(const SubqueryExpr& sq);
    // Drops kept steps the storage changed under since the last use, and records its state.
    void forget_changed(Node& n, const tsdb::Storage& storage) const;
    // Drops kept steps outside the window that starts at `first`.
    static void slide(Node& n, Time first, Duration step);
    KeptStep run_step(Evaluator& ev, const SubqueryExpr& sq, Node& n, Time ts);

    // The evaluation context the kept steps belong to; another one starts afresh.
    const tsdb::Storage* storage_ = nullptr;
    EngineOptions options_;
    std::unordered_map<const SubqueryExpr*, Node> nodes_;
};

}  // namespace sim::promql
