// Text made safe for XML and HTML: JUnit files, the HTML report and its SVG drawings.
#pragma once

#include <string>

namespace caracal::report {

// Text as XML attribute or element content (control characters XML 1.0 forbids become '?').
std::string xml_escape(const std::string& s);

}  // namespace caracal::report
