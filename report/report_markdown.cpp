// The Markdown report: GitHub tables, the timeline as a Mermaid Gantt chart (GitHub renders it),
// the watched signals as a table with a text sparkline each. Predicted times stand next to an
// Observed column: empty, or for the alerts filled from what a real Prometheus recorded
// (report --observed).
#include <algorithm>
#include <cmath>
#include <sstream>

#include "report/report_text.hpp"
#include "report/report_writers.hpp"

namespace caracal::report {

namespace {

constexpr std::size_t kSparklineWidth = 40;
constexpr const char* kSparkBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

// A table cell: pipes escaped, line breaks flattened.
std::string md(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

std::string code(const std::string& s) { return s.empty() ? "" : "`" + md(s) + "`"; }

// A predicted time and its Observed cell (blank unless report --observed filled it).
std::string predicted(const std::optional<Duration>& d, const std::string& observed = "") {
    return " " + offset_text(d) + " | " + md(observed) + " |";
}

// A Mermaid task name: `Alert(job=x, pod=y)`; no colon, hash or semicolon (they end the name or
// start a comment), no quotes or braces.
std::string task_name(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '{') out += '(';
        else if (c == '}') out += ')';
        else if (c == ':' || c == '#' || c == ';') out += ' ';
        else if (c != '"') out += c;
    }
    return out;
}

void summary(std::ostringstream& out, const Report& report) {
    const ReportProvenance& p = report.provenance;
    out << "# Pre-drill expectation report\n\n"
        << "| Made with | |\n| --- | --- |\n"
        << "| Rule file | " << code(p.rules_file) << " |\n| Profile | " << code(p.profile) << " |\n| Seed | " << md(p.seed)
        << " |\n| Docs page | " << code(p.docs_file.empty() ? "none" : p.docs_file) << " |\n| Tool | caracal-twin "
        << md(p.tool_version) << " |\n\n"
        << kReadingGuide << "\n\n"
        << "| Drill | Expected alerts firing | First detection | Observed | Last detection | Observed | Green TTR | Observed | "
           "Prediction vs docs |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& d : report.drills) {
        const DrillSummary s = summarise(d);
        out << "| [" << md(d.title) << "](#" << d.anchor << ") | " << s.fired << " |" << predicted(s.first_detection)
            << predicted(s.last_detection) << predicted(d.green_ttr) << " " << (d.findings.empty() ? "" : "⚠ ")
            << s.verdict << " |\n";
    }
    out << "\n";
}

// The section's heading and the docs' own words, when there are some.
void heading(std::ostringstream& out, const char* title, const std::string& documented = "") {
    out << "### " << title << "\n\n";
    if (!documented.empty()) out << "**Documented:** " << documented << "\n\n";
}

void injection(std::ostringstream& out, const DrillReport& d) {
    heading(out, "1. Injection", d.documented_inject);
    out << "| Fault step (how) | At | Observed | Until |\n| --- | --- | --- | --- |\n";
    for (const auto& s : d.injected) out << "| " << code(s.fault) << " |" << predicted(s.at) << " " << step_until(s) << " |\n";
    out << "\n**Green baseline** (" << sim::format_duration(d.warmup) << " warm-up before injection): "
        << baseline_text(d.baseline) << ". Fault " << sim::format_duration(d.fault_duration) << ", then "
        << sim::format_duration(d.recovery_window) << " of recovery observed.\n\n";
}

void alerts(std::ostringstream& out, const DrillReport& d) {
    heading(out, "2. Expected alerts");
    out << "| Alert | Docs | Severity | Pending | Observed | Firing | Observed | Resolved | Observed | TTD decomposition | "
           "TTR | Observed | First response |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& a : d.alerts)
        out << "| " << code(a.alert) << (a.instance.empty() ? "" : "<br>" + md(a.instance)) << " | " << role_text(a.role)
            << " | " << a.severity << " |" << predicted(a.pending, observed_text(a, &analysis::InstanceConformance::pending))
            << predicted(a.firing, observed_firing_text(a))
            << predicted(a.resolved, observed_text(a, &analysis::InstanceConformance::resolved)) << " "
            << decomposition_text(a.detection) << " |" << predicted(a.ttr, observed_ttr_text(a, d.fault_duration)) << " "
            << md(a.first_response) << " |\n";
    out << "\n";
    if (!d.observed_elsewhere.empty()) {
        out << "**Also observed, not as predicted:**\n\n";
        for (const auto& c : d.observed_elsewhere) out << "- " << observed_elsewhere_text(c) << "\n";
        out << "\n";
    }
}

