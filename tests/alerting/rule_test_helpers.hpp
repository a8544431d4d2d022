// Builders shared by the rule-engine tests: rules made straight from PromQL text, minutes as
// instants, and look-ups into a rule's output.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "sim/alerting/alerting_rule.hpp"
#include "sim/alerting/recording_rule.hpp"
#include "sim/promql/parser.hpp"

namespace test_support {

using namespace sim;
using namespace sim::alerting;

inline Time at_min(int minutes) { return Time::epoch() + Duration::minutes(minutes); }

inline std::vector<TemplatedField> templates(const std::map<std::string, std::string>& fields) {
    std::vector<TemplatedField> out;
    for (const auto& [name, text] : fields) out.push_back({name, Template(text)});
    return out;
}

struct AlertingRuleArgs {
    std::string name = "HighValue";
    std::string expr = "m > 0";
    Duration hold{};
    Duration keep_firing_for{};
    std::map<std::string, std::string> labels{};
    std::map<std::string, std::string> annotations{};
};

inline std::unique_ptr<AlertingRule> make_alerting_rule(const AlertingRuleArgs& a) {
    AlertingRuleSpec spec;
    spec.hold = a.hold;
    spec.keep_firing_for = a.keep_firing_for;
    spec.annotations = templates(a.annotations);
    auto rule = std::make_unique<AlertingRule>(a.name, SourcePos{}, a.expr, promql::parse(a.expr), templates(a.labels),
                                               std::move(spec));
    rule->set_restored(true);
    return rule;
}

inline std::unique_ptr<RecordingRule> make_recording_rule(const std::string& name, const std::string& expr,
                                                          std::vector<tsdb::Label> labels = {}) {
    return std::make_unique<RecordingRule>(name, SourcePos{}, expr, promql::parse(expr), std::move(labels));
}

inline tsdb::Labels series(const std::string& name, std::initializer_list<tsdb::Label> labels = {}) {
    tsdb::Labels out(labels);
    out.set(tsdb::kMetricName, name);
    return out;
}

// The samples of `out` whose metric name is `name` (and, when given, whose alertstate is `state`).
inline promql::Vector samples_named(const promql::Vector& out, std::string_view name, std::string_view state = {}) {
    promql::Vector found;
    for (const auto& s : out)
        if (s.metric.get(tsdb::kMetricName) == name && (state.empty() || s.metric.get("alertstate") == state))
            found.push_back(s);
    return found;
}

}  // namespace test_support
