// `test-rules --json`: verdicts, failures and alert timelines of every test file as one document.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "report/test_rules_report.hpp"

namespace caracal::report {

nlohmann::json test_rules_json(const std::vector<TestFileReport>& reports);

}  // namespace caracal::report
