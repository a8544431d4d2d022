// Sorting a handful of event keys without data-dependent branches. The keys of a sparse bucket
// arrive in random order, and a comparison sort that branches on each comparison mispredicts
// about once per key; a fixed sorting network of branch-free compare-exchanges
// mispredicts only on which network to run.
#pragma once

#include <cstdint>

#include "sim/des/event_key.hpp"

namespace sim::des {

// Sorts keys[0..n) into (hi, lo) order. Networks up to kSmallSortNetworkMax keys; an insertion
// sort beyond.
inline constexpr std::uint32_t kSmallSortNetworkMax = 8;
void small_sort(EventKey* keys, std::uint32_t n);

}  // namespace sim::des