// Seconds since the run's start: Mermaid's `dateFormat X` cannot go below zero.
long since_start(const Timeline& t, Duration at) { return static_cast<long>((at - t.from).ms() / 1000); }

void gantt_task(std::ostringstream& out, const Timeline& t, const std::string& name, const char* tag, const Span& s) {
    out << "    " << task_name(name) << " :" << tag << since_start(t, s.from) << ", " << std::max(since_start(t, s.to), since_start(t, s.from) + 1)
        << "\n";
}

// The section's bars, the firing and unready ones as Mermaid's `crit`; none: no section (Mermaid
// rejects an empty one).
void gantt_section(std::ostringstream& out, const Timeline& t, const char* title, const std::vector<TimelineRow>& rows) {
    bool any = false;
    for (const auto& r : rows)
        for (const auto& s : r.spans) {
            if (!any) out << "    section " << title << "\n";
            any = true;
            const bool severe = s.kind == SpanKind::Firing || s.kind == SpanKind::Unready;
            gantt_task(out, t, r.label + r.detail + " " + std::string(to_string(s.kind)), severe ? "crit, " : "active, ", s);
        }
}

void gantt(std::ostringstream& out, const Timeline& t) {
    out << "```mermaid\ngantt\n    dateFormat X\n    axisFormat %H:%M\n    title Time since the run start (injection at "
        << sim::format_duration(-t.from) << ", fault end at " << sim::format_duration(t.fault_end - t.from) << ")\n";
    out << "    section Fault\n    fault window :crit, " << since_start(t, Duration()) << ", " << since_start(t, t.fault_end) << "\n";
    gantt_section(out, t, "Alerts", t.alerts);
    gantt_section(out, t, "Readiness", t.readiness);
    out << "```\n\n";
}

// The signal's largest value (over its series) in each of kSparklineWidth slices of the run.
std::string sparkline(const SignalPlot& plot, const Timeline& t) {
    std::vector<std::optional<double>> slices(kSparklineWidth);
    const double span = static_cast<double>((t.to - t.from).ms());
    for (const auto& s : plot.series)
        for (const auto& p : s.points) {
            if (!std::isfinite(p.value)) continue;
            const auto i = std::min(kSparklineWidth - 1, static_cast<std::size_t>(kSparklineWidth * ((p.at - t.from).ms() / span)));
            slices[i] = slices[i] ? std::max(*slices[i], p.value) : p.value;
        }
    double lo = std::min(0.0, plot.condition.threshold), hi = plot.condition.threshold;
    for (const auto& v : slices)
        if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
    std::string out;
    for (const auto& v : slices) {
        if (!v) {
            out += " ";
            continue;
        }
        const double f = hi > lo ? (*v - lo) / (hi - lo) : 0;
        out += kSparkBars[std::min<std::size_t>(7, static_cast<std::size_t>(f * 8))];
    }
    return out;
}

void timeline(std::ostringstream& out, const DrillReport& d) {
    heading(out, "3. Timeline");
    gantt(out, d.timeline);
    out << "| Service | Readiness |\n| --- | --- |\n";
    for (const auto& r : d.timeline.readiness) out << "| " << r.label << " | " << readiness_text(r) << " |\n";
    out << "\n| Alert | Signal watched | Threshold | Peak | At | Condition first holds | Observed | Whole run (max per slice) |\n"
           "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& s : d.signals)
        out << "| " << code(s.alert) << " | " << code(s.condition.signal_text) << " | " << code(comparison_text(s.condition))
            << " | " << (s.peak ? format_number(s.peak->value) : "—") << " | "
            << offset_text(s.peak ? std::optional(s.peak->at) : std::nullopt) << " |" << predicted(s.first_held) << " `"
            << sparkline(s, d.timeline) << "` |\n";
    out << "\n";
}

