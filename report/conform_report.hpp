// `caracal-twin conform`: predicted against observed alert instants, per alert instance — a
// terminal table, JSON, and JUnit XML (one testcase per instance episode).
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "analysis/conformance.hpp"

namespace caracal::report {

void write_conform_text(std::ostream& out, const analysis::ConformanceReport& report);
nlohmann::json conform_json(const analysis::ConformanceReport& report);
void write_conform_junit(std::ostream& out, const analysis::ConformanceReport& report);

}  // namespace caracal::report
