// A rule group: rules evaluated in file order on the group's own ticks, their outputs written
// back to the storage so later rules (and later ticks) see them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "sim/alerting/rule.hpp"

namespace sim::alerting {

// Something a group uses that Prometheus 2.42's rule files lack, so promtool would refuse the file:
// where, and promtool's words. test-rules refuses it too unless extensions are enabled.
struct BeyondPromtool {
    SourcePos pos;
    std::string message;
};

struct GroupSpec {
    std::string name;
    std::string file;   // the rule file's path as given; part of the evaluation phase hash
    SourcePos pos;      // of the group in its file
    std::optional<Duration> interval;  // unset: the global evaluation interval
    Duration query_offset;
    int limit = 0;      // 0 or below: no limit
    std::optional<BeyondPromtool> beyond_promtool;  // the first such use
};

class Group {
public:
    Group(GroupSpec spec, std::vector<std::unique_ptr<Rule>> rules);

    // The same group with every rule cloned (Rule::clone): nothing evaluated yet.
    Group clone() const;

    const std::string& name() const { return spec_.name; }
    const std::string& file() const { return spec_.file; }
    SourcePos pos() const { return spec_.pos; }
    std::optional<Duration> interval() const { return spec_.interval; }
    Duration query_offset() const { return spec_.query_offset; }
    int limit() const { return spec_.limit; }
    const std::optional<BeyondPromtool>& beyond_promtool() const { return spec_.beyond_promtool; }
    std::vector<std::unique_ptr<Rule>>& rules() { return rules_; }
    const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }

    // Evaluates every rule in file order at `ts` (each query at ts - query_offset), appending
    // recording outputs, ALERTS and ALERTS_FOR_STATE samples to `storage` so later rules see them
    // at the same instant, and stale markers for series the previous evaluation of a rule wrote
    // and this one did not. Returns false if any rule failed (its last_error() is set); the other
    // rules are still evaluated, as in Prometheus.
    bool eval(Time ts, tsdb::Storage& storage, const RuleContext& ctx);

    // Where in each interval this group evaluates: Prometheus' hash of the label set
    // {file, name} modulo the interval (taken in nanoseconds, as Prometheus does, then truncated
    // to our millisecond resolution, as Prometheus truncates sample timestamps).
    Duration phase(Duration interval) const;
    // The first evaluation slot at or after `t`: slots fall at k·interval + phase.
    Time next_slot(Time t, Duration interval) const { return slot_at_or_after(t, interval, phase(interval)); }
    static Time slot_at_or_after(Time t, Duration interval, Duration phase);

private:
    using SeriesSet = std::unordered_set<tsdb::Labels, tsdb::LabelsHash>;

    GroupSpec spec_;
    std::vector<std::unique_ptr<Rule>> rules_;
    std::vector<SeriesSet> written_;  // per rule: the series its latest successful evaluation wrote
};

}  // namespace sim::alerting
