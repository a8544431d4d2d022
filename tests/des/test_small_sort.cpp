#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "sim/des/rng_stream.hpp"
#include "sim/des/small_sort.hpp"

using sim::des::EventKey;
using sim::des::small_sort;

namespace {
bool in_key_order(const std::vector<EventKey>& keys) {
    return std::is_sorted(keys.begin(), keys.end(), [](const EventKey& a, const EventKey& b) {
        return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
    });
}
}  // namespace

TEST_CASE("a handful of keys is sorted from every starting order") {
    // Every permutation of up to eight distinct keys, the sizes the sorting networks cover. Keys
    // 2i and 2i+1 share their hi word, so ties on time and priority are broken by lo.
    for (std::uint32_t n = 0; n <= sim::des::kSmallSortNetworkMax; ++n) {
        std::vector<std::uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0u);
        do {
            std::vector<EventKey> keys;
            for (const std::uint32_t i : order) keys.push_back(EventKey{i, i / 2});
            small_sort(keys.data(), n);
            REQUIRE(in_key_order(keys));
        } while (std::next_permutation(order.begin(), order.end()));
    }
}

TEST_CASE("more keys than the networks cover are sorted too") {
    sim::des::RngStream rng(7, "small-sort");
    for (std::uint32_t n = sim::des::kSmallSortNetworkMax + 1; n <= 40; ++n) {
        for (int trial = 0; trial < 50; ++trial) {
            std::vector<EventKey> keys;
            for (std::uint32_t i = 0; i < n; ++i) keys.push_back(EventKey{rng.next_u64(), rng.next_u64() % 5});
            small_sort(keys.data(), n);
            REQUIRE(in_key_order(keys));
        }
    }
}
