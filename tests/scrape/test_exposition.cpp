#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "sim/scrape/exposition.hpp"

using sim::scrape::ExposedSample;
using sim::scrape::MetricFamilyInfo;
using sim::scrape::MetricType;
using sim::tsdb::Labels;

TEST_CASE("issue 17.1: the exposition groups samples by family under HELP and TYPE, escaping as the format says") {
    const std::vector<ExposedSample> samples{
        {Labels{{"__name__", "queue_depth"}}, 3},
        {Labels{{"__name__", "errors_total"}, {"path", "a\"b\\c\nd"}}, 1.5},
        {Labels{{"__name__", "errors_total"}, {"path", "/x"}}, std::numeric_limits<double>::infinity()},
        {Labels{{"__name__", "ratio"}}, std::nan("")},
    };
    const auto describe = [](const std::string& name) {
        if (name == "errors_total") return MetricFamilyInfo{MetricType::Counter, "Errors, by path.\nOne line."};
        if (name == "queue_depth") return MetricFamilyInfo{MetricType::Gauge, "Queued \\ items."};
        return MetricFamilyInfo{};
    };
    CHECK(sim::scrape::render_exposition(samples, describe) ==
          "# HELP errors_total Errors, by path.\\nOne line.\n"
          "# TYPE errors_total counter\n"
          "errors_total{path=\"a\\\"b\\\\c\\nd\"} 1.5\n"
          "errors_total{path=\"/x\"} +Inf\n"
          "# HELP queue_depth Queued \\\\ items.\n"
          "# TYPE queue_depth gauge\n"
          "queue_depth 3\n"
          "# TYPE ratio untyped\n"
          "ratio NaN\n");
}
