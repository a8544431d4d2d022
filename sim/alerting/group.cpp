#include "sim/alerting/group.hpp"

#include "sim/alerting/xxhash.hpp"
#include "sim/tsdb/sample.hpp"

namespace sim::alerting {

Group::Group(GroupSpec spec, std::vector<std::unique_ptr<Rule>> rules)
    : spec_(std::move(spec)), rules_(std::move(rules)) {}

Group Group::clone() const {
    std::vector<std::unique_ptr<Rule>> rules;
    rules.reserve(rules_.size());
    for (const auto& rule : rules_) rules.push_back(rule->clone());
    return Group(spec_, std::move(rules));
}

bool Group::eval(Time ts, tsdb::Storage& storage, const RuleContext& ctx) {
    written_.resize(rules_.size());
    const Time stamp = ts - spec_.query_offset;
    bool ok = true;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        auto out = rules_[i]->eval(ts, spec_.query_offset, storage, ctx, spec_.limit);
        if (!out) {  // a failed rule writes nothing, not even stale markers
            ok = false;
            continue;
        }
        SeriesSet now;
        for (const auto& sample : *out) {
            storage.append(sample.metric, sample.t, sample.v);
            now.insert(sample.metric);
        }
        for (const auto& before : written_[i])
            if (!now.contains(before)) storage.append(before, stamp, tsdb::stale_nan());
        written_[i] = std::move(now);
    }
    return ok;
}

Duration Group::phase(Duration interval) const {
    // labels.Labels{file, name}.Hash(): name, value, each followed by the 0xff separator.
    const std::string key = "file\xff" + spec_.file + "\xffname\xff" + spec_.name + "\xff";
    const auto interval_ns = static_cast<std::uint64_t>(interval.ms()) * 1'000'000;
    return Duration::millis(static_cast<std::int64_t>(xxhash64(key) % interval_ns / 1'000'000));
}

Time Group::slot_at_or_after(Time t, Duration interval, Duration phase) {
    const Duration since_slot = ((t - Time::epoch() - phase) % interval + interval) % interval;
    return since_slot.is_zero() ? t : t + (interval - since_slot);
}

}  // namespace sim::alerting
