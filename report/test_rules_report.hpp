// What `test-rules` learned about one test file, for the text, JSON and JUnit writers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/alerting/unittest_runner.hpp"

namespace caracal::report {

struct TestFileReport {
    std::string path;
    std::optional<std::string> error;  // `file:line:col: message` when the input was malformed
    std::vector<std::string> warnings;
    sim::alerting::UnitTestResult result;

    bool passed() const { return !error && result.passed(); }
};

// The name a test group is shown under: its own, or its place in the file when it has none.
inline std::string display_name(const sim::alerting::TestGroupResult& g) {
    if (!g.name.empty()) return g.name;
    std::string numbered = "#";
    numbered += std::to_string(g.index + 1);
    return numbered;
}

}  // namespace caracal::report
