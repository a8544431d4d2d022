#include "report/advise_report.hpp"

#include <sstream>

#include "report/check_report.hpp"
#include "report/whatif_table.hpp"

namespace caracal::report {

namespace {

std::string candidate_list(const std::vector<sim::Duration>& candidates) {
    std::string out;
    for (const auto c : candidates) out += (out.empty() ? "" : ", ") + sim::format_duration(c);
    return out;
}

std::string p95(const std::optional<analysis::DurationSpread>& s) { return s ? format_offset(s->p95) : "-"; }

}  // namespace

analysis::Summary advise_summary(const analysis::Results& results) {
    const analysis::AdviceReport report = analysis::advice_of(results);
    std::ostringstream text;
    if (results.header.at("output") == "json") text << advice_json(report).dump(2) << "\n";
    else print_advice_text(text, report);
    return {text.str(), true};
}

void print_advice_text(std::ostream& out, const analysis::AdviceReport& report) {
    const std::size_t runs = report.plan.runs_per_case();
    out << "Shortest `for` per alert with no false positive in " << runs << " no-fault run(s) of " << report.no_fault
        << " and detection in every run of each of the " << report.drills << " drill(s) expecting it.\n"
        << "Rules " << report.rules << "; candidates " << candidate_list(report.candidates) << ".\n"
        << replication_note(report.plan, "candidate and scenario") << "\n\n";
    std::vector<TableRow> rows{{"alert", "current for", "advised for", "drills", "TTD p95 per drill at the advised for"}};
    for (const auto& a : report.alerts) {
        std::string detections;
        for (const auto& d : a.drills) detections += (detections.empty() ? "" : "; ") + d.title + " " + p95(d.stats.ttd);
        rows.push_back({a.alert, sim::format_duration(a.current),
                        a.advised ? sim::format_duration(*a.advised) : "none",
                        std::to_string(a.drills.size()),
                        a.advised ? (a.drills.empty() ? "(no drill expects it)" : detections) : a.reason});
    }
    print_table(out, rows);
}

nlohmann::ordered_json advice_json(const analysis::AdviceReport& report) {
    nlohmann::ordered_json alerts = nlohmann::ordered_json::array();
    for (const auto& a : report.alerts) {
        nlohmann::ordered_json drills = nlohmann::ordered_json::array();
        for (const auto& d : a.drills) drills.push_back({{"drill", d.title}, {"stats", analysis::to_json(d.stats)}});
        alerts.push_back({{"alert", a.alert},
                          {"current_for", sim::format_duration(a.current)},
                          {"advised_for", a.advised ? nlohmann::ordered_json(sim::format_duration(*a.advised))
                                                    : nlohmann::ordered_json(nullptr)},
                          {"drills", drills},
                          {"reason", a.reason}});
    }
    nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
    for (const auto c : report.candidates) candidates.push_back(sim::format_duration(c));
    return {{"rules", report.rules},
            {"no_fault", report.no_fault},
            {"candidates", candidates},
            {"replications", report.plan.replications},
            {"master_seed", report.plan.master_seed},
            {"alerts", alerts}};
}

}  // namespace caracal::report
