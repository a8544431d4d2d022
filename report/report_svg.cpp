#include "report/report_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report/check_report.hpp"
#include "report/xml_escape.hpp"

namespace caracal::report {

namespace {

constexpr double kTimelineWidth = 718;  // A4's printable width at 96 dpi with 12 mm margins
constexpr double kLabelWidth = 268;
constexpr double kRowHeight = 18;
constexpr double kAxisHeight = 22;
constexpr double kPlotWidth = 350, kPlotHeight = 120;
constexpr double kPlotLeft = 44, kPlotRight = 8, kPlotTop = 18, kPlotBottom = 18;
constexpr const char* kSeriesColours[] = {"#1f5fa8", "#6a3d9a", "#1b7837", "#b35806", "#4d4d4d"};

std::string px(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// Horizontal scale: offsets from injection to x in [left, left + width].
struct TimeScale {
    Duration from, to;
    double left, width;
    double x(Duration t) const {
        const double span = std::max<double>(1, static_cast<double>((to - from).ms()));
        return left + width * static_cast<double>(std::clamp(t, from, to).ms() - from.ms()) / span;
    }
};

// "-10m", "0", "+5m": tick labels every 5 minutes.
std::string minute_label(Duration t) {
    const long minutes = static_cast<long>(t.ms() / 60'000);
    return minutes == 0 ? "0" : (minutes > 0 ? "+" : "") + std::to_string(minutes) + "m";
}

void axis(std::ostringstream& out, const TimeScale& scale, double top, double bottom, double label_y) {
    const Duration tick = Duration::minutes(5);
    Duration t = Duration::minutes((scale.from.ms() + 59'999) / 60'000 / 5 * 5);
    for (; t <= scale.to; t += tick) {
        const std::string x = px(scale.x(t));
        out << "<line x1=\"" << x << "\" y1=\"" << px(top) << "\" x2=\"" << x << "\" y2=\"" << px(bottom)
            << "\" stroke=\"#dddddd\" stroke-width=\"0.5\"/>";
        out << "<text x=\"" << x << "\" y=\"" << px(label_y) << "\" font-size=\"8\" text-anchor=\"middle\" fill=\"#555555\">"
            << minute_label(t) << "</text>";
    }
}

// The fault window shaded, injection and fault end as vertical lines.
void fault_window(std::ostringstream& out, const TimeScale& scale, Duration fault_end, double top, double bottom) {
    const double x0 = scale.x(Duration()), x1 = scale.x(fault_end);
    out << "<rect x=\"" << px(x0) << "\" y=\"" << px(top) << "\" width=\"" << px(x1 - x0) << "\" height=\""
        << px(bottom - top) << "\" fill=\"#f3f3f3\"/>";
    for (double x : {x0, x1})
        out << "<line x1=\"" << px(x) << "\" y1=\"" << px(top) << "\" x2=\"" << px(x) << "\" y2=\"" << px(bottom)
            << "\" stroke=\"#333333\" stroke-width=\"0.8\" stroke-dasharray=\"3,2\"/>";
}

const char* span_fill(SpanKind kind) {
    switch (kind) {
        case SpanKind::Pending: return "url(#pending)";
        case SpanKind::Firing: return "#c62828";
        case SpanKind::Degraded: return "#f0a030";
        case SpanKind::Unready: return "#7f1d1d";
    }
    return "#000000";
}

void row(std::ostringstream& out, const TimelineRow& r, const char* css_class, double y, const TimeScale& scale) {
    out << "<g class=\"" << css_class << "\" data-label=\"" << xml_escape(r.label + r.detail) << "\">";
    // The name, and under it (smaller) the labels that tell instances apart.
    const double name_y = r.detail.empty() ? y + kRowHeight * 0.7 : y + kRowHeight * 0.45;
    out << "<text x=\"" << px(kLabelWidth - 4) << "\" y=\"" << px(name_y) << "\" font-size=\"7.5\" text-anchor=\"end\">"
        << xml_escape(r.label) << "</text>";
    if (!r.detail.empty())
        out << "<text x=\"" << px(kLabelWidth - 4) << "\" y=\"" << px(y + kRowHeight * 0.95)
            << "\" font-size=\"6\" text-anchor=\"end\" fill=\"#555555\">" << xml_escape(r.detail) << "</text>";
    for (const auto& s : r.spans) {
        const double x0 = scale.x(s.from), x1 = scale.x(s.to);
        out << "<rect class=\"span-" << to_string(s.kind) << "\" x=\"" << px(x0) << "\" y=\"" << px(y + 2) << "\" width=\""
            << px(std::max(1.0, x1 - x0)) << "\" height=\"" << px(kRowHeight - 4) << "\" fill=\"" << span_fill(s.kind)
            << "\" stroke=\"#7a4a00\" stroke-width=\"0.3\"><title>" << to_string(s.kind) << " " << format_offset(s.from)
            << " to " << format_offset(s.to) << "</title></rect>";
    }
    out << "</g>";
}

void heading(std::ostringstream& out, const std::string& text, double y) {
    out << "<text x=\"2\" y=\"" << px(y + kRowHeight * 0.7) << "\" font-size=\"9\" font-weight=\"bold\">" << xml_escape(text)
        << "</text>";
}

// Points joined while they are at most twice the usual sampling gap apart.
void series_path(std::ostringstream& out, const SignalSeries& s, const TimeScale& scale, double lo, double hi,
                 const char* colour) {
    const double plot_bottom = kPlotHeight - kPlotBottom;
    const auto y = [&](double v) { return plot_bottom - (plot_bottom - kPlotTop) * (v - lo) / (hi - lo); };
    Duration gap = Duration::hours(24);
    for (std::size_t i = 1; i < s.points.size(); ++i) gap = std::min(gap, s.points[i].at - s.points[i - 1].at);
    std::string d;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
        const bool joined = i > 0 && s.points[i].at - s.points[i - 1].at <= gap * 2;
        d += (joined ? "L" : "M") + px(scale.x(s.points[i].at)) + "," + px(y(s.points[i].value)) + " ";
    }
    out << "<path d=\"" << d << "\" fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"1.2\"><title>"
        << xml_escape(s.labels) << "</title></path>";
}

}  // namespace

std::string timeline_svg(const Timeline& t) {
    const std::size_t rows = t.alerts.size() + t.readiness.size() + 2;  // two heading rows
    const double height = kAxisHeight + kRowHeight * static_cast<double>(rows) + 4;
    const TimeScale scale{t.from, t.to, kLabelWidth, kTimelineWidth - kLabelWidth - 8};
    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gantt\" width=\"" << px(kTimelineWidth) << "\" height=\""
        << px(height) << "\" viewBox=\"0 0 " << px(kTimelineWidth) << " " << px(height) << "\" font-family=\"sans-serif\">";
    out << "<defs><pattern id=\"pending\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#fde7b0\"/>"
           "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#d08a00\" stroke-width=\"1.5\"/></pattern></defs>";
    fault_window(out, scale, t.fault_end, kAxisHeight - 4, height);
    axis(out, scale, kAxisHeight - 4, height, 10);
    out << "<text x=\"" << px(scale.x(Duration())) << "\" y=\"" << px(kAxisHeight - 6)
        << "\" font-size=\"7\" fill=\"#333333\">inject</text><text x=\"" << px(scale.x(t.fault_end))
        << "\" y=\"" << px(kAxisHeight - 6) << "\" font-size=\"7\" fill=\"#333333\">fault end</text>";
    double y = kAxisHeight;
    heading(out, "Alerts (hatched: pending, solid: firing)", y);
    y += kRowHeight;
    for (const auto& r : t.alerts) {
        row(out, r, "alert-row", y, scale);
        y += kRowHeight;
    }
    heading(out, "Readiness (amber: degraded, dark: unready)", y);
    y += kRowHeight;
    for (const auto& r : t.readiness) {
        row(out, r, "readiness-row", y, scale);
        y += kRowHeight;
    }
    out << "</svg>";
    return out.str();
}

std::string signal_svg(const SignalPlot& plot, const Timeline& t) {
    double lo = std::min(0.0, plot.condition.threshold), hi = plot.condition.threshold;
    for (const auto& s : plot.series)
        for (const auto& p : s.points)
            if (std::isfinite(p.value)) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
    hi = hi > lo ? hi + (hi - lo) * 0.1 : lo + 1;
    const TimeScale scale{t.from, t.to, kPlotLeft, kPlotWidth - kPlotLeft - kPlotRight};
    const double plot_bottom = kPlotHeight - kPlotBottom;
    const auto y = [&](double v) { return plot_bottom - (plot_bottom - kPlotTop) * (v - lo) / (hi - lo); };
    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"signal\" data-alert=\"" << xml_escape(plot.alert)
        << "\" width=\"" << px(kPlotWidth) << "\" height=\"" << px(kPlotHeight) << "\" viewBox=\"0 0 " << px(kPlotWidth)
        << " " << px(kPlotHeight) << "\" font-family=\"sans-serif\">";
    out << "<text x=\"2\" y=\"10\" font-size=\"8\" font-weight=\"bold\">" << xml_escape(plot.alert) << "</text>";
    fault_window(out, scale, t.fault_end, kPlotTop, plot_bottom);
    axis(out, scale, kPlotTop, plot_bottom, kPlotHeight - 6);
    for (double v : {lo, hi})
        out << "<text x=\"" << px(kPlotLeft - 3) << "\" y=\"" << px(y(v) + 3) << "\" font-size=\"7\" text-anchor=\"end\">"
            << format_number(v) << "</text>";
    out << "<rect x=\"" << px(kPlotLeft) << "\" y=\"" << px(kPlotTop) << "\" width=\"" << px(scale.width) << "\" height=\""
        << px(plot_bottom - kPlotTop) << "\" fill=\"none\" stroke=\"#999999\" stroke-width=\"0.5\"/>";
    for (std::size_t i = 0; i < plot.series.size(); ++i)
        series_path(out, plot.series[i], scale, lo, hi, kSeriesColours[i % std::size(kSeriesColours)]);
    const std::string ty = px(y(plot.condition.threshold));
    out << "<line class=\"threshold\" x1=\"" << px(kPlotLeft) << "\" y1=\"" << ty << "\" x2=\""
        << px(kPlotLeft + scale.width) << "\" y2=\"" << ty
        << "\" stroke=\"#c62828\" stroke-width=\"1\" stroke-dasharray=\"4,2\"/>";
    out << "<text x=\"" << px(kPlotLeft + scale.width - 2) << "\" y=\"" << px(y(plot.condition.threshold) - 2)
        << "\" font-size=\"7\" text-anchor=\"end\" fill=\"#c62828\">" << xml_escape(comparison_text(plot.condition)) << "</text>";
    out << "</svg>";
    return out.str();
}

}  // namespace caracal::report
