// The output of `caracal-twin sweep`: per grid point and alert, fired and TTD / TTR (with
// replications P(fired) and their spread), as an aligned table, CSV or JSON. Built from Results
// alone, so one run and merged shards print the same bytes.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "analysis/results.hpp"
#include "analysis/sweep.hpp"

namespace caracal::report {


enum class SweepFormat { Table, Csv, Json };
// The format as carried in the sweep header.
nlohmann::ordered_json sweep_format_json(SweepFormat format);

// The registered summary of `sweep` (also what `merge` runs on sweep shards). Exit 0.
analysis::Summary sweep_summary(const analysis::Results& results);

void print_sweep_table(std::ostream& out, const analysis::Sweep& sweep);
// Times in seconds; one row per point and alert; the spread columns are empty when unmeasured.
void print_sweep_csv(std::ostream& out, const analysis::Sweep& sweep);
nlohmann::ordered_json sweep_json(const analysis::Sweep& sweep);

}  // namespace caracal::report
