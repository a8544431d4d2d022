#include "tools/coverage_notice.hpp"

#include "analysis/coverage.hpp"

namespace caracal::tools {

report::UnpredictableAlerts unpredictable_alerts(const RunOptions& options) {
    return report::unpredictable_alerts(analysis::rule_coverage(options));
}

void announce_unpredictable(std::ostream& out, const RunOptions& options) {
    const auto alerts = unpredictable_alerts(options);
    if (alerts.empty()) return;
    out << "Alerts of " << options.rules_file << " the twin cannot predict (their selectors match no simulated series):\n";
    report::print_unpredictable_alerts(out, alerts);
}

}  // namespace caracal::tools
