// The HTML report. Polyglot markup (every element closed, only XML's character references) so
// tests can parse it as XML; each predicted time is a `td.predicted` followed by a `td.observed`,
// empty to fill in during the drill or, for the alerts, filled by report --observed.
#include <sstream>

#include "report/xml_escape.hpp"
#include "report/report_svg.hpp"
#include "report/report_text.hpp"
#include "report/report_writers.hpp"

namespace caracal::report {

namespace {

constexpr const char* kStyle = R"(
@page { size: A4; margin: 12mm; }
body { font-family: sans-serif; font-size: 10.5px; color: #111111; max-width: 718px; margin: 0 auto; }
h1 { font-size: 18px; margin: 4px 0 8px; }
h2 { font-size: 15px; margin: 0 0 6px; border-bottom: 2px solid #333333; }
h3 { font-size: 12px; margin: 10px 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { border: 1px solid #bbbbbb; padding: 2px 4px; text-align: left; vertical-align: top; }
th { background: #eeeeee; }
td.predicted { font-family: monospace; white-space: nowrap; }
td.observed { min-width: 44px; background: #fffbe6; }
.drill { break-before: page; page-break-before: always; }
.drill section, .finding, svg { break-inside: avoid; page-break-inside: avoid; }
.signals svg { display: inline-block; margin: 2px; }
.finding { border-left: 4px solid #c62828; background: #fdecea; padding: 4px 8px; margin: 4px 0; }
.pass { color: #1b5e20; font-weight: bold; }
.fail { color: #b71c1c; font-weight: bold; }
.note { color: #555555; }
code { font-size: 9.5px; word-break: break-all; }
.instance { font-size: 8.5px; word-break: break-all; }
tr.alert-detail td { border-top: none; color: #333333; font-size: 9.5px; }
)";

// A predicted time and its Observed cell (blank unless report --observed filled it).
std::string predicted(const std::optional<Duration>& d, const std::string& observed = "") {
    return "<td class=\"predicted\">" + xml_escape(offset_text(d)) + "</td><td class=\"observed\">" + xml_escape(observed) +
           "</td>";
}

std::string cell(const std::string& text) { return "<td>" + xml_escape(text) + "</td>"; }
std::string code_cell(const std::string& text) { return "<td><code>" + xml_escape(text) + "</code></td>"; }

void provenance(std::ostringstream& out, const ReportProvenance& p) {
    out << "<table class=\"provenance\"><tbody>"
        << "<tr><th>Rule file</th>" << code_cell(p.rules_file) << "</tr>"
        << "<tr><th>Profile</th>" << code_cell(p.profile) << "</tr>"
        << "<tr><th>Seed</th>" << cell(p.seed) << "</tr>"
        << "<tr><th>Docs page</th>" << code_cell(p.docs_file.empty() ? "none" : p.docs_file) << "</tr>"
        << "<tr><th>Tool</th>" << cell("caracal-twin " + p.tool_version) << "</tr></tbody></table>";
}

void summary(std::ostringstream& out, const Report& report) {
    out << "<section class=\"summary\" id=\"summary\"><h1>Pre-drill expectation report</h1>";
    provenance(out, report.provenance);
    out << "<p>" << xml_escape(kReadingGuide) << "</p>";
    out << "<table class=\"summary-table\"><thead><tr><th>Drill</th><th>Expected alerts firing</th>"
           "<th>First detection</th><th>Obs.</th><th>Last detection</th><th>Obs.</th><th>Green TTR</th><th>Obs.</th>"
           "<th>Prediction vs docs</th></tr></thead><tbody>";
    for (const auto& d : report.drills) {
        const DrillSummary s = summarise(d);
        out << "<tr><td><a href=\"#" << xml_escape(d.anchor) << "\">" << xml_escape(d.title) << "</a></td>" << cell(s.fired)
            << predicted(s.first_detection) << predicted(s.last_detection) << predicted(d.green_ttr) << "<td class=\""
            << (d.findings.empty() ? "pass" : "fail") << "\">" << xml_escape(s.verdict) << "</td></tr>";
    }
    out << "</tbody></table></section>";
}

// `<section class="css"><h3>heading</h3>` and the docs' own words, when there are some.
void open_section(std::ostringstream& out, const char* css, const char* heading, const std::string& documented = "") {
    out << "<section class=\"" << css << "\"><h3>" << heading << "</h3>";
    if (!documented.empty()) out << "<p><b>Documented:</b> " << xml_escape(documented) << "</p>";
}

void injection(std::ostringstream& out, const DrillReport& d) {
    open_section(out, "injection", "1. Injection", d.documented_inject);
    out << "<table><thead><tr><th>Fault step (how)</th><th>At</th><th>Obs.</th><th>Until</th></tr></thead><tbody>";
    for (const auto& s : d.injected)
        out << "<tr>" << code_cell(s.fault) << predicted(s.at) << cell(step_until(s)) << "</tr>";
    out << "</tbody></table><p><b>Green baseline</b> (" << xml_escape(sim::format_duration(d.warmup))
        << " warm-up before injection): " << xml_escape(baseline_text(d.baseline)) << ". Fault "
        << xml_escape(sim::format_duration(d.fault_duration)) << ", then " << xml_escape(sim::format_duration(d.recovery_window))
        << " of recovery observed.</p></section>";
}

void alerts(std::ostringstream& out, const DrillReport& d) {
    open_section(out, "alerts", "2. Expected alerts");
    out << "<table class=\"alert-table\"><thead><tr><th>Alert (first instance to fire)</th><th>Docs</th><th>Severity</th>"
           "<th>Pending</th><th>Obs.</th><th>Firing</th><th>Obs.</th><th>Resolved</th><th>Obs.</th><th>TTR</th><th>Obs.</th>"
           "</tr></thead><tbody>";
    // A second row per alert carries the long texts, so the times keep their columns on A4.
    for (const auto& a : d.alerts)
        out << "<tr class=\"alert\" data-alert=\"" << xml_escape(a.alert) << "\" data-instance=\"" << xml_escape(a.instance)
            << "\"><td><code>" << xml_escape(a.alert) << "</code>"
            << (a.instance.empty() ? "" : "<br/><span class=\"note instance\">" + xml_escape(a.instance) + "</span>")
            << "</td>" << cell(role_text(a.role)) << cell(a.severity)
            << predicted(a.pending, observed_text(a, &analysis::InstanceConformance::pending))
            << predicted(a.firing, observed_firing_text(a))
            << predicted(a.resolved, observed_text(a, &analysis::InstanceConformance::resolved))
            << predicted(a.ttr, observed_ttr_text(a, d.fault_duration)) << "</tr><tr class=\"alert-detail\"><td colspan=\"11\">TTD: "
            << xml_escape(decomposition_text(a.detection)) << ". First response: " << xml_escape(a.first_response)
            << "</td></tr>";
    out << "</tbody></table>";
    if (!d.observed_elsewhere.empty()) {
        out << "<p class=\"observed-elsewhere\"><b>Also observed, not as predicted:</b></p><ul>";
        for (const auto& c : d.observed_elsewhere) out << "<li>" << xml_escape(observed_elsewhere_text(c)) << "</li>";
        out << "</ul>";
    }
    out << "</section>";
}

void timeline(std::ostringstream& out, const DrillReport& d) {
    open_section(out, "timeline", "3. Timeline");
    out << timeline_svg(d.timeline);
    out << "<div class=\"signals\">";
    for (const auto& s : d.signals) out << signal_svg(s, d.timeline);
    out << "</div><table class=\"signal-table\"><thead><tr><th>Alert</th><th>Signal watched</th><th>Threshold</th>"
           "<th>Peak</th><th>At</th><th>Condition first holds</th><th>Obs.</th></tr></thead><tbody>";
    for (const auto& s : d.signals)
        out << "<tr>" << code_cell(s.alert) << code_cell(s.condition.signal_text) << code_cell(comparison_text(s.condition))
            << cell(s.peak ? format_number(s.peak->value) : "—")
            << cell(offset_text(s.peak ? std::optional(s.peak->at) : std::nullopt)) << predicted(s.first_held) << "</tr>";
    out << "</tbody></table></section>";
}

void traffic(std::ostringstream& out, const DrillReport& d) {
    open_section(out, "traffic", "4. Traffic and invariants", d.documented_behavior);
    out << "<table><thead><tr><th>Protected requests</th><th>Warm-up</th><th>Fault</th><th>Recovery</th></tr></thead><tbody>";
    for (const auto& t : d.traffic)
        out << "<tr>" << cell(t.outcome + (t.fail_closed ? " (denied, fail closed)" : " (reached the upstream)"))
            << cell(count_text(t.warmup)) << cell(count_text(t.fault)) << cell(count_text(t.recovery)) << "</tr>";
    const RevocationLag& lag = d.revocation_lag;
    out << "</tbody></table><p>Revocations: " << lag.revocations << " issued, " << lag.applied
        << " (revocation, Gateway pod) pairs applied — revoked sessions denied from then on — " << lag.pending
        << " still pending at the end; max lag " << xml_escape(sim::format_duration(lag.max)) << ".</p>";
    out << "<table><thead><tr><th>Check</th><th>Predicted</th><th>Detail</th></tr></thead><tbody>";
    for (const auto& b : d.behavior)
        out << "<tr>" << cell(b.name) << "<td class=\"" << (b.held ? "pass\">holds" : "fail\">fails") << "</td>"
            << cell(b.detail) << "</tr>";
    for (const auto& c : d.invariants)
        out << "<tr>" << cell("invariant " + c.name) << "<td class=\""
            << (c.verdict == Verdict::Violated ? "fail" : "pass") << "\">" << to_string(c.verdict) << "</td>"
            << cell(c.detail) << "</tr>";
    out << "</tbody></table></section>";
}

void recovery(std::ostringstream& out, const DrillReport& d) {
    open_section(out, "recovery", "5. Recovery", d.documented_recover);
    out << "<table><thead><tr><th>Step</th><th>Proved by</th><th>TTR</th><th>Obs.</th></tr></thead><tbody>";
    for (const auto& s : d.recovery) {
        if (s.proofs.empty()) {
            out << "<tr>" << cell(s.step) << "<td class=\"note\">manual check (not simulated)</td>" << predicted(std::nullopt)
                << "</tr>";
            continue;
        }
        for (std::size_t i = 0; i < s.proofs.size(); ++i)
            out << "<tr>" << cell(i == 0 ? s.step : "") << cell(proof_text(s.proofs[i])) << predicted(s.proofs[i].ttr)
                << "</tr>";
    }
    out << "<tr><td><b>Green baseline restored</b></td><td>all four conditions</td>" << predicted(d.green_ttr)
        << "</tr></tbody></table></section>";
}

void findings(std::ostringstream& out, const DrillReport& d) {
    open_section(out, "findings", "6. Findings");
    if (d.findings.empty()) out << "<p class=\"pass\">The prediction agrees with the docs and the scenario.</p>";
    for (const auto& f : d.findings)
        out << "<div class=\"finding\"><b>" << xml_escape(f.title) << "</b><br/>" << xml_escape(f.mechanism) << "</div>";
    out << "</section>";
}

// Issue 18's seventh, only with --alertmanager.
void paging(std::ostringstream& out, const DrillReport& d) {
    if (!d.paging) return;
    const DrillPagingText& p = *d.paging;
    const std::string heading = "7. Paging (Alertmanager " + p.config_file + ")";
    open_section(out, "paging", xml_escape(heading).c_str());
    out << "<ul>";
    for (const auto& line : p.pages) out << "<li>" << xml_escape(line) << "</li>";
    out << "</ul><table><thead><tr><th>Alert</th><th>Fired</th><th>Paged</th></tr></thead><tbody>";
    for (const auto& r : p.rows) out << "<tr>" << code_cell(r[0]) << cell(r[1]) << cell(r[2]) << "</tr>";
    out << "</tbody></table><ul>";
    for (const auto& line : p.unnotified) out << "<li>reached no one: " << xml_escape(line) << "</li>";
    out << "</ul></section>";
}

// The issue's six sections, in its order, and the paging.
using DrillSection = void (*)(std::ostringstream&, const DrillReport&);
constexpr DrillSection kDrillSections[] = {injection, alerts, timeline, traffic, recovery, findings, paging};

}  // namespace

void write_report_html(std::ostream& os, const Report& report) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Pre-drill expectation report</title>"
        << "<style>" << kStyle << "</style></head><body>";
    summary(out, report);
    for (const auto& d : report.drills) {
        out << "<section class=\"drill\" id=\"" << xml_escape(d.anchor) << "\"><h2>" << xml_escape(d.title) << "</h2><p class=\"note\">"
            << xml_escape(d.scenario_file) << ", seed " << d.seed << "</p>";
        for (const auto section : kDrillSections) section(out, d);
        out << "</section>";
    }
    out << "</body></html>\n";
    os << out.str();
}

}  // namespace caracal::report
