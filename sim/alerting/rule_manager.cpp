#include "sim/alerting/rule_manager.hpp"

#include <algorithm>
#include <numeric>

#include "sim/alerting/rule_file_cache.hpp"

namespace sim::alerting {

RuleManager::RuleManager(RuleSet rules, RuleManagerOptions options)
    : rules_(std::move(rules)), options_(std::move(options)), order_(rules_.groups.size()) {
    std::iota(order_.begin(), order_.end(), GroupIndex{0});
    for (GroupIndex g = 0; g < rules_.groups.size(); ++g) {
        RuleContext ctx{options_.external_labels, options_.external_url, engine()};
        if (options_.subquery_step == SubqueryStep::GroupInterval) ctx.engine.default_subquery_step = interval(g);
        contexts_.push_back(std::move(ctx));
    }
}

RuleManager RuleManager::load(const std::vector<std::string>& files, const std::vector<RuleOverride>& overrides,
                              RuleManagerOptions options) {
    RuleSet rules;
    for (const auto& path : files)
        for (auto& group : load_rule_file_cached(path).groups) rules.groups.push_back(std::move(group));
    for (const auto& o : overrides) override_rule(rules, o.rule, o.field, o.value);
    return RuleManager(std::move(rules), std::move(options));
}

void RuleManager::restore() {
    for (auto& group : rules_.groups)
        for (auto& rule : group.rules())
            if (AlertingRule* alerting = rule->as_alerting()) alerting->set_restored(true);
}

void RuleManager::set_transition_log(std::vector<AlertTransition>* log) {
    for (auto& group : rules_.groups)
        for (auto& rule : group.rules())
            if (AlertingRule* alerting = rule->as_alerting()) alerting->set_transition_log(log);
}

void RuleManager::set_evaluation_order(const std::vector<std::string>& names) {
    auto rank = [&](GroupIndex g) {
        const auto it = std::find(names.begin(), names.end(), rules_.groups[g].name());
        return it == names.end() ? 0 : static_cast<int>(it - names.begin());
    };
    std::iota(order_.begin(), order_.end(), GroupIndex{0});
    std::stable_sort(order_.begin(), order_.end(), [&](GroupIndex a, GroupIndex b) { return rank(a) < rank(b); });
}

Duration RuleManager::interval(GroupIndex g) const {
    return rules_.groups.at(g).interval().value_or(options_.evaluation_interval);
}

promql::EngineOptions RuleManager::engine() const {
    return {options_.lookback, options_.ranges, options_.evaluation_interval};
}

Time RuleManager::first_slot(GroupIndex g, Time from, std::optional<Duration> phase) const {
    const Duration every = interval(g);
    if (phase) return Group::slot_at_or_after(from, every, *phase % every);
    return rules_.groups.at(g).next_slot(from, every);
}

bool RuleManager::eval(GroupIndex g, Time ts, tsdb::Storage& storage) {
    Group& group = rules_.groups.at(g);
    if (group.eval(ts, storage, contexts_[g])) return true;
    for (const auto& rule : group.rules())
        if (rule->last_error()) errors_.push_back({rule->name(), rule->pos(), ts, *rule->last_error()});
    return false;
}

bool RuleManager::eval_all(Time ts, tsdb::Storage& storage) {
    bool ok = true;
    for (GroupIndex g : order_) ok = eval(g, ts, storage) && ok;
    return ok;
}

std::vector<const AlertingRule*> RuleManager::alerting_rules() const {
    std::vector<const AlertingRule*> out;
    for (GroupIndex g : order_)
        for (const auto& rule : rules_.groups[g].rules())
            if (const AlertingRule* alerting = rule->as_alerting()) out.push_back(alerting);
    return out;
}

}  // namespace sim::alerting
