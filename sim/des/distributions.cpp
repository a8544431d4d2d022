#include "sim/des/distributions.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace sim::des {

namespace {

void require(bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(std::string("random distribution: ") + what);
}

// ln(k!) : exact sums for small k, Stirling's series (error < 1e-10 from k = 10) above.
double log_factorial(std::int64_t k) {
    if (k < 10) {
        double acc = 0;
        for (std::int64_t i = 2; i <= k; ++i) acc += std::log(static_cast<double>(i));
        return acc;
    }
    const double n = static_cast<double>(k) + 1;  // ln Γ(n)
    const double inv = 1.0 / n;
    const double inv2 = inv * inv;
    constexpr double kHalfLog2Pi = 0.91893853320467274178;
    return (n - 0.5) * std::log(n) - n + kHalfLog2Pi +
           inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
}

std::int64_t poisson_small(RngStream& rng, double mean) {
    // Count uniforms until their product drops below e^-mean.
    const double limit = std::exp(-mean);
    std::int64_t k = 0;
    double product = rng.next_unit();
    while (product > limit) {
        ++k;
        product *= rng.next_unit();
    }
    return k;
}

// Transformed rejection with squeeze (W. Hörmann, "The transformed rejection method for
// generating Poisson random variables", 1993).
std::int64_t poisson_ptrs(RngStream& rng, double mean) {
    const double slam = std::sqrt(mean);
    const double loglam = std::log(mean);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double v_r = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
        const double u = rng.next_unit() - 0.5;
        const double v = rng.next_unit();
        const double us = 0.5 - std::fabs(u);
        const auto k = static_cast<std::int64_t>(std::floor((2 * a / us + b) * u + mean + 0.43));
        if (us >= 0.07 && v <= v_r) return k;
        if (k < 0 || (us < 0.013 && v > us)) continue;
        if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
            -mean + static_cast<double>(k) * loglam - log_factorial(k))
            return k;
    }
}

}  // namespace

double uniform(RngStream& rng, double lo, double hi) {
    require(lo <= hi, "uniform needs lo <= hi");
    return lo + (hi - lo) * rng.next_unit();
}

std::int64_t uniform_int(RngStream& rng, std::int64_t lo, std::int64_t hi) {
    require(lo <= hi, "uniform_int needs lo <= hi");
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    if (span == UINT64_MAX) return static_cast<std::int64_t>(rng.next_u64());
    const std::uint64_t n = span + 1;
    // Reject the top partial block of 2^64 so every value has the same number of preimages.
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % n + 1) % n;
    std::uint64_t x;
    do x = rng.next_u64();
    while (x > limit);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + x % n);
}

double exponential(RngStream& rng, double mean) {
    require(mean > 0, "exponential needs mean > 0");
    // 1 - u lies in (0, 1], so the logarithm is finite.
    return -mean * std::log(1.0 - rng.next_unit());
}

double normal(RngStream& rng, double mean, double stddev) {
    require(stddev >= 0, "normal needs stddev >= 0");
    double x, s;
    do {
        x = 2 * rng.next_unit() - 1;
        const double y = 2 * rng.next_unit() - 1;
        s = x * x + y * y;
    } while (s >= 1 || s == 0);
    return mean + stddev * x * std::sqrt(-2 * std::log(s) / s);
}

std::int64_t poisson(RngStream& rng, double mean) {
    require(mean >= 0 && std::isfinite(mean), "poisson needs a finite mean >= 0");
    if (mean == 0) return 0;
    return mean < 10 ? poisson_small(rng, mean) : poisson_ptrs(rng, mean);
}

bool bernoulli(RngStream& rng, double p) {
    require(p >= 0 && p <= 1, "bernoulli needs 0 <= p <= 1");
    return rng.next_unit() < p;
}

}  // namespace sim::des
