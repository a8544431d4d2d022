#include "report/coverage_report.hpp"

#include "sim/base/time.hpp"

namespace caracal::report {

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

void print_coverage_text(std::ostream& out, const analysis::Coverage& coverage) {
    out << "Coverage of " << coverage.rules_file << " against the series of a " << sim::format_duration(coverage.baseline)
        << " no-fault run (" << coverage.series << " series)\n";
    std::size_t uncovered = 0;
    for (const auto& rule : coverage.rules) {
        const std::string kind = rule.alerting ? "" : "record ";
        if (rule.covered()) {
            out << "✓ " << kind << rule.name << "\n";
        } else {
            ++uncovered;
            out << "✗ " << kind << rule.name << ": no simulated series for " << joined(rule.uncovered()) << "\n";
        }
    }
    out << (coverage.rules.size() - uncovered) << " of " << coverage.rules.size() << " rule(s) covered: "
        << (uncovered == 0 ? "PASS" : "FAIL") << "\n";
}

nlohmann::ordered_json coverage_json(const analysis::Coverage& coverage) {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& rule : coverage.rules) {
        nlohmann::ordered_json selectors = nlohmann::ordered_json::array();
        for (const auto& s : rule.selectors) selectors.push_back({{"selector", s.selector}, {"covered", s.covered}});
        rules.push_back({{"name", rule.name},
                         {"kind", rule.alerting ? "alert" : "record"},
                         {"group", rule.group},
                         {"line", rule.pos.line},
                         {"covered", rule.covered()},
                         {"selectors", std::move(selectors)}});
    }
    nlohmann::ordered_json out;
    out["rules_file"] = coverage.rules_file;
    out["baseline_seconds"] = coverage.baseline.secs();
    out["series"] = coverage.series;
    out["complete"] = coverage.complete();
    out["rules"] = std::move(rules);
    return out;
}

UnpredictableAlerts unpredictable_alerts(const analysis::Coverage& coverage) {
    UnpredictableAlerts out;
    for (const auto* rule : coverage.unpredictable_alerts()) out.try_emplace(rule->name, joined(rule->uncovered()));
    return out;
}

std::string not_simulated(const std::string& selectors) { return "not simulated — cannot be predicted: " + selectors; }

void print_unpredictable_alerts(std::ostream& out, const UnpredictableAlerts& alerts) {
    for (const auto& [alert, selectors] : alerts) out << alert << ": " << not_simulated(selectors) << "\n";
}

}  // namespace caracal::report
