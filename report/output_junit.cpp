#include "report/output_junit.hpp"

#include <string>

#include "report/xml_escape.hpp"

namespace caracal::report {

namespace {

struct Counts {
    std::size_t tests = 0, failures = 0, errors = 0;
};

Counts counts(const TestFileReport& r) {
    if (r.error) return {1, 0, 1};
    Counts c;
    for (const auto& g : r.result.groups) {
        ++c.tests;
        if (!g.passed()) ++c.failures;
    }
    return c;
}

std::string count_attrs(const Counts& c) {
    return "tests=\"" + std::to_string(c.tests) + "\" failures=\"" + std::to_string(c.failures) + "\" errors=\"" +
           std::to_string(c.errors) + "\"";
}

void write_suite(std::ostream& out, const TestFileReport& r) {
    const std::string file = xml_escape(r.path);
    out << "  <testsuite name=\"" << file << "\" " << count_attrs(counts(r)) << ">\n";
    if (r.error) {
        out << "    <testcase name=\"" << file << "\" classname=\"" << file << "\">\n"
            << "      <error message=\"" << xml_escape(*r.error) << "\"></error>\n"
            << "    </testcase>\n";
    }
    for (const auto& g : r.result.groups) {
        out << "    <testcase name=\"" << xml_escape(display_name(g)) << "\" classname=\"" << file << "\">\n";
        if (!g.passed()) {
            std::string details;
            for (const auto& f : g.failures) details += f + "\n";
            out << "      <failure message=\"" << g.failures.size() << " failed check(s)\">" << xml_escape(details)
                << "</failure>\n";
        }
        out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
}

}  // namespace

void write_junit(std::ostream& out, const std::vector<TestFileReport>& reports) {
    Counts total;
    for (const auto& r : reports) {
        const Counts c = counts(r);
        total.tests += c.tests;
        total.failures += c.failures;
        total.errors += c.errors;
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"caracal-twin test-rules\" " << count_attrs(total) << ">\n";
    for (const auto& r : reports) write_suite(out, r);
    out << "</testsuites>\n";
}

}  // namespace caracal::report
