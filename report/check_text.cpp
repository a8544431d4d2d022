// The terminal report of `caracal-twin check`: one block per drill (variant), a verdict line per
// expectation, then the catalog's docs drift and a summary.
#include <algorithm>

#include "report/check_report.hpp"

namespace caracal::report {

namespace {

const char* mark(ItemStatus s) {
    switch (s) {
        case ItemStatus::Pass: return "✓";
        case ItemStatus::Fail: return "✗";
        case ItemStatus::Note: return "·";
    }
    return "?";
}

void print_drill(std::ostream& out, const DrillVerdict& v, const UnpredictableAlerts& unpredictable,
                 const TimingTally& timing) {
    out << drill_title(v) << " — " << v.file << " (seed " << v.seed << ", fault " << sim::format_duration(v.fault_duration)
        << ", recovery " << sim::format_duration(v.recovery_window) << "): " << (v.passed() ? "PASS" : "FAIL") << "\n";
    std::size_t timing_dependent = 0;
    for (const auto& [item, held_in_redraws] : check_items(v, unpredictable, timing)) {
        out << "  " << mark(item.status) << " " << item.name << ": " << item.detail;
        if (held_in_redraws) {
            out << " — depends on timing (held in " << *held_in_redraws << " of " << timing.runs << ")";
            ++timing_dependent;
        }
        out << "\n";
    }
    if (timing.runs == 0) return;
    out << "  " << mark(ItemStatus::Note) << " timing: ";
    if (timing_dependent == 0) out << "every outcome the same";
    else out << timing_dependent << " outcome(s) differ";
    out << " over " << timing.runs << " redraws of the scrape and evaluation phases and the fault start\n";
}

}  // namespace

void print_check_text(std::ostream& out, const CheckReport& report) {
    if (!report.unpredictable.empty()) {
        out << "Alerts the twin cannot predict (their selectors match no simulated series)"
            << (report.strict ? ", a failure under --strict" : "") << "\n";
        print_unpredictable_alerts(out, report.unpredictable);
        out << "\n";
    }
    if (const auto fired = report.fired_without_fault(); !fired.empty()) {
        out << "Alerts that fire with no fault at all (" << report.no_fault_file << ", "
            << sim::format_duration(report.no_fault.fault_duration)
            << " after its warm-up): no drill can claim them" << (report.strict ? "; a failure under --strict" : "") << "\n";
        for (const auto* a : fired) {
            out << "  " << mark(report.strict ? ItemStatus::Fail : ItemStatus::Note) << " " << a->detection->fired.alert
                << " fired " << format_offset(a->detection->fired.at) << " after its warm-up";
            if (!a->mechanism.empty()) out << " — why: " << a->mechanism;
            out << "\n";
        }
        out << "\n";
    }
    out << "Detection times from injection (TTD = onset + for + phase); TTR from the end of the fault.\n\n";
    for (std::size_t i = 0; i < report.drills.size(); ++i) {
        print_drill(out, report.drills[i], report.unpredictable,
                    i < report.timing.size() ? report.timing[i] : TimingTally{});
        out << "\n";
    }
    if (!report.docs_drift.empty()) {
        out << "Docs drift\n";
        for (const auto& d : report.docs_drift) out << "  " << mark(ItemStatus::Fail) << " " << d << "\n";
        out << "\n";
    }
    const auto passed = std::count_if(report.drills.begin(), report.drills.end(), [](const DrillVerdict& v) { return v.passed(); });
    out << passed << " of " << report.drills.size() << " scenario(s) passed";
    if (!report.docs_drift.empty()) out << "; " << report.docs_drift.size() << " documented drill(s) without a scenario";
    if (!report.unpredictable.empty())
        out << "; " << report.unpredictable.size() << " alert(s) not simulated";
    out << ": " << (report.passed() ? "PASS" : "FAIL") << "\n";
}

}  // namespace caracal::report
