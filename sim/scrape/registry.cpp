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
    for (const auto& [labels, c] : counters_) out.push_back({labels, c.value()});
    for (const auto& [labels, g] : gauges_) out.push_back({labels, g.value()});
    for (const auto& [labels, fn] : gauge_fns_) out.push_back({labels, fn(now)});
    std::sort(out.begin(), out.end(), [](const ExposedSample& a, const ExposedSample& b) { return a.labels < b.labels; });
    return out;
}

}  // namespace sim::scrape
