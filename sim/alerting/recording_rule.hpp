// A recording rule: writes its expression's result under a new metric name.
#pragma once

#include "sim/alerting/rule.hpp"

namespace sim::alerting {

class RecordingRule : public Rule {
public:
    using Rule::Rule;

    std::unique_ptr<Rule> clone() const override;

protected:
    RecordingRule(const RecordingRule& other, Definition d) : Rule(other, d) {}

    promql::Vector evaluate(Time ts, Duration query_offset, const tsdb::Storage& storage,
                            const RuleContext& ctx, int limit) override;
};

}  // namespace sim::alerting
