// The *_over_time functions: one value per series from all samples in the window
// (Prometheus 2.42 functions.go; sums and means are compensated there, so they are here).
#include <cmath>

#include "sim/promql/eval_functions.hpp"
#include "sim/promql/eval_kahan.hpp"
#include "sim/promql/eval_quantile.hpp"

namespace sim::promql {

namespace {

std::optional<double> avg_over_time(const RangeWindow& w) {
    // An incremental mean (no overflow for huge values), compensated.
    KahanSum mean;
    double count = 0;
    for (const auto& s : w.samples) {
        count += 1;
        if (std::isinf(mean.sum)) {
            // An infinite mean stays as it is unless NaN or the opposite infinity arrives.
            if (std::isinf(s.v) && (mean.sum > 0) == (s.v > 0)) continue;
            if (!std::isinf(s.v) && !std::isnan(s.v)) continue;
        }
        mean.add(s.v / count - mean.sum / count);
    }
    return std::isinf(mean.sum) ? mean.sum : mean.value();
}

std::optional<double> sum_over_time(const RangeWindow& w) {
    KahanSum sum;
    for (const auto& s : w.samples) sum.add(s.v);
    return std::isinf(sum.sum) ? sum.sum : sum.value();
}

std::optional<double> count_over_time(const RangeWindow& w) { return static_cast<double>(w.samples.size()); }

// Prometheus' loop: the first value, replaced by any value beyond it and while it is NaN. So
// NaN only wins when every value is NaN, and among equal values (0 and -0) the first wins.
template <typename Beyond>
double extreme_in_order(const RangeWindow& w, Beyond beyond) {
    double m = w.samples[0].v;
    for (const auto& s : w.samples)
        if (beyond(s.v, m) || std::isnan(m)) m = s.v;
    return m;
}

// The same value in four independent lanes (NaN never wins a comparison, the lanes start at
// the identity `none`). Where the order could matter, at zero (0 or -0) or at `none` (every
// value NaN, or all equal to `none`), the in-order loop decides.
template <typename Beyond>
double extreme(const RangeWindow& w, Beyond beyond, double none) {
    const auto& s = w.samples;
    double lane[4] = {none, none, none, none};
    std::size_t i = 0;
    for (; i + 4 <= s.size(); i += 4)
        for (std::size_t k = 0; k < 4; ++k) lane[k] = beyond(s[i + k].v, lane[k]) ? s[i + k].v : lane[k];
    for (; i < s.size(); ++i) lane[0] = beyond(s[i].v, lane[0]) ? s[i].v : lane[0];
    double m = lane[0];
    for (std::size_t k = 1; k < 4; ++k) m = beyond(lane[k], m) ? lane[k] : m;
    return m == 0 || m == none ? extreme_in_order(w, beyond) : m;
}

std::optional<double> min_over_time(const RangeWindow& w) {
    return extreme(w, [](double a, double b) { return a < b; }, INFINITY);
}

std::optional<double> max_over_time(const RangeWindow& w) {
    return extreme(w, [](double a, double b) { return a > b; }, -INFINITY);
}

std::optional<double> last_over_time(const RangeWindow& w) { return w.samples.back().v; }

std::optional<double> present_over_time(const RangeWindow&) { return 1.0; }

std::optional<double> quantile_over_time(const RangeWindow& w) {
    std::vector<double> values;
    values.reserve(w.samples.size());
    for (const auto& s : w.samples) values.push_back(s.v);
    return quantile(w.params[0], values);
}

// Welford's algorithm with compensated mean and sum of squares.
double variance(const RangeWindow& w) {
    double count = 0;
    KahanSum mean, aux;
    for (const auto& s : w.samples) {
        count += 1;
        const double delta = s.v - mean.value();
        mean.add(delta / count);
        aux.add(delta * (s.v - mean.value()));
    }
    return aux.value() / count;
}

std::optional<double> stdvar_over_time(const RangeWindow& w) { return variance(w); }
std::optional<double> stddev_over_time(const RangeWindow& w) { return std::sqrt(variance(w)); }

const std::map<std::string_view, RangeFunction> kFunctions = {
    {"avg_over_time", {avg_over_time}},
    {"sum_over_time", {sum_over_time}},
    {"count_over_time", {count_over_time}},
    {"min_over_time", {min_over_time}},
    {"max_over_time", {max_over_time}},
    {"last_over_time", {last_over_time, /*keeps_metric_name=*/true}},
    {"present_over_time", {present_over_time}},
    {"quantile_over_time", {quantile_over_time}},
    {"stdvar_over_time", {stdvar_over_time}},
    {"stddev_over_time", {stddev_over_time}},
};

}  // namespace

const RangeFunction* find_over_time_function(std::string_view name) { return find_in(kFunctions, name); }

}  // namespace sim::promql
