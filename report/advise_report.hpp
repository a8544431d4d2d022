// The output of `caracal-twin advise`: per alert, its current `for`, the advised one (or why no
// candidate works) and the TTD p95 per drill at the advised `for`; text or JSON. Built from
// Results alone, so one run and merged shards print the same bytes. Exit 0: advice, not a check.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "analysis/advise.hpp"
#include "analysis/results.hpp"

namespace caracal::report {


// The registered summary of `advise` (also what `merge` runs on advise shards).
analysis::Summary advise_summary(const analysis::Results& results);

void print_advice_text(std::ostream& out, const analysis::AdviceReport& report);
nlohmann::ordered_json advice_json(const analysis::AdviceReport& report);

}  // namespace caracal::report
