// In-memory series store: labelled series of time-ordered float samples, indexed by metric name.
// Queries follow Prometheus' lookback and range-window rules; which edition (2.x closed windows or
// 3.x left-open ones) is a query option, not a property of the data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/tsdb/labels.hpp"
#include "sim/tsdb/matcher.hpp"
#include "sim/tsdb/sample.hpp"

namespace sim::tsdb {

// Which samples a window [t - range, t] holds at its left edge.
enum class RangeBoundary {
    Closed,    // Prometheus 2.x (our oracle, promtool 2.42): a sample exactly at t - range is included
    LeftOpen,  // Prometheus 3.x: it is excluded
};

struct SeriesId {
    std::uint32_t index = 0;
    auto operator<=>(const SeriesId&) const = default;
};

class Storage {
public:
    struct Series {
        Labels labels;
        std::vector<Sample> samples;  // ascending time; stale markers included
    };

    // Appends to the series with these labels, creating it if needed. A sample at the same time as
    // the series' last one replaces it; an older one is dropped (Prometheus rejects out-of-order).
    SeriesId append(const Labels& labels, Time t, double v);
    void append(SeriesId id, Time t, double v);

    std::optional<SeriesId> find(const Labels& labels) const;
    // Series whose labels satisfy every matcher, in creation order.
    std::vector<SeriesId> select(const std::vector<Matcher>& matchers) const;

    const Series& series(SeriesId id) const { return series_[id.index]; }
    std::size_t size() const { return series_.size(); }

    // The newest sample at or before t and no older than lookback (the edge follows `boundary`);
    // nullopt when there is none or the newest one is a stale marker.
    std::optional<Sample> instant(SeriesId id, Time t, Duration lookback, RangeBoundary boundary) const;

    // Appends to `out` the samples in [from, to] (or (from, to] when LeftOpen), stale markers left out.
    void range(SeriesId id, Time from, Time to, RangeBoundary boundary, std::vector<Sample>& out) const;

private:
    std::vector<Series> series_;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_hash_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_name_;
    std::vector<std::uint32_t> all_;
};

}  // namespace sim::tsdb
