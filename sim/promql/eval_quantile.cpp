#include "sim/promql/eval_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::promql {

double quantile(double q, std::vector<double>& values) {
    if (values.empty() || std::isnan(q)) return std::numeric_limits<double>::quiet_NaN();
    if (q < 0) return -std::numeric_limits<double>::infinity();
    if (q > 1) return std::numeric_limits<double>::infinity();
    // Prometheus orders NaN before every number.
    std::sort(values.begin(), values.end(), [](double a, double b) {
        if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && !std::isnan(b);
        return a < b;
    });
    const double n = static_cast<double>(values.size());
    const double rank = q * (n - 1);
    const double lower = std::max(0.0, std::floor(rank));
    const double upper = std::min(n - 1, lower + 1);
    const double weight = rank - std::floor(rank);
    return values[static_cast<std::size_t>(lower)] * (1 - weight) + values[static_cast<std::size_t>(upper)] * weight;
}

}  // namespace sim::promql
