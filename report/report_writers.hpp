// The two layouts of the pre-drill expectation report over the same content: GitHub Markdown
// (tables, Mermaid Gantt charts) and one self-contained HTML page (inline CSS and SVG, no script,
// A4 print styles). The summary across all drills comes first; the same report gives the same bytes.
#pragma once

#include <ostream>

#include "report/report_model.hpp"

namespace caracal::report {

void write_report_markdown(std::ostream& out, const Report& report);
void write_report_html(std::ostream& out, const Report& report);

}  // namespace caracal::report
