#include "report/conform_report.hpp"

#include <algorithm>
#include <iomanip>

#include "report/xml_escape.hpp"

namespace caracal::report {

namespace {

using analysis::InstanceConformance;
using analysis::InstantComparison;

// Signed, relative to the injection: `+2m30s`, `-15s`; `-` when absent.
std::string offset(const std::optional<sim::Duration>& d) {
    if (!d) return "-";
    return (d->ms() < 0 ? "-" : "+") + sim::format_duration(std::max(*d, -*d));
}

std::string instant_cell(const InstantComparison& c) {
    if (!c.predicted && !c.observed) return "-";
    std::string cell = offset(c.predicted) + " / " + offset(c.observed);
    if (const auto d = c.difference()) cell += " (" + offset(*d) + ")";
    return cell + (c.conforms ? "" : " !");
}

std::string instance_name(const InstanceConformance& i) {
    return i.alertname + i.labels + (i.episode > 1 ? " #" + std::to_string(i.episode) : "");
}

nlohmann::json instant_json(const InstantComparison& c) {
    const auto ms = [](const std::optional<sim::Duration>& d) { return d ? nlohmann::json(d->ms()) : nlohmann::json(); };
    return {{"predicted_ms", ms(c.predicted)}, {"observed_ms", ms(c.observed)}, {"difference_ms", ms(c.difference())},
            {"conforms", c.conforms}};
}

std::string failure_text(const InstanceConformance& i) {
    std::string text = analysis::verdict_name(i.verdict);
    const auto add = [&](const char* what, const InstantComparison& c) {
        if (!c.conforms) text += std::string("; ") + what + " " + offset(c.predicted) + " predicted, " + offset(c.observed) + " observed";
    };
    add("pending", i.pending);
    add("firing", i.firing);
    add("resolved", i.resolved);
    return text;
}

}  // namespace

void write_conform_text(std::ostream& out, const analysis::ConformanceReport& report) {
    out << "Conformance of " << report.scenario << " (instants from the injection, predicted / observed "
        << "(difference); tolerance " << sim::format_duration(report.tolerance) << ")\n";
    std::size_t width = 5;
    for (const auto& i : report.instances) width = std::max(width, instance_name(i).size());
    out << std::left << std::setw(static_cast<int>(width)) << "alert" << "  " << std::setw(30) << "pending" << "  "
        << std::setw(30) << "firing" << "  " << std::setw(30) << "resolved" << "  verdict\n";
    for (const auto& i : report.instances)
        out << std::setw(static_cast<int>(width)) << instance_name(i) << "  " << std::setw(30) << instant_cell(i.pending)
            << "  " << std::setw(30) << instant_cell(i.firing) << "  " << std::setw(30) << instant_cell(i.resolved) << "  "
            << analysis::verdict_name(i.verdict) << "\n";
    const auto failing = std::count_if(report.instances.begin(), report.instances.end(), [](const auto& i) {
        return i.verdict != analysis::ConformanceVerdict::Conforms;
    });
    out << (failing == 0 ? "CONFORMS" : "DOES NOT CONFORM") << ": " << report.instances.size() - failing << " of "
        << report.instances.size() << " alert instances conform\n";
}

nlohmann::json conform_json(const analysis::ConformanceReport& report) {
    nlohmann::json instances = nlohmann::json::array();
    for (const auto& i : report.instances)
        instances.push_back({{"alertname", i.alertname},
                             {"labels", i.labels},
                             {"episode", i.episode},
                             {"verdict", analysis::verdict_name(i.verdict)},
                             {"pending", instant_json(i.pending)},
                             {"firing", instant_json(i.firing)},
                             {"resolved", instant_json(i.resolved)}});
    return {{"scenario", report.scenario},
            {"tolerance_ms", report.tolerance.ms()},
            {"conforms", report.conforms()},
            {"instances", instances}};
}

void write_conform_junit(std::ostream& out, const analysis::ConformanceReport& report) {
    const auto failures = std::count_if(report.instances.begin(), report.instances.end(), [](const auto& i) {
        return i.verdict != analysis::ConformanceVerdict::Conforms;
    });
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"conform "
        << xml_escape(report.scenario) << "\" tests=\"" << report.instances.size() << "\" failures=\"" << failures
        << "\" errors=\"0\">\n";
    for (const auto& i : report.instances) {
        out << "    <testcase name=\"" << xml_escape(instance_name(i)) << "\" classname=\"" << xml_escape(report.scenario) << "\"";
        if (i.verdict == analysis::ConformanceVerdict::Conforms) {
            out << "/>\n";
            continue;
        }
        out << ">\n      <failure message=\"" << xml_escape(failure_text(i)) << "\"></failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace caracal::report
