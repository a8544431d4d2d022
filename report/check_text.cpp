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

void print_item(std::ostream& out, const CheckItem& item) {
    out << "  " << mark(item.status) << " " << item.name << ": " << item.detail;
}

void print_drill(std::ostream& out, const CheckReport& report, std::size_t i) {
    const DrillVerdict& v = report.drills[i];
    const TimingTally timing = i < report.timing.size() ? report.timing[i] : TimingTally{};
    out << drill_title(v) << " — " << v.file << " (seed " << v.seed << ", fault " << sim::format_duration(v.fault_duration)
        << ", recovery " << sim::format_duration(v.recovery_window) << "): " << (report.drill_passed(i) ? "PASS" : "FAIL")
        << "\n";
    std::size_t timing_dependent = 0;
    for (const auto& [item, held_in_redraws] : check_items(v, report.unpredictable, timing)) {
        print_item(out, item);
        if (held_in_redraws) {
            out << " — depends on timing (held in " << *held_in_redraws << " of " << timing.runs << ")";
            ++timing_dependent;
        }
        out << "\n";
    }
    if (i < report.paging.size()) {
        for (const auto& item : report.paging[i]) {
            print_item(out, item);
            out << "\n";
        }
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
        print_drill(out, report, i);
        out << "\n";
    }
    if (!report.docs_drift.empty()) {
        out << "Docs drift\n";
        for (const auto& d : report.docs_drift) out << "  " << mark(ItemStatus::Fail) << " " << d << "\n";
        out << "\n";
    }
    std::size_t passed = 0;
    for (std::size_t i = 0; i < report.drills.size(); ++i) passed += report.drill_passed(i) ? 1 : 0;
    out << passed << " of " << report.drills.size() << " scenario(s) passed";
    if (!report.docs_drift.empty()) out << "; " << report.docs_drift.size() << " documented drill(s) without a scenario";
    if (!report.unpredictable.empty())
        out << "; " << report.unpredictable.size() << " alert(s) not simulated";
    out << ": " << (report.passed() ? "PASS" : "FAIL") << "\n";
}

}  // namespace caracal::report
