#include "sim/scrape/registry.hpp"

#include <algorithm>

namespace sim::scrape {

tsdb::Labels Registry::series_labels(const std::string& name, const tsdb::Labels& labels) {
    tsdb::Labels out = labels;
    out.set(tsdb::kMetricName, name);
    return out;
}

Registry::Counter& Registry::counter(const std::string& name, const tsdb::Labels& labels) {
    return counters_[series_labels(name, labels)];
}

Registry::Gauge& Registry::gauge(const std::string& name, const tsdb::Labels& labels) {
    return gauges_[series_labels(name, labels)];
}

void Registry::gauge_fn(const std::string& name, const tsdb::Labels& labels, GaugeFn fn) {
    gauge_fns_[series_labels(name, labels)] = std::move(fn);
}

std::vector<ExposedSample> Registry::expose(Time now) const {
    std::vector<ExposedSample> out;
    out.reserve(counters_.size() + gauges_.size() + gauge_fns_.size());
    // Each map is already sorted: merging the three runs is cheaper than sorting the page.
    const auto by_labels = [](const ExposedSample& a, const ExposedSample& b) { return a.labels < b.labels; };
    for (const auto& [labels, c] : counters_) out.push_back({labels, c.value()});
    for (const auto& [labels, g] : gauges_) out.push_back({labels, g.value()});
    std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(counters_.size()), out.end(), by_labels);
    const auto fns_begin = static_cast<std::ptrdiff_t>(out.size());
    for (const auto& [labels, fn] : gauge_fns_) out.push_back({labels, fn(now)});
    std::inplace_merge(out.begin(), out.begin() + fns_begin, out.end(), by_labels);
    return out;
}

ScrapeResult Registry::answer(Time now) const {
    if (gate_)
        if (std::optional<ScrapeResult> refused = gate_(now)) return std::move(*refused);
    return ScrapeResult::success(expose(now));
}

void Registry::reset_values() {
    for (auto& [labels, c] : counters_) c.value_ = 0;
    for (auto& [labels, g] : gauges_) g.set(0);
}

}  // namespace sim::scrape
