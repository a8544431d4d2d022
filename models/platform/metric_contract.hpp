// Caracal's metrics contract as data: models/METRICS.md, one table row per metric the model
// produces, read by what explains a prediction (which source behaviour makes a series move) and by
// the tests that hold the model to the table.
#pragma once

#include <map>
#include <string>

#include "sim/scrape/exposition.hpp"

namespace caracal {

struct MetricContract {
    std::string name;
    std::string type;       // counter, gauge
    std::string exporter;   // the service (or kube-state-metrics) whose /metrics carries it
    std::string semantics;  // its value and when it changes
    std::string exposure;   // how /metrics produces it (in memory, computed at scrape time, ...)
    std::string source;     // `path:line@commit` in Caracal's source, or what the twin assumes
};

using MetricContracts = std::map<std::string, MetricContract>;

// The rows of every table in `markdown` whose header names the columns `metric` and `source`
// (`type`, `exported by`, a "... changes" and an "exposed" column are read when present; without an
// `exported by` column the exporter is the section's `## ` heading). A row's metric cell may list
// several backticked names sharing the row. Throws sim::InputError naming
// `file` and the line of a row whose cells do not match its header.
MetricContracts parse_metric_contract(const std::string& markdown, const std::string& file);

// The contract compiled in from models/METRICS.md.
const MetricContracts& metric_contract();

// How a live /metrics page declares `name`: the contract's type and, as HELP, when it changes.
// A name without a row is untyped, and its HELP says so.
sim::scrape::MetricFamilyInfo metric_family(const std::string& name);

}  // namespace caracal
