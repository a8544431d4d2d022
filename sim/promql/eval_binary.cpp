// Binary operators: scalar/scalar, vector/scalar, vector/vector with one-to-one, many-to-one and
// one-to-many matching, and the set operators and/or/unless (Prometheus 2.42 engine.go).
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "sim/promql/eval_context.hpp"
#include "sim/promql/eval_gomath.hpp"

namespace sim::promql {

namespace {

struct ElemResult {
    double v;
    bool keep;
};

ElemResult apply(BinOp op, double l, double r) {
    switch (op) {
        case BinOp::Add: return {l + r, true};
        case BinOp::Sub: return {l - r, true};
        case BinOp::Mul: return {l * r, true};
        case BinOp::Div: return {l / r, true};
        case BinOp::Pow: return {gomath::pow(l, r), true};
        case BinOp::Mod: return {std::fmod(l, r), true};  // exact, hence equal to Go's math.Mod
        case BinOp::Atan2: return {gomath::atan2(l, r), true};
        case BinOp::Eql: return {l, l == r};
        case BinOp::Neq: return {l, l != r};
        case BinOp::Gtr: return {l, l > r};
        case BinOp::Lss: return {l, l < r};
        case BinOp::Gte: return {l, l >= r};
        case BinOp::Lte: return {l, l <= r};
        case BinOp::And:
        case BinOp::Or:
        case BinOp::Unless: break;
    }
    return {0, false};
}

// Arithmetic results are no longer the metric they came from; comparisons and atan2 keep the name.
bool drops_metric_name(BinOp op) {
    switch (op) {
        case BinOp::Add:
        case BinOp::Sub:
        case BinOp::Mul:
        case BinOp::Div:
        case BinOp::Pow:
        case BinOp::Mod: return true;
        default: return false;
    }
}

bool listed(const std::vector<std::string>& names, std::string_view n) {
    for (const auto& x : names)
        if (x == n) return true;
    return false;
}

// Whether a label takes part in matching: on(...) uses only the listed labels, ignoring(...)
// all but the listed ones and the metric name.
bool matches_on(const VectorMatching& m, std::string_view name) {
    return m.on ? listed(m.matching_labels, name) : name != tsdb::kMetricName && !listed(m.matching_labels, name);
}

tsdb::Labels matched_labels(const tsdb::Labels& l, const VectorMatching& m) {
    return l.subset([&m](std::string_view name) { return matches_on(m, name); });
}

// The match group's identity. Prometheus 2.42 compares these as strings; a 64-bit hash of the
// same labels is as good for any realistic input.
std::uint64_t signature(const tsdb::Labels& l, const VectorMatching& m) {
    return l.subset_hash([&m](std::string_view name) { return matches_on(m, name); });
}

tsdb::Labels result_metric(const tsdb::Labels& many, const tsdb::Labels& one, BinOp op, const VectorMatching& m) {
    tsdb::Labels out = drops_metric_name(op) ? many.without_name() : many;
    if (m.card == Cardinality::OneToOne) out = m.on ? out.keep_only(m.matching_labels) : out.drop(m.matching_labels);
    // group_left(...)/group_right(...) labels come from the "one" side, removed when it lacks them.
    for (const auto& name : m.include) out.set(name, one.get(name));
    return out;
}

Vector vector_scalar(BinOp op, Vector vec, double scalar, bool scalar_on_left, bool return_bool) {
    Vector out;
    out.reserve(vec.size());
    for (auto& s : vec) {
        const double l = scalar_on_left ? scalar : s.v;
        const double r = scalar_on_left ? s.v : scalar;
        auto [value, keep] = apply(op, l, r);
        // A comparison always yields the vector's value, whichever side it is on.
        if (is_comparison(op)) value = s.v;
        if (return_bool)
            value = keep ? 1.0 : 0.0;
        else if (!keep)
            continue;
        if (drops_metric_name(op) || return_bool) s.metric = s.metric.without_name();
        s.v = value;
        out.push_back(std::move(s));
    }
    return out;
}

Vector vector_vector(const BinaryExpr& e, Vector lhs, Vector rhs, const VectorMatching& m, Time t) {
    if (lhs.empty() || rhs.empty()) return {};
    // One-to-many is many-to-one with the sides swapped; values are swapped back below.
    const bool swapped = m.card == Cardinality::OneToMany;
    if (swapped) std::swap(lhs, rhs);

    std::unordered_map<std::uint64_t, std::size_t> one_side;
    one_side.reserve(rhs.size());
    for (std::size_t i = 0; i < rhs.size(); ++i) {
        auto [it, inserted] = one_side.try_emplace(signature(rhs[i].metric, m), i);
        if (!inserted) {
            throw EvalError(e.pos, "found duplicate series for the match group " +
                                       go_labels_string(matched_labels(rhs[i].metric, m)) + " on the " +
                                       (swapped ? "left" : "right") + " hand-side of the operation: [" +
                                       go_labels_string(rhs[i].metric) + ", " +
                                       go_labels_string(rhs[it->second].metric) +
                                       "];many-to-many matching not allowed: matching labels must be unique on one side");
        }
    }

    // Per match group: the result label sets already produced (many-to-one must stay unique).
    std::unordered_map<std::uint64_t, std::unordered_set<std::uint64_t>> produced;
    Vector out;
    for (const auto& ls : lhs) {
        const auto sig = signature(ls.metric, m);
        auto found = one_side.find(sig);
        if (found == one_side.end()) continue;
        const auto& rs = rhs[found->second];
        const double l = swapped ? rs.v : ls.v;
        const double r = swapped ? ls.v : rs.v;
        auto [value, keep] = apply(e.op, l, r);
        if (e.return_bool)
            value = keep ? 1.0 : 0.0;
        else if (!keep)
            continue;
        tsdb::Labels metric = result_metric(ls.metric, rs.metric, e.op, m);
        if (e.return_bool) metric = metric.without_name();
        auto [group, first] = produced.try_emplace(sig);
        if (m.card == Cardinality::OneToOne) {
            if (!first)
                throw EvalError(e.pos, "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
        } else if (!group->second.insert(metric.hash()).second) {
            throw EvalError(e.pos, "multiple matches for labels: grouping labels must ensure unique matches");
        }
        out.push_back(VectorSample{std::move(metric), value, t});
    }
    return out;
}

std::unordered_set<std::uint64_t> signatures(const Vector& v, const VectorMatching& m) {
    std::unordered_set<std::uint64_t> out;
    out.reserve(v.size());
    for (const auto& s : v) out.insert(signature(s.metric, m));
    return out;
}

Vector set_operation(BinOp op, Vector lhs, Vector rhs, const VectorMatching& m) {
    switch (op) {
        case BinOp::And: {
            if (lhs.empty() || rhs.empty()) return {};
            const auto right = signatures(rhs, m);
            Vector out;
            for (auto& s : lhs)
                if (right.count(signature(s.metric, m))) out.push_back(std::move(s));
            return out;
        }
        case BinOp::Or: {
            if (lhs.empty()) return rhs;
            if (rhs.empty()) return lhs;
            const auto left = signatures(lhs, m);
            for (auto& s : rhs)
                if (!left.count(signature(s.metric, m))) lhs.push_back(std::move(s));
            return lhs;
        }
        default: {  // unless
            if (lhs.empty() || rhs.empty()) return lhs;
            const auto right = signatures(rhs, m);
            Vector out;
            for (auto& s : lhs)
                if (!right.count(signature(s.metric, m))) out.push_back(std::move(s));
            return out;
        }
    }
}

}  // namespace

Value eval_binary(Evaluator& ev, const BinaryExpr& e, Time t) {
    Value lhs = ev.eval(*e.lhs, t);
    Value rhs = ev.eval(*e.rhs, t);
    auto* ls = std::get_if<Scalar>(&lhs);
    auto* rs = std::get_if<Scalar>(&rhs);
    if (ls && rs) {
        auto [value, keep] = apply(e.op, ls->v, rs->v);
        return Scalar{is_comparison(e.op) ? (keep ? 1.0 : 0.0) : value};
    }
    Vector out;
    if (rs) {
        out = vector_scalar(e.op, std::get<Vector>(std::move(lhs)), rs->v, false, e.return_bool);
    } else if (ls) {
        out = vector_scalar(e.op, std::get<Vector>(std::move(rhs)), ls->v, true, e.return_bool);
    } else {
        VectorMatching matching = e.matching.value_or(VectorMatching{});
        if (is_set_operator(e.op)) {
            out = set_operation(e.op, std::get<Vector>(std::move(lhs)), std::get<Vector>(std::move(rhs)), matching);
        } else {
            out = vector_vector(e, std::get<Vector>(std::move(lhs)), std::get<Vector>(std::move(rhs)), matching, t);
        }
    }
    check_unique_labelsets(out, e.pos);
    return out;
}

}  // namespace sim::promql
