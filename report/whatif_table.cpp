#include "report/whatif_table.hpp"

#include <algorithm>
#include <cstdio>

#include "report/check_report.hpp"

namespace caracal::report {

void print_table(std::ostream& out, const std::vector<TableRow>& rows, const std::string& indent) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
    }
    for (const auto& row : rows) {
        std::string line = indent;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
        }
        line.erase(line.find_last_not_of(' ') + 1);  // an empty last cell leaves no padding behind
        out << line << "\n";
    }
}

std::string fired_text(const analysis::AlertStatistics& a, bool monte_carlo) {
    if (!monte_carlo) return a.fired > 0 ? "yes" : "no";
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", a.p_fired());
    return std::string(text) + " (" + std::to_string(a.fired) + "/" + std::to_string(a.replications) + ")";
}

std::string spread_text(const std::optional<analysis::DurationSpread>& s, bool monte_carlo) {
    if (!s) return "-";
    if (!monte_carlo) return format_offset(s->p50);
    return format_offset(s->min) + " / " + format_offset(s->p50) + " / " + format_offset(s->p95) + " / " +
           format_offset(s->max);
}

std::string delta_text(const std::optional<sim::Duration>& d) { return d ? format_offset(*d) : "-"; }

bool several_runs(const analysis::ReplicationPlan& plan) { return plan.runs_per_case() > 1; }

std::string replication_note(const analysis::ReplicationPlan& plan, const std::string& per) {
    if (plan.replications == 0)
        return "One run per " + per + " at the scenario's seed and the rule groups' hashed evaluation phases.";
    if (plan.replications == 1)
        return "One run per " + per + ", its phases, fault start and traffic noise drawn from master seed " +
               std::to_string(plan.master_seed) + " (the cases of one scenario share them).";
    return "Monte Carlo: " + std::to_string(plan.replications) + " replication(s) per " + per + ", master seed " +
           std::to_string(plan.master_seed) +
           "; each varies scrape and evaluation phases, fault start and traffic noise. Quantiles are nearest-rank.";
}

}  // namespace caracal::report
