#include "models/scenario/expectations.hpp"

#include <algorithm>
#include <set>

#include "models/platform/yaml_key.hpp"
#include "models/platform/yaml_mapping.hpp"

namespace caracal {

namespace {

constexpr const char* kPrefix = "expectations: ";

[[noreturn]] void fail(const std::string& file, const YAML::Node& node, const std::string& message) {
    throw sim::InputError(file, yaml_pos(node), kPrefix + message);
}

std::string alert_name(const YAML::Node& node, const std::string& file) {
    if (!node.IsScalar() || node.Scalar().empty()) fail(file, node, "expected an alert name");
    return node.Scalar();
}

ExpectedAlert parse_alert(const YAML::Node& node, const std::string& file) {
    ExpectedAlert out;
    out.pos = yaml_pos(node);
    if (!node.IsMap()) {
        out.names.push_back(alert_name(node, file));
        return out;
    }
    YamlMapping group(node, file, kPrefix);
    const YAML::Node members = group.child("any_of");
    if (!members || !members.IsSequence() || members.size() < 2)
        group.fail("any_of", "expected \"any_of\" with a list of two or more alert names");
    for (const auto& m : members) out.names.push_back(alert_name(m, file));
    group.finish();
    return out;
}

ExpectedOrder parse_order_pair(const YAML::Node& node, const std::string& file, const Expectations& e) {
    if (!node.IsSequence() || node.size() != 2) fail(file, node, "expected an order pair [earlier, later]");
    ExpectedOrder out{alert_name(node[0], file), alert_name(node[1], file), yaml_pos(node)};
    for (const YAML::Node& name : {node[0], node[1]})
        if (!e.mentions(name.Scalar())) fail(file, name, "\"" + name.Scalar() + "\" is ordered but not in \"alerts\"");
    if (out.earlier == out.later) fail(file, node, "an alert cannot precede itself");
    return out;
}

ReadinessLevel parse_level(const YAML::Node& node, const std::string& file) {
    for (ReadinessLevel l : {ReadinessLevel::Ready, ReadinessLevel::Degraded, ReadinessLevel::Unready})
        if (node.IsScalar() && node.Scalar() == to_string(l)) return l;
    fail(file, node, "expected ready, degraded or unready");
}

std::vector<ExpectedReadiness> parse_readiness(const YAML::Node& node, const std::string& file) {
    if (!node.IsMap()) fail(file, node, "expected readiness per service, e.g. {api: unready}");
    std::vector<ExpectedReadiness> out;
    for (const auto& kv : node) {
        const std::string key = yaml_key(kv.first, file);
        const auto service = std::find_if(kServices.begin(), kServices.end(), [&](Service s) { return name(s) == key; });
        if (service == kServices.end())
            fail(file, kv.first, "unknown service \"" + key + "\" (api, sts, gateway, audit, coordinator)");
        out.push_back({*service, parse_level(kv.second, file), yaml_pos(kv.first)});
    }
    return out;
}

ExpectedBehavior parse_behavior(const YAML::Node& node, const std::string& file) {
    YamlMapping b(node, file, kPrefix + std::string("behavior: "));
    ExpectedBehavior out;
    if (const YAML::Node readiness = b.child("readiness")) out.readiness = parse_readiness(readiness, file);
    out.fail_closed = b.flag("fail_closed", false);
    out.last_good_policy = b.flag("last_good_policy", false);
    out.nothing_lost = b.flag("nothing_lost", false);
    out.revocations_applied = b.flag("revocations_applied", false);
    b.finish();
    return out;
}

std::vector<RecoveryCondition> parse_recovery(const YAML::Node& node, const std::string& file) {
    if (!node.IsSequence()) fail(file, node, "expected a list of recovery conditions");
    std::vector<RecoveryCondition> out;
    for (const auto& item : node) {
        const auto known = std::find_if(std::begin(kRecoveryConditions), std::end(kRecoveryConditions),
                                        [&](RecoveryCondition c) { return item.IsScalar() && item.Scalar() == to_string(c); });
        if (known == std::end(kRecoveryConditions))
            fail(file, item, "expected alerts_resolved, readiness_restored, backlogs_drained or freshness_restored");
        if (std::find(out.begin(), out.end(), *known) != out.end()) fail(file, item, "recovery condition listed twice");
        out.push_back(*known);
    }
    return out;
}

ExpectedPage parse_paged(const YAML::Node& node, const std::string& file) {
    YamlMapping p(node, file, kPrefix + std::string("paged: "));
    ExpectedPage out{p.text("receiver"), p.duration("within"), yaml_pos(node)};
    if (out.receiver.empty()) p.fail("receiver", "expected a receiver name");
    p.finish();
    return out;
}

}  // namespace

std::string ExpectedAlert::label() const {
    if (names.size() == 1) return names.front();
    std::string out = "any_of(";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
    return out + ")";
}

std::string_view to_string(ReadinessLevel level) {
    switch (level) {
        case ReadinessLevel::Ready: return "ready";
        case ReadinessLevel::Degraded: return "degraded";
        case ReadinessLevel::Unready: return "unready";
    }
    return "?";
}

std::string_view to_string(RecoveryCondition c) {
    switch (c) {
        case RecoveryCondition::AlertsResolved: return "alerts_resolved";
        case RecoveryCondition::ReadinessRestored: return "readiness_restored";
        case RecoveryCondition::BacklogsDrained: return "backlogs_drained";
        case RecoveryCondition::FreshnessRestored: return "freshness_restored";
    }
    return "?";
}

bool Expectations::mentions(const std::string& name) const {
    return std::any_of(alerts.begin(), alerts.end(), [&](const ExpectedAlert& a) {
        return std::find(a.names.begin(), a.names.end(), name) != a.names.end();
    });
}

bool Expectations::asserts_order(const std::string& earlier, const std::string& later) const {
    return std::any_of(order.begin(), order.end(),
                       [&](const ExpectedOrder& o) { return o.earlier == earlier && o.later == later; });
}

bool Expectations::requires_recovery(RecoveryCondition c) const {
    return std::find(recovery.begin(), recovery.end(), c) != recovery.end();
}

Expectations parse_expectations(const YAML::Node& node, const std::string& file) {
    Expectations out;
    if (!node || node.IsNull()) return out;
    YamlMapping e(node, file, kPrefix);
    if (const YAML::Node alerts = e.child("alerts")) {
        if (!alerts.IsSequence()) e.fail("alerts", "expected a list of alert names or {any_of: [names]}");
        std::set<std::string> seen;
        for (const auto& a : alerts) {
            ExpectedAlert parsed = parse_alert(a, file);
            for (const auto& n : parsed.names)
                if (!seen.insert(n).second) fail(file, a, "\"" + n + "\" is expected twice");
            out.alerts.push_back(std::move(parsed));
        }
    }
    if (const YAML::Node order = e.child("order")) {
        if (!order.IsSequence()) e.fail("order", "expected a list of [earlier, later] pairs");
        for (const auto& pair : order) out.order.push_back(parse_order_pair(pair, file, out));
    }
    if (const YAML::Node behavior = e.child("behavior")) out.behavior = parse_behavior(behavior, file);
    if (const YAML::Node recovery = e.child("recovery")) out.recovery = parse_recovery(recovery, file);
    if (const YAML::Node paged = e.child("paged")) out.paged = parse_paged(paged, file);
    e.finish();
    return out;
}

}  // namespace caracal
