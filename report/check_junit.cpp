// `caracal-twin check --junit FILE`.
#include <algorithm>

#include "report/check_report.hpp"
#include "report/xml_escape.hpp"

namespace caracal::report {

namespace {

struct Case {
    std::string name;
    std::optional<std::string> failure;
};

void write_suite(std::ostream& out, const std::string& name, const std::string& classname, const std::vector<Case>& cases) {
    const auto failures = std::count_if(cases.begin(), cases.end(), [](const Case& c) { return c.failure.has_value(); });
    out << "  <testsuite name=\"" << xml_escape(name) << "\" tests=\"" << cases.size() << "\" failures=\"" << failures
        << "\" errors=\"0\">\n";
    for (const auto& c : cases) {
        out << "    <testcase name=\"" << xml_escape(c.name) << "\" classname=\"" << xml_escape(classname) << "\"";
        if (!c.failure) {
            out << "/>\n";
            continue;
        }
        out << ">\n      <failure message=\"" << xml_escape(*c.failure) << "\"></failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n";
}

std::vector<Case> drill_cases(const DrillVerdict& v, const UnpredictableAlerts& unpredictable) {
    std::vector<Case> cases;
    for (const auto& item : check_items(v, unpredictable)) {
        if (item.status == ItemStatus::Note) continue;  // reported, not asserted
        cases.push_back({item.name, item.status == ItemStatus::Fail ? std::optional(item.detail) : std::nullopt});
    }
    return cases;
}

}  // namespace

void write_check_junit(std::ostream& out, const CheckReport& report) {
    std::vector<std::pair<const DrillVerdict*, std::vector<Case>>> suites;
    std::size_t tests = 0, failures = 0;
    for (const auto& v : report.drills) {
        suites.emplace_back(&v, drill_cases(v, report.unpredictable));
        for (const auto& c : suites.back().second) {
            ++tests;
            failures += c.failure ? 1 : 0;
        }
    }
    std::vector<Case> drift;
    for (const auto& d : report.docs_drift) drift.push_back({d, d});
    tests += drift.size();
    failures += drift.size();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"caracal-twin check\" tests=\"" << tests << "\" failures=\"" << failures
        << "\" errors=\"0\">\n";
    for (const auto& [v, cases] : suites) write_suite(out, drill_title(*v), v->scenario, cases);
    if (!drift.empty()) write_suite(out, "docs", "docs", drift);
    out << "</testsuites>\n";
}

}  // namespace caracal::report
