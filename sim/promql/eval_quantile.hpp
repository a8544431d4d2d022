// The φ-quantile of a set of values, shared by quantile() and quantile_over_time().
#pragma once

#include <vector>

namespace sim::promql {

// Prometheus' quantile(): linear interpolation between the closest ranks; -Inf below q = 0,
// +Inf above q = 1, NaN for no values. Reorders `values`.
double quantile(double q, std::vector<double>& values);

}  // namespace sim::promql
