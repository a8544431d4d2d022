// deriv, predict_linear (least squares) and holt_winters (double exponential smoothing):
// Prometheus 2.42 functions.go.
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/promql/eval_functions.hpp"
#include "sim/promql/eval_kahan.hpp"

namespace sim::promql {

namespace {

struct Line {
    double slope;
    double intercept;  // the value at `origin`
};

// Least squares over (seconds since origin, value), with compensated sums as in 2.42.
Line linear_regression(std::span<const tsdb::Sample> samples, Time origin) {
    KahanSum x, y, xy, x2;
    const double init_y = samples[0].v;
    bool constant_y = true;
    double n = 0;
    for (const auto& s : samples) {
        if (s.v != init_y) constant_y = false;
        n += 1;
        const double dx = (s.t - origin).secs();
        x.add(dx);
        y.add(s.v);
        xy.add(dx * s.v);
        x2.add(dx * dx);
    }
    if (constant_y) {
        // A flat line, exactly; rounding in the sums must not invent a slope.
        if (std::isinf(init_y)) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
        return {0, init_y};
    }
    const double sum_x = x.value(), sum_y = y.value(), sum_xy = xy.value(), sum_x2 = x2.value();
    const double cov_xy = sum_xy - sum_x * sum_y / n;
    const double var_x = sum_x2 - sum_x * sum_x / n;
    const double slope = cov_xy / var_x;
    return {slope, sum_y / n - slope * sum_x / n};
}

std::optional<double> deriv(const RangeWindow& w) {
    if (w.samples.size() < 2) return std::nullopt;
    return linear_regression(w.samples, w.samples[0].t).slope;
}

std::optional<double> predict_linear(const RangeWindow& w) {
    if (w.samples.size() < 2) return std::nullopt;
    // Prometheus anchors the line at the evaluation time, not at the (offset) window end.
    const Line line = linear_regression(w.samples, w.eval_time);
    return line.intercept + line.slope * w.params[0];
}

std::string format_go_f(double v) {  // Go's %f
    char buf[512];
    std::snprintf(buf, sizeof buf, "%f", v);
    return buf;
}

std::optional<double> holt_winters(const RangeWindow& w) {
    const double sf = w.params[0], tf = w.params[1];
    if (sf <= 0 || sf >= 1)
        throw FunctionError("invalid smoothing factor. Expected: 0 < sf < 1, got: " + format_go_f(sf));
    if (tf <= 0 || tf >= 1)
        throw FunctionError("invalid trend factor. Expected: 0 < tf < 1, got: " + format_go_f(tf));
    const auto& s = w.samples;
    if (s.size() < 2) return std::nullopt;
    double s0 = 0, s1 = s[0].v;
    double trend = s[1].v - s[0].v;
    for (std::size_t i = 1; i < s.size(); ++i) {
        const double x = sf * s[i].v;
        if (i > 1) trend = tf * (s1 - s0) + (1 - tf) * trend;
        const double y = (1 - sf) * (s1 + trend);
        s0 = s1;
        s1 = x + y;
    }
    return s1;
}

const std::map<std::string_view, RangeFunction> kFunctions = {
    {"deriv", {deriv}},
    {"predict_linear", {predict_linear}},
    {"holt_winters", {holt_winters}},
};

}  // namespace

const RangeFunction* find_trend_function(std::string_view name) { return find_in(kFunctions, name); }

}  // namespace sim::promql
