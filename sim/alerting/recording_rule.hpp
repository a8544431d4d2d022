// A recording rule: writes its expression's result under a new metric name.
#pragma once

#include "sim/alerting/rule.hpp"

namespace sim::alerting {

class RecordingRule : public Rule {
public:
    using Rule::Rule;

protected:
    promql::Vector evaluate(Time ts, Duration query_offset, const tsdb::Storage& storage,
                            const RuleContext& ctx, int limit) override;
};

}  // namespace sim::alerting
