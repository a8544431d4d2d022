// XXH64 (seed 0), the hash Prometheus uses for label sets (cespare/xxhash). The rule manager
// derives each group's evaluation phase from it, so reproducing it reproduces the phase.
#pragma once

#include <cstdint>
#include <string_view>

namespace sim::alerting {

std::uint64_t xxhash64(std::string_view data);

}  // namespace sim::alerting
