#include "analysis/parameter.hpp"

#include <sstream>

#include "sim/alerting/rule_override.hpp"
#include "sim/base/error.hpp"

namespace caracal::analysis {

namespace {

constexpr const char* kFlag = "--set";
constexpr std::string_view kRulePrefix = "rule.";

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

std::vector<std::string> valid_keys(const ScenarioSource& source) {
    std::vector<std::string> keys = source.keys();
    for (const auto& field : sim::alerting::overridable_rule_fields()) keys.push_back("rule.<name>." + field);
    return keys;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

Parameter parse_parameter(const std::string& text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0)
        throw sim::InputError(kFlag, {}, "expected KEY=V1,V2,..., got \"" + text + "\"");
    Parameter p{text.substr(0, equals), {}};
    std::istringstream values(text.substr(equals + 1));
    for (std::string v; std::getline(values, v, ',');) {
        if (v.empty()) throw sim::InputError(kFlag, {}, p.key + ": empty value in \"" + text + "\"");
        p.values.push_back(v);
    }
    if (p.values.empty()) throw sim::InputError(kFlag, {}, p.key + ": no values in \"" + text + "\"");
    return p;
}

std::vector<std::vector<Setting>> grid(const std::vector<Parameter>& parameters) {
    std::vector<std::vector<Setting>> points{{}};
    for (const auto& p : parameters) {
        std::vector<std::vector<Setting>> extended;
        for (const auto& point : points)
            for (const auto& v : p.values) {
                extended.push_back(point);
                extended.back().push_back({p.key, v});
            }
        points = std::move(extended);
    }
    return points;
}

WhatIf what_if(const std::vector<Setting>& settings, const ScenarioSource& source) {
    WhatIf out;
    for (const auto& s : settings) {
        if (starts_with(s.key, kRulePrefix)) {
            // rule.<name>.<field>: alert names may hold dots, fields do not.
            const std::size_t dot = s.key.rfind('.');
            if (dot > kRulePrefix.size()) {
                out.rules.push_back({s.key.substr(kRulePrefix.size(), dot - kRulePrefix.size()), s.key.substr(dot + 1), s.value});
                continue;
            }
        } else if (starts_with(s.key, "scenario.") || starts_with(s.key, "faults.") || starts_with(s.key, "profile.")) {
            out.scenario.push_back({s.key, s.value});
            continue;
        }
        throw sim::InputError(kFlag, {}, "unknown key \"" + s.key + "\"; valid: " + join(valid_keys(source)));
    }
    return out;
}

std::vector<std::string> check_effect(const std::vector<Parameter>& parameters, const std::vector<sim::alerting::Group>& groups,
                                      const std::string& rules_file, std::size_t replications) {
    std::vector<std::string> warnings;
    for (const auto& p : parameters) {
        const auto no_effect = [&](const std::string& why) {
            throw sim::InputError(kFlag, {}, p.key + " has no effect: " + why);
        };
        if (p.key == "profile.prometheus.evaluation_interval") {
            std::size_t own = 0;
            for (const auto& g : groups)
                if (g.interval()) ++own;
            if (own == groups.size())
                no_effect("every rule group of " + rules_file + " sets its own interval");
            if (own > 0)
                warnings.push_back(p.key + " applies only to " + std::to_string(groups.size() - own) + " of " +
                                   std::to_string(groups.size()) + " rule group(s) of " + rules_file +
                                   "; the others set their own interval");
        } else if (replications > 0 && p.key == "profile.prometheus.jitter_seed") {
            no_effect("with --replications every replication draws its own scrape jitter seed");
        } else if (replications > 0 && p.key == "scenario.seed") {
            no_effect("with --replications every replication draws its own seed");
        }
    }
    return warnings;
}

}  // namespace caracal::analysis
