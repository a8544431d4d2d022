#include "sim/alerting/recording_rule.hpp"

#include <set>

namespace sim::alerting {

std::unique_ptr<Rule> RecordingRule::clone() const {
    return std::unique_ptr<Rule>(new RecordingRule(*this, Definition{}));  // the constructor is protected
}

promql::Vector RecordingRule::evaluate(Time ts, Duration query_offset, const tsdb::Storage& storage,
                                       const RuleContext& ctx, int limit) {
    const Time query_time = ts - query_offset;
    promql::Vector out = query(query_time, storage, ctx);
    std::set<tsdb::Labels> seen;
    for (auto& sample : out) {
        sample.metric.set(tsdb::kMetricName, name());
        for (const auto& l : labels()) sample.metric.set(l.name, l.value);
        sample.t = query_time;
        if (!seen.insert(sample.metric).second)
            throw RuleError("vector contains metrics with the same labelset after applying rule labels");
    }
    if (limit > 0 && static_cast<int>(out.size()) > limit)
        throw RuleError("exceeded limit of " + std::to_string(limit) + " with " + std::to_string(out.size()) + " series");
    return out;
}

}  // namespace sim::alerting
