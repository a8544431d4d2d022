// The terminal report of `caracal-twin run`.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "analysis/false_pages.hpp"
#include "report/output_timeline.hpp"
#include "report/run_report.hpp"

namespace caracal::report {

namespace {

std::string relative_or_dash(const std::optional<sim::Time>& t, sim::Time injection) {
    return t ? format_relative(*t, injection) : "-";
}

// Columns padded to their widest cell, two spaces apart, indented by two.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& r : rows) {
        width.resize(std::max(width.size(), r.size()));
        for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
    }
    for (const auto& r : rows) {
        std::string line = "  ";
        for (std::size_t c = 0; c < r.size(); ++c) {
            line += r[c];
            if (c + 1 < r.size()) line += std::string(width[c] - r[c].size() + 2, ' ');
        }
        out << line << "\n";
    }
}

void print_alerts(std::ostream& out, const RunResult& r) {
    out << "Alerts\n";
    std::vector<std::vector<std::string>> rows{{"ALERT", "SEVERITY", "LABELS", "PENDING", "FIRING", "RESOLVED"}};
    for (const auto& a : r.alerts)
        for (const auto& e : sim::alerting::alert_episodes(a.transitions))
            rows.push_back({a.name, a.severity, a.labels.drop({"alertname", "severity"}).to_string(),
                            format_relative(e.active_at, r.injection), relative_or_dash(e.firing_at, r.injection),
                            relative_or_dash(e.resolved_at, r.injection)});
    if (rows.size() == 1)
        out << "  no alert became active\n";
    else
        print_table(out, rows);
}

void print_readiness(std::ostream& out, const RunResult& r) {
    out << "Readiness changes\n";
    std::vector<std::vector<std::string>> rows{{"POD", "AT", "READY"}};
    for (const auto& c : r.readiness) rows.push_back({c.pod, format_relative(c.at, r.injection), c.ready ? "true" : "false"});
    std::stable_sort(rows.begin() + 1, rows.end(), [](const auto& a, const auto& b) { return a[0] < b[0]; });
    if (rows.size() == 1)
        out << "  none\n";
    else
        print_table(out, rows);
}

// A baseline's firings are false pages: each with the disturbance behind it, then the rate per alert.
void print_false_pages(std::ostream& out, const RunResult& r) {
    out << "False pages (every firing of a baseline) and the disturbance behind each\n";
    std::vector<std::vector<std::string>> rows{{"ALERT", "LABELS", "FIRING", "DISTURBANCE", "APPLIED", "AT ACTIVATION"}};
    for (const auto& p : analysis::false_pages(r))
        rows.push_back({p.alert, p.labels.drop({"alertname", "severity"}).to_string(), format_relative(p.firing_at, r.injection),
                        p.disturbance ? p.disturbance->fault : "-",
                        p.disturbance ? format_relative(p.disturbance->applied_at, r.injection) : "-",
                        p.disturbance_in_effect ? "in effect" : (p.disturbance ? "ended before" : "-")});
    if (rows.size() == 1) {
        out << "  none\n";
        return;
    }
    print_table(out, rows);
    out << "Per simulated week\n";
    rows = {{"ALERT", "FIRINGS/WEEK"}};
    for (const auto& [alert, rate] : analysis::false_pages_per_week(r)) {
        if (rate <= 0) continue;
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", rate);
        rows.push_back({alert, text});
    }
    print_table(out, rows);
}

}  // namespace

std::string format_relative(sim::Time t, sim::Time injection) {
    const std::int64_t s = (t - injection).ms() / 1000;
    const std::int64_t a = s < 0 ? -s : s;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", s < 0 ? '-' : '+', static_cast<long long>(a / 60),
                  static_cast<long long>(a % 60));
    return buf;
}

void print_run_text(std::ostream& out, const Scenario& scenario, const RunResult& r) {
    out << "Scenario: " << scenario.name;
    if (!scenario.drill.empty()) out << " (drill: " << scenario.drill << ")";
    if (!scenario.variant.empty()) out << " [" << scenario.variant << "]";
    out << "\n  seed " << r.seed << ", warmup " << sim::format_duration(r.injection - r.start) << ", fault "
        << sim::format_duration(r.fault_end - r.injection) << ", recovery " << sim::format_duration(r.end - r.fault_end)
        << "; times are relative to injection\n";
    for (const auto& s : r.steps)
        out << "  fault " << s.fault << " at " << format_relative(s.applied_at, r.injection) << ", removed "
            << relative_or_dash(s.reverted_at, r.injection) << "\n";
    out << "\n";
    print_alerts(out, r);
    if (scenario.routine_disturbances) {
        out << "\n";
        print_false_pages(out, r);
    }
    out << "\n";
    print_readiness(out, r);
    out << "\nInvariants\n";
    for (const auto& c : r.invariants.checks) out << "  " << c.name << ": " << to_string(c.verdict) << " (" << c.detail << ")\n";
    for (const auto& e : r.rule_errors) out << "  rule evaluation failed: " << e << "\n";
}

}  // namespace caracal::report
