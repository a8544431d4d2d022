#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "sim/alerting/series_notation.hpp"
#include "sim/tsdb/sample.hpp"

using sim::alerting::expand_series_values;
using sim::alerting::NotationError;
using sim::alerting::SeriesValues;

namespace {
SeriesValues values(std::initializer_list<double> vs) {
    SeriesValues out;
    for (double v : vs) out.emplace_back(v);
    return out;
}

int error_offset(std::string_view text) {
    try {
        expand_series_values(text);
    } catch (const NotationError& e) {
        return e.offset();
    }
    return -1;
}
}  // namespace

TEST_CASE("plain numbers expand to one sample each, in any float spelling") {
    CHECK(expand_series_values("1 2.5 -3 +4 .5 5. 1e3 1E-2") == values({1, 2.5, -3, 4, 0.5, 5, 1000, 0.01}));
    const auto special = expand_series_values("Inf -inf NaN");
    REQUIRE(special.size() == 3);
    CHECK(*special[0] == INFINITY);
    CHECK(*special[1] == -INFINITY);
    CHECK(std::isnan(*special[2]));
    CHECK_FALSE(sim::tsdb::is_stale_nan(*special[2]));
}

TEST_CASE("a+bxn gives n+1 samples growing by b, and a-bxn shrinking by b") {
    CHECK(expand_series_values("-2+4x3") == values({-2, 2, 6, 10}));
    CHECK(expand_series_values("5-1x2") == values({5, 4, 3}));
    CHECK(expand_series_values("1e3+1x2") == values({1000, 1001, 1002}));
}

TEST_CASE("a+bxn accumulates by repeated addition, so rounding matches Go's loop") {
    const auto v = expand_series_values("0.1+0.2x3");
    REQUIRE(v.size() == 4);
    CHECK(*v[1] == 0.1 + 0.2);
    CHECK(*v[3] == 0.1 + 0.2 + 0.2 + 0.2);  // 0.7, not 0.1 + 3 * 0.2
}

TEST_CASE("axn repeats a n+1 times; 1x0 is a single sample") {
    CHECK(expand_series_values("2x2 3") == values({2, 2, 2, 3}));
    CHECK(expand_series_values("1x0") == values({1}));
}

TEST_CASE("_ is one gap and _xN is N gaps, _x0 none") {
    CHECK(expand_series_values("1 _ 2") == SeriesValues{1.0, std::nullopt, 2.0});
    CHECK(expand_series_values("1 _x3 2") == SeriesValues{1.0, std::nullopt, std::nullopt, std::nullopt, 2.0});
    CHECK(expand_series_values("1 _x0 2") == values({1, 2}));
}

TEST_CASE("stale is a staleness marker, not an ordinary NaN") {
    const auto v = expand_series_values("1 stale");
    REQUIRE(v.size() == 2);
    REQUIRE(v[1]);
    CHECK(sim::tsdb::is_stale_nan(*v[1]));
}

TEST_CASE("empty or blank notation has no samples; whitespace of any width separates") {
    CHECK(expand_series_values("").empty());
    CHECK(expand_series_values("   ").empty());
    CHECK(expand_series_values("  1\t2   3 ") == values({1, 2, 3}));
}

TEST_CASE("malformed notation is rejected at the offending byte") {
    CHECK(error_offset("1x-1") == 2);     // negative repetition
    CHECK(error_offset("1+-1x2") == 2);   // signed step
    CHECK(error_offset("0x1e1") == 2);    // repetition must be an integer
    CHECK(error_offset("abc") == 0);      // not a number
    CHECK(error_offset("1 2 x") == 4);
    CHECK(error_offset("1x") == 2);       // missing count
    CHECK(error_offset("1+1") == 3);      // step without repetition
    CHECK(error_offset("_+1x2") == 1);
    CHECK(error_offset("stale x2") == 6);
    CHECK(error_offset("stalex2") == 0);
    CHECK(error_offset("Stale") == 0);    // the keyword is lower case
    CHECK(error_offset("1_") == 0);
    CHECK(error_offset("1,2") == 1);
}

TEST_CASE("issue 16.4: a repetition count beyond 64 bits is rejected, as Go's ParseUint rejects it") {
    CHECK_THROWS_AS(expand_series_values("0x18446744073709551616"), NotationError);
}

TEST_CASE("issue 16.4: long repetitions are accepted as promtool accepts them and held as runs") {
    const auto runs = sim::alerting::parse_series_runs("1x10000000 1+0x10000000 _x18446744073709551614");
    CHECK(runs.size() == std::numeric_limits<std::uint64_t>::max());  // 10000001 + 10000001 + ... saturates
    const auto counted = sim::alerting::parse_series_runs("0x5000000 0x5000000");
    CHECK(counted.size() == 10'000'002);
}

TEST_CASE("issue 16.4: the sample walk gives each slot's value and index, skipping gap runs whole") {
    const auto runs = sim::alerting::parse_series_runs("-0x1 _x1000000000000 1+0.1x2 stale");
    sim::alerting::SeriesRuns::Samples samples(runs);
    std::vector<std::pair<std::uint64_t, double>> got;
    while (const auto s = samples.next()) got.emplace_back(s->index, s->value);
    REQUIRE(got.size() == 6);
    CHECK(got[0].first == 0);
    CHECK(std::signbit(got[0].second));  // `-0x1` copies -0, never -0 + 0
    CHECK(std::signbit(got[1].second));
    CHECK(got[2].first == 1'000'000'000'002);
    CHECK(got[3].second == 1 + 0.1);
    CHECK(got[4].second == (1 + 0.1) + 0.1);  // accumulated, as Go adds the step each time
    CHECK(got[5].first == 1'000'000'000'005);
    CHECK(sim::tsdb::is_stale_nan(got[5].second));
}
