// The terminal report of `caracal-twin check --replications N`: a table per drill, a row per alert.
#include <algorithm>
#include <cstdio>

#include "report/check_replications.hpp"
#include "report/check_report.hpp"

namespace caracal::report {

namespace {

std::string spread_text(const std::optional<analysis::DurationSpread>& s) {
    if (!s) return "-";
    return format_offset(s->min) + " / " + format_offset(s->p50) + " / " + format_offset(s->p95) + " / " +
           format_offset(s->max);
}

std::string probability(const analysis::AlertStatistics& a) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", a.p_fired());
    return std::string(text) + " (" + std::to_string(a.fired) + "/" + std::to_string(a.replications) + ")";
}

// ✓ expected and fired every time, ✗ expected and missed at least once, · not expected.
const char* mark(const analysis::AlertStatistics& a) {
    if (!a.expected) return "·";
    return a.fired == a.replications ? "✓" : "✗";
}

std::string pad(std::string text, std::size_t width) {
    text.resize(std::max(width, text.size()), ' ');
    return text;
}

void print_drill(std::ostream& out, const ReplicatedDrill& d) {
    const auto& s = d.stats;
    out << d.title << " — " << d.file << ": expected alerts fired in every replication: "
        << (s.detected_always() ? "yes" : "NO") << "; drill check passed in " << s.passed << "/" << s.replications;
    std::string failed;
    for (const auto& [check, count] : s.failed_checks)
        failed += (failed.empty() ? "" : ", ") + check + " failed in " + std::to_string(count) + "/" +
                  std::to_string(s.replications);
    if (!failed.empty()) out << " (" << failed << ")";
    out << "\n";
    std::vector<std::vector<std::string>> rows{{"   ", "alert", "P(fired)", "TTD min / p50 / p95 / max",
                                                "TTR min / p50 / p95 / max"}};
    for (const auto& a : s.alerts)
        rows.push_back({std::string("  ") + mark(a), a.alert + (a.expected ? "" : " (not expected)"), probability(a),
                        spread_text(a.ttd), spread_text(a.ttr)});
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t c = 1; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
    for (const auto& row : rows) {
        std::string line = row[0];
        for (std::size_t c = 1; c < row.size(); ++c) line += " " + (c + 1 < row.size() ? pad(row[c], widths[c]) : row[c]);
        out << line << "\n";
    }
}

}  // namespace

void print_replicated_check_text(std::ostream& out, const ReplicatedCheckReport& report) {
    out << "Monte Carlo: " << report.plan.replications << " replication(s) per drill, master seed "
        << report.plan.master_seed << "; each varies scrape and evaluation phases, fault start and traffic noise.\n"
        << "TTD from injection, TTR from the end of the fault; quantiles are nearest-rank.\n\n";
    for (const auto& d : report.drills) {
        print_drill(out, d);
        out << "\n";
    }
    if (!report.docs_drift.empty()) {
        out << "Docs drift\n";
        for (const auto& d : report.docs_drift) out << "  ✗ " << d << "\n";
        out << "\n";
    }
    const auto always = std::count_if(report.drills.begin(), report.drills.end(),
                                      [](const ReplicatedDrill& d) { return d.stats.detected_always(); });
    out << always << " of " << report.drills.size() << " scenario(s) fired every expected alert in every replication";
    if (!report.docs_drift.empty()) out << "; " << report.docs_drift.size() << " documented drill(s) without a scenario";
    out << ": " << (report.passed() ? "PASS" : "FAIL") << "\n";
}

}  // namespace caracal::report
