// `test-rules --junit FILE`: JUnit XML with a testsuite per test file and a testcase per test
// group; a malformed file is one testcase with an <error>.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tools/test_rules_report.hpp"

namespace caracal::tools {

void write_junit(std::ostream& out, const std::vector<TestFileReport>& reports);

// Text as XML attribute or element content (control characters XML 1.0 forbids become '?').
std::string xml_escape(const std::string& s);

}  // namespace caracal::tools
