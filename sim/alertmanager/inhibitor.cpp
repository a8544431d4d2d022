#include "sim/alertmanager/inhibitor.hpp"

#include "sim/alertmanager/route_match.hpp"

namespace sim::alertmanager {

namespace {

bool equal_labels(const std::vector<std::string>& names, const tsdb::Labels& a, const tsdb::Labels& b) {
    for (const auto& n : names) {
        if (a.get(n) != b.get(n)) return false;
    }
    return true;
}

}  // namespace

std::optional<tsdb::Labels> inhibiting_alert(const std::vector<InhibitRule>& rules, const tsdb::Labels& target,
                                             const std::vector<HeldAlert>& held, Time now) {
    for (const auto& rule : rules) {
        if (!matches_all(rule.target_matchers, target)) continue;
        const bool two_sided = matches_all(rule.source_matchers, target);
        for (const auto& source : held) {
            if (source.resolved_at(now) || !matches_all(rule.source_matchers, source.labels)) continue;
            if (!equal_labels(rule.equal, source.labels, target)) continue;
            if (two_sided && matches_all(rule.target_matchers, source.labels)) continue;
            return source.labels;
        }
    }
    return std::nullopt;
}

}  // namespace sim::alertmanager
