// Functions on whole vectors or none: absent, scalar, vector, sort, sort_desc, time, pi.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "sim/promql/eval_functions.hpp"

namespace sim::promql {

tsdb::Labels absent_labels(const Expr& arg) {
    const Expr& e = unwrap_parens(arg);
    const VectorSelector* vs = nullptr;
    if (e.kind == ExprKind::VectorSelector) vs = static_cast<const VectorSelector*>(&e);
    if (e.kind == ExprKind::MatrixSelector)
        vs = static_cast<const VectorSelector*>(static_cast<const MatrixSelector&>(e).selector.get());
    tsdb::Labels out;
    if (!vs) return out;
    // 2.42 walks the matchers in order: the first `=` on a name sets it (`=""` sets no label but
    // still claims the name); any later matcher on a claimed name, and any other matcher
    // type, erases the name as it stands at that point. So order matters:
    // `{job=~"a.*",job="api"}` keeps job="api", `{job="api",job=~"a.*"}` does not. Rules see
    // their matchers sorted (see Rule's query form), promql_expr_test as written.
    std::vector<std::string_view> claimed;
    for (const auto& m : vs->matchers) {
        if (m.name() == tsdb::kMetricName) continue;
        const bool seen = std::find(claimed.begin(), claimed.end(), m.name()) != claimed.end();
        if (m.op() == tsdb::MatchOp::Equal && !seen) {
            claimed.push_back(m.name());
            out.set(m.name(), m.value());
        } else {
            out.erase(m.name());
        }
    }
    return out;
}

namespace {

Value absent(const Call& call, std::vector<Value>& args, Time t) {
    if (!std::get<Vector>(args[0]).empty()) return Vector{};
    return Vector{VectorSample{absent_labels(*call.args[0]), 1, t}};
}

Value scalar(const Call&, std::vector<Value>& args, Time) {
    const auto& v = std::get<Vector>(args[0]);
    return Scalar{v.size() == 1 ? v[0].v : std::numeric_limits<double>::quiet_NaN()};
}

Value vector(const Call&, std::vector<Value>& args, Time t) {
    return Vector{VectorSample{{}, std::get<Scalar>(args[0]).v, t}};
}

// NaN goes last in both directions.
template <bool Descending>
Value sort_by_value(const Call&, std::vector<Value>& args, Time) {
    auto& v = std::get<Vector>(args[0]);
    std::stable_sort(v.begin(), v.end(), [](const VectorSample& a, const VectorSample& b) {
        if (std::isnan(a.v) || std::isnan(b.v)) return !std::isnan(a.v) && std::isnan(b.v);
        return Descending ? a.v > b.v : a.v < b.v;
    });
    return std::move(v);
}

Value time(const Call&, std::vector<Value>&, Time t) { return Scalar{t.unix_secs()}; }
Value pi(const Call&, std::vector<Value>&, Time) { return Scalar{std::numbers::pi}; }

const std::map<std::string_view, VectorFunction> kFunctions = {
    {"absent", absent},
    {"scalar", scalar},
    {"vector", vector},
    {"sort", sort_by_value<false>},
    {"sort_desc", sort_by_value<true>},
    {"time", time},
    {"pi", pi},
};

}  // namespace

const VectorFunction* find_misc_function(std::string_view name) { return find_in(kFunctions, name); }

}  // namespace sim::promql
