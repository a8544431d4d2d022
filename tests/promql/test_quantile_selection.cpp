// quantile() selects the two ranks it interpolates between instead of sorting the whole window
// (issue 16.8): the result must be the sorted reading's to the last bit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <random>

#include "sim/promql/eval_quantile.hpp"

namespace {

// Prometheus' definition read literally: sort (NaN first), interpolate between the two ranks
// around q * (n - 1). Only for q in [0, 1].
double sorted_quantile(double q, std::vector<double> values) {
    std::sort(values.begin(), values.end(), [](double a, double b) {
        if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && !std::isnan(b);
        return a < b;
    });
    const double rank = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(rank);
    const auto above = std::min(values.size() - 1, below + 1);
    const double weight = rank - static_cast<double>(below);
    return values[below] * (1 - weight) + values[above] * weight;
}

std::uint64_t bits(double v) { return std::bit_cast<std::uint64_t>(v); }

}  // namespace

TEST_CASE("issue 16.8: quantile by selecting two ranks equals quantile by sorting, bit for bit, on random windows") {
    std::mt19937_64 rng(16008);
    std::uniform_int_distribution<int> size(1, 800);
    std::uniform_int_distribution<int> pick(0, 99);
    std::uniform_real_distribution<double> unit(0, 1);
    const double qs[] = {0, 0.01, 0.25, 0.5, 0.9, 0.99, 1, 1.0 / 3};
    for (int round = 0; round < 300; ++round) {
        std::vector<double> values(static_cast<std::size_t>(size(rng)));
        for (auto& v : values) {
            const int p = pick(rng);
            // Repeated levels, as gauges have them, some NaN and infinities, else anything.
            v = p < 40 ? std::floor(unit(rng) * 5) : p < 43 ? std::nan("") : p < 45 ? -INFINITY : unit(rng) * 1e6 - 5e5;
        }
        for (double q : qs) {
            INFO("round " << round << ", q " << q << ", " << values.size() << " values");
            auto copy = values;
            const double expected = sorted_quantile(q, values);
            const double got = sim::promql::quantile(q, copy);
            if (std::isnan(expected))
                CHECK(std::isnan(got));
            else
                CHECK(bits(got) == bits(expected));
        }
    }
}
