// Results of evaluating PromQL at one instant.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "sim/tsdb/labels.hpp"
#include "sim/tsdb/sample.hpp"

namespace sim::promql {

struct Scalar {
    double v = 0;
};

struct String {
    std::string s;
};

struct VectorSample {
    tsdb::Labels metric;
    double v = 0;
    Time t;  // the evaluation time, or the sample's own time where `timestamp()` needs it
};
using Vector = std::vector<VectorSample>;

struct MatrixSeries {
    tsdb::Labels metric;
    std::vector<tsdb::Sample> points;
};
using Matrix = std::vector<MatrixSeries>;

using Value = std::variant<Scalar, String, Vector, Matrix>;

}  // namespace sim::promql
