#include "report/report_rules.hpp"

#include <cmath>
#include <cstdio>

namespace caracal::report {

std::string comparison_text(const sim::alerting::WatchedCondition& condition) {
    return std::string(sim::promql::to_string(condition.op)) + " " + format_number(condition.threshold);
}

std::string format_number(double v) {
    char buf[40];
    // Whole numbers and large values without decimals: "1110", not "1.11e+03".
    if (std::isfinite(v) && (v == std::round(v) || std::fabs(v) >= 100) && std::fabs(v) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

}  // namespace caracal::report
