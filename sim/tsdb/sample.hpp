// One float sample, and Prometheus' staleness marker: a NaN with a reserved bit pattern that
// means "this series ended here", distinct from an ordinary NaN value.
#pragma once

#include <bit>
#include <cstdint>

#include "sim/base/time.hpp"

namespace sim::tsdb {

inline constexpr std::uint64_t kStaleNaNBits = 0x7ff0000000000002ULL;

inline double stale_nan() { return std::bit_cast<double>(kStaleNaNBits); }
inline bool is_stale_nan(double v) { return std::bit_cast<std::uint64_t>(v) == kStaleNaNBits; }

struct Sample {
    Time t;
    double v = 0;
};

}  // namespace sim::tsdb
