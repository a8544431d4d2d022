#include "sim/promql/eval_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::promql {

double quantile(double q, std::vector<double>& values) {
    if (values.empty() || std::isnan(q)) return std::numeric_limits<double>::quiet_NaN();
    if (q < 0) return -std::numeric_limits<double>::infinity();
    if (q > 1) return std::numeric_limits<double>::infinity();
    // Prometheus sorts, with NaN before every number.
    const auto before = [](double a, double b) {
        if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && !std::isnan(b);
        return a < b;
    };
    const double n = static_cast<double>(values.size());
    const double rank = q * (n - 1);
    const double lower = std::max(0.0, std::floor(rank));
    const double upper = std::min(n - 1, lower + 1);
    const double weight = rank - std::floor(rank);
    // Only two ranks are read: selecting them is linear where sorting a long window is not.
    const auto lo = values.begin() + static_cast<std::ptrdiff_t>(lower);
    std::nth_element(values.begin(), lo, values.end(), before);
    const double at_upper = upper == lower ? *lo : *std::min_element(lo + 1, values.end(), before);
    return *lo * (1 - weight) + at_upper * weight;
}

}  // namespace sim::promql
