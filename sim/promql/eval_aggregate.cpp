// Aggregation operators, following Prometheus 2.42's evaluator.aggregation: groups are formed in
// input order, sums are plain (no Kahan), avg is an incremental mean, stddev/stdvar use Welford,
// topk/bottomk keep a Go container/heap so ties are broken the same way.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "sim/promql/eval_context.hpp"
#include "sim/promql/eval_quantile.hpp"

namespace sim::promql {

namespace {

// Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent.
std::string format_float_plain(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, res.ptr);
}

// Go's %v for a float64 (strconv 'g' with the shortest representation), for error messages.
std::string format_float_go(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, res.ptr);
    // C++ writes 1e+19 as "1e+19" like Go, but Go pads the exponent to two digits.
    auto e = s.find('e');
    if (e != std::string::npos && s.size() - e == 3) s.insert(e + 2, "0");
    return s;
}

// A min-heap ordered by `less`, with exactly Go's container/heap up/down moves.
struct GoHeap {
    bool reverse = false;  // bottomk keeps the largest on top
    std::vector<VectorSample> items;

    bool less(std::size_t i, std::size_t j) const {
        if (std::isnan(items[i].v)) return true;
        return reverse ? items[i].v > items[j].v : items[i].v < items[j].v;
    }
    void up(std::size_t j) {
        while (j > 0) {
            const std::size_t i = (j - 1) / 2;
            if (!less(j, i)) break;
            std::swap(items[i], items[j]);
            j = i;
        }
    }
    void down(std::size_t i, std::size_t n) {
        for (;;) {
            const std::size_t j1 = 2 * i + 1;
            if (j1 >= n) break;
            std::size_t j = j1;
            if (j1 + 1 < n && less(j1 + 1, j1)) j = j1 + 1;
            if (!less(j, i)) break;
            std::swap(items[i], items[j]);
            i = j;
        }
    }
    void push(VectorSample s) {
        items.push_back(std::move(s));
        up(items.size() - 1);
    }
    void pop() {
        const std::size_t n = items.size() - 1;
        std::swap(items[0], items[n]);
        down(0, n);
        items.pop_back();
    }
    // Whether `v` displaces the current top (topk: bigger, bottomk: smaller, or the top is NaN).
    bool beaten_by(double v) const {
        const double top = items[0].v;
        return std::isnan(top) || (reverse ? top > v : top < v);
    }
};

struct Group {
    tsdb::Labels labels;
    double value = 0;
    double mean = 0;
    std::int64_t count = 0;
    GoHeap heap;
    std::vector<double> values;  // quantile
};

std::int64_t topk_count(double k, PosRange pos) {
    // float64(math.MaxInt64) rounds up to 2^63, which Prometheus still accepts.
    if (!(k <= 9223372036854775808.0 && k >= -9223372036854775808.0))
        throw EvalError(pos, "Scalar value " + format_float_go(k) + " overflows int64");
    if (k >= 9223372036854775807.0) return INT64_MAX;
    return static_cast<std::int64_t>(k);
}

void accumulate(Group& g, AggOp op, const VectorSample& s, std::int64_t k) {
    switch (op) {
        case AggOp::Sum: g.value += s.v; break;
        case AggOp::Avg:
            g.count++;
            if (std::isinf(g.mean)) {
                // Inf + x - Inf would turn the mean into NaN; an infinite mean stays as it is
                // unless the new value is NaN or the opposite infinity.
                if (std::isinf(s.v) && (g.mean > 0) == (s.v > 0)) break;
                if (!std::isinf(s.v) && !std::isnan(s.v)) break;
            }
            g.mean += s.v / static_cast<double>(g.count) - g.mean / static_cast<double>(g.count);
            break;
        case AggOp::Group: break;
        case AggOp::Max:
            if (g.value < s.v || std::isnan(g.value)) g.value = s.v;
            break;
        case AggOp::Min:
            if (g.value > s.v || std::isnan(g.value)) g.value = s.v;
            break;
        case AggOp::Count:
        case AggOp::CountValues: g.count++; break;
        case AggOp::Stddev:
        case AggOp::Stdvar: {
            g.count++;
            const double delta = s.v - g.mean;
            g.mean += delta / static_cast<double>(g.count);
            g.value += delta * (s.v - g.mean);
            break;
        }
        case AggOp::Topk:
        case AggOp::Bottomk:
            if (static_cast<std::int64_t>(g.heap.items.size()) < k || g.heap.beaten_by(s.v)) {
                if (static_cast<std::int64_t>(g.heap.items.size()) == k) {
                    if (k == 1) {
                        g.heap.items[0] = s;
                        break;
                    }
                    g.heap.pop();
                }
                g.heap.push(s);
            }
            break;
        case AggOp::Quantile: g.values.push_back(s.v); break;
    }
}

