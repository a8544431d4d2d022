// min_over_time and max_over_time compare in independent lanes (issue 16.8): the result must be
// what Prometheus' in-order loop gives, to the last bit (which NaN, which zero), on any window.
#include <catch2/catch.hpp>

#include <bit>
#include <random>

#include "eval_fixture.hpp"

using namespace eval_test;

namespace {

// Prometheus 2.42's loop, read literally.
double in_order(const std::vector<double>& values, bool max) {
    double m = values[0];
    for (double v : values)
        if ((max ? v > m : v < m) || std::isnan(m)) m = v;
    return m;
}

std::uint64_t bits(double v) { return std::bit_cast<std::uint64_t>(v); }

}  // namespace

TEST_CASE("issue 16.8: min/max_over_time in lanes equal the in-order loop bit for bit on random windows") {
    std::mt19937_64 rng(16008);
    std::uniform_int_distribution<int> size(1, 40);
    std::uniform_int_distribution<int> pick(0, 9);
    const double specials[] = {0.0, -0.0, kNaN, INFINITY, -INFINITY, 1.5, -1.5};
    for (int round = 0; round < 2000; ++round) {
        std::vector<double> values(static_cast<std::size_t>(size(rng)));
        // Mostly special values, so that ties, NaN runs and infinities are common.
        for (auto& v : values) v = pick(rng) < 7 ? specials[pick(rng) % 7] : static_cast<double>(pick(rng)) - 4.5;
        Db db;
        db.series("x", values);
        const Time end = Time::epoch() + Duration::minutes(static_cast<std::int64_t>(values.size()) - 1);
        for (bool max : {true, false}) {
            INFO("round " << round << (max ? " max" : " min"));
            const double got = db.only(max ? "max_over_time(x[1h])" : "min_over_time(x[1h])", end);
            const double expected = in_order(values, max);
            if (std::isnan(expected))
                CHECK(std::isnan(got));
            else
                CHECK(bits(got) == bits(expected));
        }
    }
}
