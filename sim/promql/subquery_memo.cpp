#include "sim/promql/subquery_memo.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <limits>
#include <numeric>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "sim/promql/eval_context.hpp"
#include "sim/promql/selectors.hpp"

namespace sim::promql {

namespace {

constexpr std::uint64_t kMaxKeptSteps = 1 << 16;
constexpr std::size_t kMaxSlots = 1 << 16;  // distinct series kept per subquery
constexpr std::size_t kUnseen = std::numeric_limits<std::size_t>::max();

// What a series looked like when the kept steps were computed.
struct SeriesMark {
    std::size_t count = kUnseen;
    std::uint64_t last_bits = 0;
};

// One output series' points in the kept steps, oldest first.
struct Slot {
    tsdb::Labels metric;
    std::vector<tsdb::Sample> points;  // those before `head` have left the window
    std::vector<std::uint32_t> rank;   // each point's position in its step's output
    std::size_t head = 0;

    bool empty() const { return head == points.size(); }
    void truncate(Time from) {  // drops the points at or after `from`
        while (!empty() && points.back().t >= from) {
            points.pop_back();
            rank.pop_back();
        }
    }
    void advance(Time first) {  // drops the points before `first`
        while (!empty() && points[head].t < first) ++head;
        if (head > 1024 && head * 2 > points.size()) {  // reclaim the dead prefix now and then
            points.erase(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(head));
            rank.erase(rank.begin(), rank.begin() + static_cast<std::ptrdiff_t>(head));
            head = 0;
        }
    }
};

struct Node {
    std::vector<const VectorSelector*> reads;  // every selector the inner expression evaluates
    Duration reach;                            // how far past its step time an inner step reads
    bool pinned = false;                       // a read is pinned by `@`: not at its step's time
    std::vector<SeriesMark> marks;             // by series index
    Duration step;
    Time first;                         // the time of the first kept step
    std::deque<std::uint64_t> charged;  // per kept step: the samples it charged to the query
    std::vector<Slot> slots;
    std::unordered_map<tsdb::Labels, std::uint32_t, tsdb::LabelsHash> slot_of;

    Time step_time(std::size_t i) const { return first + step * static_cast<std::int64_t>(i); }

    void keep_steps(std::size_t n) {  // keeps the first n kept steps
        if (n >= charged.size()) return;
        charged.resize(n);
        for (auto& s : slots) s.truncate(step_time(n));
    }
};

}  // namespace

struct SubqueryMemo::State {
    // The evaluation context the kept steps belong to; another one starts afresh.
    const tsdb::Storage* storage = nullptr;
    EngineOptions options;
    std::unordered_map<const SubqueryExpr*, Node> nodes;
};

namespace {

Node& node_of(std::unordered_map<const SubqueryExpr*, Node>& nodes, const SubqueryExpr& sq) {
    auto [it, added] = nodes.try_emplace(&sq);
    Node& n = it->second;
    if (added) {
        // An inner step at ts reads samples up to ts - (offsets on the way to a selector).
        bool any = false;
        for (const auto& use : selector_uses(*sq.expr)) {
            const Duration ahead = -(use.subquery_offset + use.selector->offset);
            n.reach = any ? std::max(n.reach, ahead) : ahead;
            any = true;
            n.reads.push_back(use.selector);
            n.pinned = n.pinned || use.pinned;
        }
    }
    return n;
}

// Drops the kept steps the storage changed under since the last use, and records its state.
void forget_changed(Node& n, const tsdb::Storage& storage) {
    // A step that reads at an `@` time may read past its own time by any amount: keep nothing.
    if (n.pinned) {
        n.keep_steps(0);
        return;
    }
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
            } else if (mark.count > 0 && std::bit_cast<std::uint64_t>(samples[mark.count - 1].v) != mark.last_bits) {
                changed_at(samples[mark.count - 1].t);  // storage replaces its newest sample at the same time
            } else if (samples.size() > mark.count) {
                changed_at(samples[mark.count].t);  // else it only appends
            }
            mark.count = samples.size();
            mark.last_bits = samples.empty() ? 0 : std::bit_cast<std::uint64_t>(samples.back().v);
        }
    }
    if (!earliest) return;
    // A step at ts reads up to ts + reach: keep it only if that is before the change.
    std::size_t keep = n.charged.size();
    while (keep > 0 && n.step_time(keep - 1) + n.reach >= *earliest) --keep;
    n.keep_steps(keep);
}

// Moves the kept window to the one starting at `first`.
void slide(Node& n, Time first, Duration step) {
    if (step != n.step || first < n.first || (first - n.first) % step != Duration{}) {
        n.keep_steps(0);
    } else {
        const auto passed = static_cast<std::size_t>((first - n.first) / step);
        n.charged.erase(n.charged.begin(), n.charged.begin() + static_cast<std::ptrdiff_t>(std::min(passed, n.charged.size())));
        for (auto& s : n.slots) s.advance(first);
    }
    n.step = step;
    n.first = first;
}

void run_step(Evaluator& ev, const SubqueryExpr& sq, Node& n, Time ts) {
    const std::uint64_t before = ev.charged();
    const Vector v = ev.eval_vector(*sq.expr, ts);
    n.charged.push_back(ev.charged() - before);
    for (std::size_t i = 0; i < v.size(); ++i) {
        auto [it, added] = n.slot_of.try_emplace(v[i].metric, static_cast<std::uint32_t>(n.slots.size()));
        if (added) n.slots.push_back(Slot{v[i].metric, {}, {}, 0});
        Slot& slot = n.slots[it->second];
        slot.points.push_back(tsdb::Sample{ts, v[i].v});
        slot.rank.push_back(static_cast<std::uint32_t>(i));
    }
}

}  // namespace

SubqueryMemo::SubqueryMemo() : state_(std::make_unique<State>()) {}
SubqueryMemo::~SubqueryMemo() = default;

bool SubqueryMemo::keeps(std::uint64_t steps) { return steps <= kMaxKeptSteps; }

std::vector<SubquerySeries> SubqueryMemo::window(Evaluator& ev, const SubqueryExpr& sq, Time first, Duration step,
                                                 std::uint64_t steps) {
    State& s = *state_;
    if (s.storage != &ev.storage() || !(s.options == ev.options())) {
        s.nodes.clear();
        s.storage = &ev.storage();
        s.options = ev.options();
    }
    Node& n = node_of(s.nodes, sq);
    if (n.slots.size() > kMaxSlots) {  // series churn: start over
        n.charged.clear();
        n.slots.clear();
        n.slot_of.clear();
    }
    forget_changed(n, ev.storage());
    slide(n, first, step);
    if (n.charged.size() > steps) n.keep_steps(static_cast<std::size_t>(steps));

    // Charged at once: the total crosses the limit exactly when the steps one by one would.
    ev.charge(std::accumulate(n.charged.begin(), n.charged.end(), std::uint64_t{0}), sq.expr->pos);
    for (std::uint64_t i = n.charged.size(); i < steps; ++i) run_step(ev, sq, n, n.step_time(i));

    // eval_subquery orders series by their first point: by its step, then by its place there.
    std::vector<std::tuple<Time, std::uint32_t, const Slot*>> order;
    for (const auto& slot : n.slots)
        if (!slot.empty()) order.emplace_back(slot.points[slot.head].t, slot.rank[slot.head], &slot);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    std::vector<SubquerySeries> out;
    out.reserve(order.size());
    for (const auto& [t, rank, slot] : order)
        out.push_back(SubquerySeries{&slot->metric, std::span<const tsdb::Sample>(slot->points).subspan(slot->head)});
    return out;
}

}  // namespace sim::promql
