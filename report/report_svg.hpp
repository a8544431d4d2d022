// Inline SVG for the HTML report: the alert and readiness Gantt chart and the small signal plots.
// Plain SVG 1.1 with presentation attributes and patterns only, so it renders without JavaScript
// or external assets and prints; every element is closed so the page also parses as XML.
#pragma once

#include <string>

#include "report/report_model.hpp"

namespace caracal::report {

// One row per alert instance (`<g class="alert-row">` in `<svg class="gantt">`), then one per service
// (`<g class="readiness-row">`); pending is hatched amber, firing solid red; degraded amber,
// unready dark red; the fault window shaded.
std::string timeline_svg(const Timeline& timeline);

// The signal's series as lines over the run, the threshold as a dashed red line.
std::string signal_svg(const SignalPlot& plot, const Timeline& timeline);

}  // namespace caracal::report
