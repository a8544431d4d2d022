#include "sim/tsdb/storage.hpp"

#include <algorithm>

namespace sim::tsdb {

std::optional<SeriesId> Storage::find(const Labels& labels) const {
    auto it = by_hash_.find(labels.hash());
    if (it == by_hash_.end()) return std::nullopt;
    for (auto idx : it->second)
        if (series_[idx].labels == labels) return SeriesId{idx};
    return std::nullopt;
}

SeriesId Storage::append(const Labels& labels, Time t, double v) {
    auto id = find(labels);
    if (!id) {
        const auto idx = static_cast<std::uint32_t>(series_.size());
        series_.push_back(Series{labels, {}});
        by_hash_[labels.hash()].push_back(idx);
        by_name_[std::string(labels.get(kMetricName))].push_back(idx);
        all_.push_back(idx);
        id = SeriesId{idx};
    }
    append(*id, t, v);
    return *id;
}

void Storage::append(SeriesId id, Time t, double v) {
    auto& samples = series_[id.index].samples;
    if (!samples.empty()) {
        if (samples.back().t == t) {
            samples.back().v = v;
            return;
        }
        if (samples.back().t > t) return;
    }
    samples.push_back(Sample{t, v});
}

std::vector<SeriesId> Storage::select(const std::vector<Matcher>& matchers) const {
    // Narrow by an equality matcher on the metric name when there is one.
    const std::vector<std::uint32_t>* candidates = &all_;
    for (const auto& m : matchers) {
        if (m.name() == kMetricName && m.op() == MatchOp::Equal) {
            auto it = by_name_.find(m.value());
            if (it == by_name_.end()) return {};
            candidates = &it->second;
            break;
        }
    }
    std::vector<SeriesId> out;
    for (auto idx : *candidates) {
        const auto& labels = series_[idx].labels;
        bool ok = true;
        for (const auto& m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                ok = false;
                break;
            }
        }
        if (ok) out.push_back(SeriesId{idx});
    }
    return out;
}

namespace {
// First sample with time >= t (or > t when strict).
auto lower(const std::vector<Sample>& s, Time t, bool strict) {
    if (strict)
        return std::upper_bound(s.begin(), s.end(), t, [](Time x, const Sample& a) { return x < a.t; });
    return std::lower_bound(s.begin(), s.end(), t, [](const Sample& a, Time x) { return a.t < x; });
}
}  // namespace

std::optional<Sample> Storage::instant(SeriesId id, Time t, Duration lookback, RangeBoundary boundary) const {
    const auto& s = series_[id.index].samples;
    auto end = lower(s, t, /*strict=*/true);  // first sample after t
    if (end == s.begin()) return std::nullopt;
    const Sample& last = *(end - 1);
    const Time edge = t - lookback;
    if (boundary == RangeBoundary::Closed ? last.t < edge : last.t <= edge) return std::nullopt;
    if (is_stale_nan(last.v)) return std::nullopt;
    return last;
}

void Storage::range(SeriesId id, Time from, Time to, RangeBoundary boundary, std::vector<Sample>& out) const {
    const auto& s = series_[id.index].samples;
    auto begin = lower(s, from, boundary == RangeBoundary::LeftOpen);
    auto end = lower(s, to, /*strict=*/true);
    // Copied in runs between stale markers: one bulk copy for a window without any.
    auto run = begin;
    for (auto it = begin; it < end; ++it) {
        if (!is_stale_nan(it->v)) continue;
        out.insert(out.end(), run, it);
        run = it + 1;
    }
    out.insert(out.end(), run, end);
}

}  // namespace sim::tsdb
