#include "sim/promql/subquery_memo.hpp"

#include <algorithm>
#include <bit>

#include "sim/promql/eval_context.hpp"
#include "sim/promql/selectors.hpp"

namespace sim::promql {

SubqueryMemo::Node& SubqueryMemo::node(const SubqueryExpr& sq) {
    auto [it, added] = nodes_.try_emplace(&sq);
    Node& n = it->second;
    if (added) {
        // An inner step at ts reads samples up to ts - (offsets on the way to a selector).
        bool any = false;
        for (const auto& use : selector_uses(*sq.expr)) {
            const Duration ahead = -(use.subquery_offset + use.selector->offset);
            n.reach = any ? std::max(n.reach, ahead) : ahead;
            any = true;
            n.reads.push_back(use.selector);
        }
    }
    return n;
}

void SubqueryMemo::forget_changed(Node& n, const tsdb::Storage& storage) const {
    std::optional<Time> earliest;
    const auto changed_at = [&](Time t) {
        if (!earliest || t < *earliest) earliest = t;
    };
    if (n.marks.size() < storage.size()) n.marks.resize(storage.size());
    for (const auto* vs : n.reads) {
        for (auto id : storage.select(vs->matchers)) {
            const auto& samples = storage.series(id).samples;
            SeriesMark& mark = n.marks[id.index];
            if (mark.count == kUnseen) {
                if (!samples.empty()) changed_at(samples.front().t);
            } else {
                // Storage only appends, or replaces its newest sample at the same time.
                if (mark.count > 0 && std::bit_cast<std::uint64_t>(samples[mark.count - 1].v) != mark.last_bits)
                    changed_at(samples[mark.count - 1].t);
                else if (samples.size() > mark.count)
                    changed_at(samples[mark.count].t);
            }
            mark.count = samples.size();
            mark.last_bits = samples.empty() ? 0 : std::bit_cast<std::uint64_t>(samples.back().v);
        }
    }
    if (!earliest) return;
    // A step at ts reads up to ts + reach: keep it only if that is before the change.
    while (!n.kept.empty() && n.first + n.step * static_cast<std::int64_t>(n.kept.size() - 1) + n.reach >= *earliest)
        n.kept.pop_back();
}

void SubqueryMemo::slide(Node& n, Time first, Duration step) {
    if (n.kept.empty() || step != n.step || first < n.first || (first - n.first) % step != Duration{}) {
        n.kept.clear();
    } else {
        const auto passed = static_cast<std::size_t>((first - n.first) / step);
        n.kept.erase(n.kept.begin(), n.kept.begin() + static_cast<std::ptrdiff_t>(std::min(passed, n.kept.size())));
    }
    n.step = step;
    n.first = first;
}

SubqueryMemo::KeptStep SubqueryMemo::run_step(Evaluator& ev, const SubqueryExpr& sq, Node& n, Time ts) {
    KeptStep out;
    const std::uint64_t before = ev.charged();
    const Vector v = ev.eval_vector(*sq.expr, ts);
    out.charged = ev.charged() - before;
    out.samples.reserve(v.size());
    for (const auto& s : v) {
        auto [it, added] = n.slot_of.try_emplace(s.metric, static_cast<std::uint32_t>(n.slots.size()));
        if (added) n.slots.push_back(s.metric);
        out.samples.emplace_back(it->second, s.v);
    }
    return out;
}

Matrix SubqueryMemo::evaluate(Evaluator& ev, const SubqueryExpr& sq, Time first, Duration step, std::uint64_t steps) {
    if (storage_ != &ev.storage() || !(options_ == ev.options())) {
        nodes_.clear();
        storage_ = &ev.storage();
        options_ = ev.options();
    }
    Node& n = node(sq);
    if (n.slots.size() > kMaxSlots) {  // series churn: start over
        n.kept.clear();
        n.slots.clear();
        n.slot_of.clear();
    }
    forget_changed(n, ev.storage());
    slide(n, first, step);

    Matrix out;
    std::vector<std::uint32_t> row(n.slots.size(), UINT32_MAX);  // slot -> index in out
    for (std::uint64_t i = 0; i < steps; ++i) {
        const Time ts = first + step * static_cast<std::int64_t>(i);
        if (i < n.kept.size()) {
            ev.charge(n.kept[i].charged, sq.expr->pos);
        } else {
            n.kept.push_back(run_step(ev, sq, n, ts));
            row.resize(n.slots.size(), UINT32_MAX);
        }
        for (const auto& [slot, v] : n.kept[i].samples) {
            if (row[slot] == UINT32_MAX) {
                row[slot] = static_cast<std::uint32_t>(out.size());
                out.push_back(MatrixSeries{n.slots[slot], {}});
            }
            out[row[slot]].points.push_back(tsdb::Sample{ts, v});
        }
    }
    return out;
}

}  // namespace sim::promql
