// rate, increase, delta (extrapolated over the window), irate, idelta (last two samples),
// changes and resets: Prometheus 2.42 functions.go.
#include <cmath>

#include "sim/promql/eval_functions.hpp"

namespace sim::promql {

namespace {

// Prometheus 2.42 extrapolatedRate.
std::optional<double> extrapolated_rate(const RangeWindow& w, bool is_counter, bool is_rate) {
    const auto& s = w.samples;
    if (s.size() < 2) return std::nullopt;
    const auto& first = s.front();
    const auto& last = s.back();
    double result = last.v - first.v;
    if (is_counter) {
        // A counter that went down was reset: the value before the reset was lost from the total.
        for (std::size_t i = 1; i < s.size(); ++i)
            if (s[i].v < s[i - 1].v) result += s[i - 1].v;
    }
    double to_start = (first.t - w.bounds.start).secs();
    const double to_end = (w.bounds.end - last.t).secs();
    const double sampled = (last.t - first.t).secs();
    const double average_gap = sampled / static_cast<double>(s.size() - 1);

    // A counter cannot have been negative: do not extrapolate past the point where it was zero.
    // (2.42 applies this before the threshold test below; later versions changed the order.)
    if (is_counter && result > 0 && first.v >= 0) {
        const double to_zero = sampled * (first.v / result);
        if (to_zero < to_start) to_start = to_zero;
    }
    // Extrapolate to a window edge when the series plausibly continues there (a gap under 1.1
    // average intervals), else assume it starts or ends half an interval beyond its samples.
    const double threshold = average_gap * 1.1;
    double interval = sampled;
    interval += to_start < threshold ? to_start : average_gap / 2;
    interval += to_end < threshold ? to_end : average_gap / 2;
    double factor = interval / sampled;
    if (is_rate) factor /= w.range.secs();
    return result * factor;
}

std::optional<double> instant_value(const RangeWindow& w, bool is_rate) {
    const auto& s = w.samples;
    if (s.size() < 2) return std::nullopt;
    const auto& last = s[s.size() - 1];
    const auto& prev = s[s.size() - 2];
    double result = is_rate && last.v < prev.v ? last.v : last.v - prev.v;  // irate: reset to zero
    const Duration gap = last.t - prev.t;
    if (gap.is_zero()) return std::nullopt;
    if (is_rate) result /= gap.secs();
    return result;
}

std::optional<double> rate(const RangeWindow& w) { return extrapolated_rate(w, true, true); }
std::optional<double> increase(const RangeWindow& w) { return extrapolated_rate(w, true, false); }
std::optional<double> delta(const RangeWindow& w) { return extrapolated_rate(w, false, false); }
std::optional<double> irate(const RangeWindow& w) { return instant_value(w, true); }
std::optional<double> idelta(const RangeWindow& w) { return instant_value(w, false); }

std::optional<double> changes(const RangeWindow& w) {
    int n = 0;
    for (std::size_t i = 1; i < w.samples.size(); ++i) {
        const double prev = w.samples[i - 1].v, cur = w.samples[i].v;
        if (cur != prev && !(std::isnan(cur) && std::isnan(prev))) ++n;
    }
    return n;
}

std::optional<double> resets(const RangeWindow& w) {
    int n = 0;
    for (std::size_t i = 1; i < w.samples.size(); ++i)
        if (w.samples[i].v < w.samples[i - 1].v) ++n;
    return n;
}

const std::map<std::string_view, RangeFunction> kFunctions = {
    {"rate", {rate}},     {"increase", {increase}}, {"delta", {delta}},     {"irate", {irate}},
    {"idelta", {idelta}}, {"changes", {changes}},   {"resets", {resets}},
};

}  // namespace

const RangeFunction* find_rate_function(std::string_view name) { return find_in(kFunctions, name); }

}  // namespace sim::promql