Group start_group(AggOp op, tsdb::Labels labels, const VectorSample& s) {
    Group g;
    g.labels = std::move(labels);
    g.value = s.v;
    g.mean = s.v;
    g.count = 1;
    switch (op) {
        case AggOp::Stddev:
        case AggOp::Stdvar: g.value = 0; break;
        case AggOp::Group: g.value = 1; break;
        case AggOp::Topk:
        case AggOp::Bottomk:
            g.heap.reverse = op == AggOp::Bottomk;
            g.heap.items.push_back(s);
            break;
        case AggOp::Quantile: g.values.push_back(s.v); break;
        default: break;
    }
    return g;
}

void emit(Group& g, AggOp op, double q, Time t, Vector& out) {
    const double n = static_cast<double>(g.count);
    switch (op) {
        case AggOp::Avg: g.value = g.mean; break;
        case AggOp::Count:
        case AggOp::CountValues: g.value = n; break;
        case AggOp::Stdvar: g.value = g.value / n; break;
        case AggOp::Stddev: g.value = std::sqrt(g.value / n); break;
        case AggOp::Quantile: g.value = quantile(q, g.values); break;
        case AggOp::Topk:
        case AggOp::Bottomk: {
            // Highest first for topk, lowest first for bottomk, NaN last.
            const bool top = op == AggOp::Topk;
            std::stable_sort(g.heap.items.begin(), g.heap.items.end(), [top](const auto& a, const auto& b) {
                if (std::isnan(a.v) || std::isnan(b.v)) return !std::isnan(a.v) && std::isnan(b.v);
                return top ? a.v > b.v : a.v < b.v;
            });
            for (auto& s : g.heap.items) out.push_back(VectorSample{std::move(s.metric), s.v, t});
            return;
        }
        default: break;
    }
    out.push_back(VectorSample{std::move(g.labels), g.value, t});
}

}  // namespace

Value eval_aggregate(Evaluator& ev, const AggregateExpr& e, Time t) {
    // As in Prometheus: the parameter, then the input, then the parameter's checks.
    const Value param = e.param ? ev.eval(*e.param, t) : Value{};
    Vector input = ev.eval_vector(*e.expr, t);
    std::int64_t k = 0;
    double q = 0;
    std::string value_label;
    const std::vector<std::string>* grouping = &e.grouping;
    std::vector<std::string> grouping_with_value_label;  // count_values by(...) also groups by its label
    if (e.op == AggOp::Topk || e.op == AggOp::Bottomk) {
        k = topk_count(std::get<Scalar>(param).v, e.param->pos);
        if (k < 1) return Vector{};
    } else if (e.op == AggOp::Quantile) {
        q = std::get<Scalar>(param).v;
    } else if (e.op == AggOp::CountValues) {
        value_label = std::get<String>(param).s;
        if (!is_valid_label_name(value_label))
            throw EvalError(e.param->pos, "invalid label name " + tsdb::quote(value_label));
        if (!e.without) {
            grouping_with_value_label = e.grouping;
            grouping_with_value_label.push_back(value_label);
            grouping = &grouping_with_value_label;
        }
    }

    // by(...) keeps the listed labels, without(...) all others but the metric name.
    const auto in_group = [&](std::string_view name) {
        const bool listed = std::find(grouping->begin(), grouping->end(), name) != grouping->end();
        return e.without ? !listed && name != tsdb::kMetricName : listed;
    };
    std::vector<Group> groups;
    std::unordered_map<std::uint64_t, std::size_t> index;  // Prometheus also keys groups by hash only
    for (auto& s : input) {
        if (e.op == AggOp::CountValues) s.metric.set(value_label, format_float_plain(s.v));
        // The group's labels are built only for its first member.
        auto [it, inserted] = index.try_emplace(s.metric.subset_hash(in_group), groups.size());
        if (inserted)
            groups.push_back(start_group(e.op, s.metric.subset(in_group), s));
        else
            accumulate(groups[it->second], e.op, s, k);
    }
    Vector out;
    out.reserve(groups.size());
    for (auto& g : groups) emit(g, e.op, q, t, out);
    return out;
}

}  // namespace sim::promql
