// The output of `caracal-twin compare`: a table per drill (fired, TTD and TTR under A and B, the
// deltas, the regression) and a verdict, or JSON. Built from Results alone, so one run and merged
// shards print the same bytes; exit 1 when B loses an expected alert or adds a false positive.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "analysis/compare.hpp"
#include "analysis/results.hpp"

namespace caracal::report {


// The registered summary of `compare` (also what `merge` runs on compare shards).
analysis::Summary compare_summary(const analysis::Results& results);

void print_compare_text(std::ostream& out, const analysis::Comparison& comparison);
nlohmann::ordered_json compare_json(const analysis::Comparison& comparison);

}  // namespace caracal::report
