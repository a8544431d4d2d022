#include "report/compare_report.hpp"

#include <sstream>

#include "report/check_report.hpp"
#include "report/whatif_table.hpp"

namespace caracal::report {

namespace {

using analysis::Regression;

// Without Monte Carlo the one measured time; with it the p95, the figure the deltas compare.
std::string p95_text(const std::optional<analysis::DurationSpread>& s) {
    return s ? format_offset(s->p95) : "-";
}

std::string verdict_text(const analysis::AlertComparison& c) {
    if (!c.regression) return "";
    return std::string(analysis::fails(*c.regression) ? "✗ " : "! ") + std::string(analysis::to_string(*c.regression));
}

void print_drill(std::ostream& out, const analysis::DrillComparison& d, bool mc) {
    out << d.title << " — " << d.file << (d.no_fault ? " (no fault: every alert that fires is a false positive)" : "")
        << "\n";
    if (d.alerts.empty()) {
        out << "  no alert expected or fired under A or B\n";
        return;
    }
    const std::string ttd = mc ? "TTD p95 " : "TTD ", ttr = mc ? "TTR p95 " : "TTR ";
    std::vector<TableRow> rows{{"alert", mc ? "P(fired) A" : "fired A", mc ? "P(fired) B" : "fired B", ttd + "A",
                                ttd + "B", "ΔTTD", ttr + "A", ttr + "B", "ΔTTR", "regression"}};
    for (const auto& c : d.alerts)
        rows.push_back({c.alert + (c.expected || d.no_fault ? "" : " (not expected)"), fired_text(c.a, mc),
                        fired_text(c.b, mc), p95_text(c.a.ttd), p95_text(c.b.ttd), delta_text(c.ttd_delta),
                        p95_text(c.a.ttr), p95_text(c.b.ttr), delta_text(c.ttr_delta), verdict_text(c)});
    print_table(out, rows, "  ");
}

}  // namespace

analysis::Summary compare_summary(const analysis::Results& results) {
    const analysis::Comparison comparison = analysis::comparison_of(results);
    std::ostringstream text;
    if (results.header.at("output") == "json") text << compare_json(comparison).dump(2) << "\n";
    else print_compare_text(text, comparison);
    return {text.str(), comparison.passed()};
}

void print_compare_text(std::ostream& out, const analysis::Comparison& comparison) {
    const bool mc = several_runs(comparison.plan);
    out << "Rule pack A: " << comparison.a.rules << "\nRule pack B: " << comparison.b.rules << "\n";
    if (!comparison.a.profile.empty() || !comparison.b.profile.empty()) {
        const auto named = [](const std::string& profile) { return profile.empty() ? std::string("built-in") : profile; };
        out << "Profile A: " << named(comparison.a.profile) << "\nProfile B: " << named(comparison.b.profile) << "\n";
    }
    out << replication_note(comparison.plan, "scenario and pack") << "\n"
        << "TTD from injection, TTR from the end of the fault; Δ = B − A"
        << (mc ? " of the p95s" : "") << ". ✗ fails the comparison, ! is reported only.\n\n";
    for (const auto& d : comparison.drills) {
        print_drill(out, d, mc);
        out << "\n";
    }
    out << "Regressions under B: " << comparison.count(Regression::Lost) << " expected alert(s) lost, "
        << comparison.count(Regression::NewFalsePositive) << " new false positive(s), "
        << comparison.count(Regression::Slower) << " slower detection(s): " << (comparison.passed() ? "PASS" : "FAIL")
        << "\n";
}

nlohmann::ordered_json compare_json(const analysis::Comparison& comparison) {
    const auto seconds = [](const std::optional<sim::Duration>& d) {
        return d ? nlohmann::ordered_json(d->secs()) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json drills = nlohmann::ordered_json::array();
    for (const auto& d : comparison.drills) {
        nlohmann::ordered_json alerts = nlohmann::ordered_json::array();
        for (const auto& c : d.alerts)
            alerts.push_back({{"alert", c.alert},
                              {"expected", c.expected},
                              {"a", analysis::to_json(c.a)},
                              {"b", analysis::to_json(c.b)},
                              {"ttd_p95_delta_seconds", seconds(c.ttd_delta)},
                              {"ttr_p95_delta_seconds", seconds(c.ttr_delta)},
                              {"regression", c.regression ? nlohmann::ordered_json(std::string(analysis::to_string(*c.regression)))
                                                          : nlohmann::ordered_json(nullptr)}});
        drills.push_back({{"title", d.title}, {"file", d.file}, {"no_fault", d.no_fault}, {"alerts", alerts}});
    }
    return {{"rules_a", comparison.a.rules},
            {"rules_b", comparison.b.rules},
            {"profile_a", comparison.a.profile},
            {"profile_b", comparison.b.profile},
            {"replications", comparison.plan.replications},
            {"master_seed", comparison.plan.master_seed},
            {"drills", drills},
            {"regressions",
             {{"expected_alerts_lost", comparison.count(Regression::Lost)},
              {"new_false_positives", comparison.count(Regression::NewFalsePositive)},
              {"slower_detections", comparison.count(Regression::Slower)}}},
            {"passed", comparison.passed()}};
}

}  // namespace caracal::report