void traffic(std::ostringstream& out, const DrillReport& d) {
    heading(out, "4. Traffic and invariants", d.documented_behavior);
    out << "| Protected requests | Warm-up | Fault | Recovery |\n| --- | --- | --- | --- |\n";
    for (const auto& t : d.traffic)
        out << "| " << t.outcome << (t.fail_closed ? " (denied, fail closed)" : " (reached the upstream)") << " | "
            << count_text(t.warmup) << " | " << count_text(t.fault) << " | " << count_text(t.recovery) << " |\n";
    const RevocationLag& lag = d.revocation_lag;
    out << "\nRevocations: " << lag.revocations << " issued, " << lag.applied
        << " (revocation, Gateway pod) pairs applied — revoked sessions denied from then on — " << lag.pending
        << " still pending at the end; max lag " << sim::format_duration(lag.max) << ".\n\n"
        << "| Check | Predicted | Detail |\n| --- | --- | --- |\n";
    for (const auto& b : d.behavior) out << "| " << b.name << " | " << (b.held ? "holds" : "**fails**") << " | " << md(b.detail) << " |\n";
    for (const auto& c : d.invariants)
        out << "| invariant " << c.name << " | " << (c.verdict == Verdict::Violated ? "**violated**" : std::string(to_string(c.verdict)))
            << " | " << md(c.detail) << " |\n";
    out << "\n";
}

void recovery(std::ostringstream& out, const DrillReport& d) {
    heading(out, "5. Recovery", d.documented_recover);
    out << "| Step | Proved by | TTR | Observed |\n| --- | --- | --- | --- |\n";
    for (const auto& s : d.recovery) {
        if (s.proofs.empty()) out << "| " << md(s.step) << " | manual check (not simulated) |" << predicted(std::nullopt) << "\n";
        for (std::size_t i = 0; i < s.proofs.size(); ++i)
            out << "| " << (i == 0 ? md(s.step) : "") << " | " << md(proof_text(s.proofs[i])) << " |" << predicted(s.proofs[i].ttr) << "\n";
    }
    out << "| **Green baseline restored** | all four conditions |" << predicted(d.green_ttr) << "\n\n";
}

void findings(std::ostringstream& out, const DrillReport& d) {
    heading(out, "6. Findings");
    if (d.findings.empty()) out << "The prediction agrees with the docs and the scenario.\n\n";
    for (const auto& f : d.findings) out << "> [!WARNING]\n> **" << f.title << "**  \n> " << f.mechanism << "\n\n";
}

// Issue 18's seventh, only with --alertmanager.
void paging(std::ostringstream& out, const DrillReport& d) {
    if (!d.paging) return;
    const DrillPagingText& p = *d.paging;
    out << "### 7. Paging (Alertmanager " << code(p.config_file) << ")\n\n";
    if (p.pages.empty()) out << "No notification.\n\n";
    for (const auto& line : p.pages) out << "- " << md(line) << "\n";
    if (!p.pages.empty()) out << "\n";
    out << "| Alert | Fired | Paged |\n| --- | --- | --- |\n";
    for (const auto& r : p.rows) out << "| " << code(r[0]) << " | " << r[1] << " | " << md(r[2]) << " |\n";
    out << "\n";
    for (const auto& line : p.unnotified) out << "- reached no one: " << md(line) << "\n";
    if (!p.unnotified.empty()) out << "\n";
}

// The issue's six sections, in its order, and the paging.
using DrillSection = void (*)(std::ostringstream&, const DrillReport&);
constexpr DrillSection kDrillSections[] = {injection, alerts, timeline, traffic, recovery, findings, paging};

}  // namespace

void write_report_markdown(std::ostream& os, const Report& report) {
    std::ostringstream out;
    summary(out, report);
    for (const auto& d : report.drills) {
        out << "<a id=\"" << d.anchor << "\"></a>\n\n## " << d.title << "\n\n" << d.scenario_file << ", seed " << d.seed << "\n\n";
        for (const auto section : kDrillSections) section(out, d);
    }
    os << out.str();
}

}  // namespace caracal::report
