#include "analysis/coverage.hpp"

#include <algorithm>

#include "sim/promql/parser.hpp"
#include "sim/promql/selectors.hpp"

namespace caracal::analysis {

namespace {

// The selector as written, without its offset: the offset shifts when, not which series match.
std::string selector_text(const sim::promql::VectorSelector& s) {
    std::string text = sim::promql::to_string(s);
    if (const auto at = text.find(" offset "); at != std::string::npos) text.resize(at);
    return text;
}

RuleCoverage cover_rule(const sim::alerting::Rule& rule, const std::string& group, const sim::tsdb::Storage& catalogue) {
    RuleCoverage out{rule.name(), rule.as_alerting() != nullptr, group, rule.pos(), {}};
    for (const auto* s : sim::promql::vector_selectors(rule.expr())) {
        std::string text = selector_text(*s);
        const bool seen = std::any_of(out.selectors.begin(), out.selectors.end(),
                                      [&](const SelectorCoverage& c) { return c.selector == text; });
        if (!seen) out.selectors.push_back({std::move(text), !catalogue.select(s->matchers).empty()});
    }
    return out;
}

}  // namespace

bool RuleCoverage::covered() const {
    return std::all_of(selectors.begin(), selectors.end(), [](const SelectorCoverage& s) { return s.covered; });
}

std::vector<std::string> RuleCoverage::uncovered() const {
    std::vector<std::string> out;
    for (const auto& s : selectors)
        if (!s.covered) out.push_back(s.selector);
    return out;
}

bool Coverage::complete() const {
    return std::all_of(rules.begin(), rules.end(), [](const RuleCoverage& r) { return r.covered(); });
}

std::vector<const RuleCoverage*> Coverage::unpredictable_alerts() const {
    std::vector<const RuleCoverage*> out;
    for (const auto& r : rules)
        if (r.alerting && !r.covered()) out.push_back(&r);
    return out;
}

Coverage rule_coverage(const sim::alerting::RuleManager& rules, const sim::tsdb::Storage& catalogue,
                       std::string rules_file, Duration baseline) {
    Coverage out{std::move(rules_file), baseline, catalogue.size(), {}};
    for (const auto& group : rules.groups())
        for (const auto& rule : group.rules()) out.rules.push_back(cover_rule(*rule, group.name(), catalogue));
    return out;
}

Coverage rule_coverage(const RunOptions& options, Duration baseline) {
    Scenario no_fault;
    no_fault.name = "coverage baseline";
    no_fault.warmup = baseline;
    // Every target scraped with the credentials it asks for: a series behind a 401 is simulated,
    // and that Prometheus never sees it is a prediction the check explains (the scrape fails).
    RunOptions scraped = options;
    scraped.profile.prometheus.scrape_unauthorized.clear();
    const RunResult run = caracal::run(no_fault, scraped);
    const auto rules = sim::alerting::RuleManager::load({options.rules_file}, options.rule_overrides);
    return rule_coverage(rules, *run.storage, options.rules_file, baseline);
}

}  // namespace caracal::analysis
