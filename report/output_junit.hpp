// `test-rules --junit FILE`: JUnit XML with a testsuite per test file and a testcase per test
// group; a malformed file is one testcase with an <error>.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "report/test_rules_report.hpp"

namespace caracal::report {

void write_junit(std::ostream& out, const std::vector<TestFileReport>& reports);

}  // namespace caracal::report
