// The random distributions models draw from. Written out here rather than taken from <random>:
// std:: distributions are allowed to differ between standard libraries, and a seeded run must
// give the same numbers everywhere. Only IEEE-exact operations and std::log/std::sqrt are used.
// Parameters out of range throw std::invalid_argument.
#pragma once

#include <cstdint>

#include "sim/des/rng_stream.hpp"

namespace sim::des {

// Uniform on [lo, hi).
double uniform(RngStream& rng, double lo, double hi);

// Uniform on the integers lo..hi, both included, without modulo bias.
std::int64_t uniform_int(RngStream& rng, std::int64_t lo, std::int64_t hi);

// Exponential with the given mean (> 0), e.g. inter-arrival times of a Poisson process.
double exponential(RngStream& rng, double mean);

// Normal (Marsaglia's polar method; one of each generated pair is used, so draws stay independent
// of call history).
double normal(RngStream& rng, double mean, double stddev);

// Poisson with the given mean (>= 0): multiplication method below 10, Hörmann's PTRS above.
std::int64_t poisson(RngStream& rng, double mean);

// True with probability p (0 <= p <= 1).
bool bernoulli(RngStream& rng, double p);

}  // namespace sim::des
