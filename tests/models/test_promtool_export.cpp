#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>

#include "models/export/promtool_export.hpp"
#include "sim/alerting/series_notation.hpp"
#include "sim/tsdb/sample.hpp"

using caracal::encode_series_values;
using sim::alerting::expand_series_values;
using sim::alerting::SeriesValues;

namespace {

// Bit for bit, so stale markers and -0 count.
bool identical(const SeriesValues& a, const SeriesValues& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].has_value() != b[i].has_value()) return false;
        if (a[i] && std::bit_cast<std::uint64_t>(*a[i]) != std::bit_cast<std::uint64_t>(*b[i])) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("encoded series values expand back to the same values bit for bit") {
    const double stale = sim::tsdb::stale_nan();
    const std::vector<SeriesValues> cases = {
        {1, 1, 1, 1},
        {0, 10, 20, 30, 40},
        {5, 3, 1, -1},
        {0.1, 0.2, 0.30000000000000004, 0.4},
        {0.1, 0.2, 0.3},
        {std::nullopt, std::nullopt, 2, 2, stale, std::nullopt, 7},
        {1e-7, 123456789.125, -0.0, 0.0, 1e21},
        {},
    };
    for (const auto& values : cases) {
        const std::string text = encode_series_values(values);
        INFO(text);
        CHECK(identical(expand_series_values(text), values));
    }
}

TEST_CASE("encoding compresses constant and exactly arithmetic runs and leaves inexact runs expanded") {
    CHECK(encode_series_values({4, 4, 4, 4}) == "4x3");
    CHECK(encode_series_values({0, 10, 20, 30}) == "0+10x3");
    CHECK(encode_series_values({9, 6, 3}) == "9-3x2");
    CHECK(encode_series_values({std::nullopt, std::nullopt, std::nullopt, 1}) == "_x3 1");
    CHECK(encode_series_values({1, sim::tsdb::stale_nan()}) == "1 stale");
    // 0.1 + 0.1 + 0.1 is 0.30000000000000004 in float64, so 0.3 cannot end an `a+bxn` run.
    CHECK(encode_series_values({0.1, 0.2, 0.3}) == "0.1 0.2 0.3");
}
