// histogram_quantile over classic `le` buckets (Prometheus 2.42 quantile.go bucketQuantile).
// The native-histogram functions see only float samples here, which they ignore.
#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <unordered_map>

#include "sim/promql/eval_functions.hpp"

namespace sim::promql {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Bucket {
    double upper_bound;
    double count;
};

// Go's strconv.ParseFloat for an `le` value: no surrounding space, "Inf"/"NaN" in any case.
std::optional<double> parse_go_float(const std::string& s) {
    if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return std::nullopt;
    if (s.find('(') != std::string::npos) return std::nullopt;  // C's nan(...) is not Go syntax
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    return v;
}

double bucket_quantile(double q, std::vector<Bucket>& buckets) {
    if (std::isnan(q)) return kNaN;
    if (q < 0) return -std::numeric_limits<double>::infinity();
    if (q > 1) return std::numeric_limits<double>::infinity();
    std::stable_sort(buckets.begin(), buckets.end(),
                     [](const Bucket& a, const Bucket& b) { return a.upper_bound < b.upper_bound; });
    if (!std::isinf(buckets.back().upper_bound) || buckets.back().upper_bound < 0) return kNaN;

    // Buckets with the same bound (`le="1"` and `le="1.0"`) count as one.
    std::size_t n = 0;
    for (std::size_t i = 1; i < buckets.size(); ++i) {
        if (buckets[i].upper_bound == buckets[n].upper_bound)
            buckets[n].count += buckets[i].count;
        else
            buckets[++n] = buckets[i];
    }
    buckets.resize(n + 1);
    // Counts scraped at slightly different moments can dip; cumulative counts never do.
    double max = -std::numeric_limits<double>::infinity();
    for (auto& b : buckets) {
        if (b.count > max)
            max = b.count;
        else if (b.count < max)
            b.count = max;
    }
    if (buckets.size() < 2) return kNaN;
    const double observations = buckets.back().count;
    if (observations == 0) return kNaN;
    double rank = q * observations;
    // The first bucket reaching the rank, by Go's sort.Search (binary, so NaN counts act alike).
    std::size_t b = 0, hi = buckets.size() - 1;
    while (b < hi) {
        const std::size_t mid = (b + hi) / 2;
        if (!(buckets[mid].count >= rank))
            b = mid + 1;
        else
            hi = mid;
    }
    if (b == buckets.size() - 1) return buckets[buckets.size() - 2].upper_bound;
    if (b == 0 && buckets[0].upper_bound <= 0) return buckets[0].upper_bound;
    double start = 0;  // the lowest bucket starts at zero
    const double end = buckets[b].upper_bound;
    double count = buckets[b].count;
    if (b > 0) {
        start = buckets[b - 1].upper_bound;
        count -= buckets[b - 1].count;
        rank -= buckets[b - 1].count;
    }
    return start + (end - start) * (rank / count);
}

Value histogram_quantile(const Call&, std::vector<Value>& args, Time t) {
    const double q = std::get<Scalar>(args[0]).v;
    const auto& input = std::get<Vector>(args[1]);
    struct Series {
        tsdb::Labels metric;
        std::vector<Bucket> buckets;
    };
    std::vector<Series> series;
    // Grouped by all labels but `le` (the name included), output without name and `le`.
    std::unordered_map<tsdb::Labels, std::size_t, tsdb::LabelsHash> index;
    for (const auto& s : input) {
        auto bound = parse_go_float(std::string(s.metric.get("le")));
        if (!bound) continue;  // no or malformed bucket label
        tsdb::Labels key = s.metric;
        key.erase("le");
        auto [it, inserted] = index.try_emplace(key, series.size());
        if (inserted) series.push_back(Series{key.without_name(), {}});
        series[it->second].buckets.push_back(Bucket{*bound, s.v});
    }
    Vector out;
    for (auto& s : series) out.push_back(VectorSample{std::move(s.metric), bucket_quantile(q, s.buckets), t});
    return out;
}

Value native_only(const Call&, std::vector<Value>&, Time) { return Vector{}; }

const std::map<std::string_view, VectorFunction> kFunctions = {
    {"histogram_quantile", histogram_quantile},
    {"histogram_count", native_only},
    {"histogram_sum", native_only},
    {"histogram_fraction", native_only},
};

}  // namespace

const VectorFunction* find_histogram_function(std::string_view name) { return find_in(kFunctions, name); }

}  // namespace sim::promql
