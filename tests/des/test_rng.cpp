#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/des/distributions.hpp"
#include "sim/des/rng_stream.hpp"

using namespace sim::des;

namespace {

std::vector<std::uint64_t> draws(RngStream rng, int n) {
    std::vector<std::uint64_t> out;
    for (int i = 0; i < n; ++i) out.push_back(rng.next_u64());
    return out;
}

struct Moments {
    double mean = 0;
    double variance = 0;
};

template <typename Draw>
Moments moments(int n, Draw draw) {
    double sum = 0, sum_sq = 0;
    for (int i = 0; i < n; ++i) {
        const double x = static_cast<double>(draw());
        sum += x;
        sum_sq += x * x;
    }
    const double mean = sum / n;
    return {mean, sum_sq / n - mean * mean};
}

constexpr int kDraws = 200'000;

}  // namespace

TEST_CASE("a stream depends only on the run seed and its name") {
    const auto alone = draws(RngStream(42, "sts"), 100);
    // Creating and drawing from other streams first changes nothing.
    RngStream other(42, "gateway");
    for (int i = 0; i < 1000; ++i) other.next_u64();
    CHECK(draws(RngStream(42, "sts"), 100) == alone);
    CHECK(draws(RngStream(42, "gateway"), 100) != alone);
    CHECK(draws(RngStream(43, "sts"), 100) != alone);
}

TEST_CASE("unit draws are at least 0 and below 1") {
    RngStream rng(1, "unit");
    for (int i = 0; i < 100'000; ++i) {
        const double u = rng.next_unit();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
    }
}

TEST_CASE("distribution means and variances match their parameters") {
    RngStream rng(2024, "moments");
    const auto u = moments(kDraws, [&] { return uniform(rng, 2.0, 6.0); });
    CHECK(u.mean == Approx(4.0).margin(0.02));
    CHECK(u.variance == Approx(16.0 / 12).epsilon(0.02));

    const auto e = moments(kDraws, [&] { return exponential(rng, 3.0); });
    CHECK(e.mean == Approx(3.0).epsilon(0.02));
    CHECK(e.variance == Approx(9.0).epsilon(0.05));

    const auto g = moments(kDraws, [&] { return normal(rng, -1.0, 2.0); });
    CHECK(g.mean == Approx(-1.0).margin(0.02));
    CHECK(g.variance == Approx(4.0).epsilon(0.02));

    const auto b = moments(kDraws, [&] { return bernoulli(rng, 0.3) ? 1 : 0; });
    CHECK(b.mean == Approx(0.3).margin(0.005));

    const auto d = moments(kDraws, [&] { return uniform_int(rng, -3, 3); });
    CHECK(d.mean == Approx(0.0).margin(0.02));
    CHECK(d.variance == Approx(4.0).epsilon(0.02));  // (7^2 - 1) / 12
}

TEST_CASE("poisson has mean and variance lambda on both sides of the algorithm switch") {
    RngStream rng(7, "poisson");
    for (const double lambda : {0.5, 4.0, 9.9, 10.0, 37.5, 1000.0}) {
        const auto p = moments(kDraws, [&] { return poisson(rng, lambda); });
        INFO("lambda " << lambda);
        CHECK(p.mean == Approx(lambda).epsilon(0.01).margin(0.01));
        CHECK(p.variance == Approx(lambda).epsilon(0.03));
    }
    CHECK(poisson(rng, 0.0) == 0);
}

TEST_CASE("poisson probabilities match the mass function near the mode") {
    RngStream rng(11, "pmf");
    const double lambda = 20.0;
    int hits = 0;
    for (int i = 0; i < kDraws; ++i) hits += poisson(rng, lambda) == 20;
    const double pmf_20 = std::exp(-lambda + 20 * std::log(lambda) - std::lgamma(21.0));
    CHECK(static_cast<double>(hits) / kDraws == Approx(pmf_20).epsilon(0.05));
}

TEST_CASE("integer draws cover exactly the closed range") {
    RngStream rng(3, "range");
    std::vector<int> counts(5, 0);
    for (int i = 0; i < 50'000; ++i) {
        const auto v = uniform_int(rng, 10, 14);
        REQUIRE(v >= 10);
        REQUIRE(v <= 14);
        ++counts[static_cast<std::size_t>(v - 10)];
    }
    for (const int c : counts) CHECK(c == Approx(10'000).epsilon(0.05));
}

TEST_CASE("out-of-range distribution parameters are rejected") {
    RngStream rng(1, "bad");
    CHECK_THROWS_AS(exponential(rng, 0), std::invalid_argument);
    CHECK_THROWS_AS(normal(rng, 0, -1), std::invalid_argument);
    CHECK_THROWS_AS(poisson(rng, -1), std::invalid_argument);
    CHECK_THROWS_AS(poisson(rng, NAN), std::invalid_argument);
    CHECK_THROWS_AS(bernoulli(rng, 1.5), std::invalid_argument);
    CHECK_THROWS_AS(uniform(rng, 2, 1), std::invalid_argument);
    CHECK_THROWS_AS(uniform_int(rng, 2, 1), std::invalid_argument);
}
