#include "sim/des/small_sort.hpp"

#include <array>
#include <cstddef>
#include <utility>

namespace sim::des {

namespace {

// Puts a and b in key order. The comparison is one 128-bit subtraction (compare, then subtract
// with borrow) and the swap a masked exchange, not a ternary: compilers turn ternaries on struct
// members into branches, which is what this file exists to avoid.
void order(EventKey& a, EventKey& b) {
    __extension__ using Wide = unsigned __int128;
    const Wide wide_a = Wide{a.hi} << 64 | a.lo;
    const Wide wide_b = Wide{b.hi} << 64 | b.lo;
    const std::uint64_t mask = std::uint64_t{0} - static_cast<std::uint64_t>(wide_b < wide_a);
    const std::uint64_t lo = (a.lo ^ b.lo) & mask;
    const std::uint64_t hi = (a.hi ^ b.hi) & mask;
    a.lo ^= lo;
    b.lo ^= lo;
    a.hi ^= hi;
    b.hi ^= hi;
}

struct Exchange {
    std::uint8_t a;
    std::uint8_t b;
};

// Optimal-size sorting networks for 2 to 8 inputs (Knuth, TAOCP vol. 3, §5.3.4).
constexpr std::array<Exchange, 1> kNetwork2{{{0, 1}}};
constexpr std::array<Exchange, 3> kNetwork3{{{0, 1}, {1, 2}, {0, 1}}};
constexpr std::array<Exchange, 5> kNetwork4{{{0, 1}, {2, 3}, {0, 2}, {1, 3}, {1, 2}}};
constexpr std::array<Exchange, 9> kNetwork5{
    {{0, 1}, {3, 4}, {2, 4}, {2, 3}, {1, 4}, {0, 3}, {0, 2}, {1, 3}, {1, 2}}};
constexpr std::array<Exchange, 12> kNetwork6{
    {{1, 2}, {4, 5}, {0, 2}, {3, 5}, {0, 1}, {3, 4}, {2, 5}, {0, 3}, {1, 4}, {2, 4}, {1, 3}, {2, 3}}};
constexpr std::array<Exchange, 16> kNetwork7{{{1, 2},
                                              {3, 4},
                                              {5, 6},
                                              {0, 2},
                                              {3, 5},
                                              {4, 6},
                                              {0, 1},
                                              {4, 5},
                                              {2, 6},
                                              {0, 4},
                                              {1, 5},
                                              {0, 3},
                                              {2, 5},
                                              {1, 3},
                                              {2, 4},
                                              {2, 3}}};
constexpr std::array<Exchange, 19> kNetwork8{{{0, 2},
                                              {1, 3},
                                              {4, 6},
                                              {5, 7},
                                              {0, 4},
                                              {1, 5},
                                              {2, 6},
                                              {3, 7},
                                              {0, 1},
                                              {2, 3},
                                              {4, 5},
                                              {6, 7},
                                              {2, 4},
                                              {3, 5},
                                              {1, 4},
                                              {3, 6},
                                              {1, 2},
                                              {3, 4},
                                              {5, 6}}};

// Runs a network fully unrolled: a loop over its exchanges would mispredict its exit.
template <const auto& Network, std::size_t... I>
void run(EventKey* keys, std::index_sequence<I...>) {
    (order(keys[Network[I].a], keys[Network[I].b]), ...);
}
template <const auto& Network>
void run(EventKey* keys) {
    run<Network>(keys, std::make_index_sequence<Network.size()>{});
}

bool earlier(const EventKey& a, const EventKey& b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }

}  // namespace

void small_sort(EventKey* keys, std::uint32_t n) {
    switch (n) {
        case 0:
        case 1: return;
        case 2: return run<kNetwork2>(keys);
        case 3: return run<kNetwork3>(keys);
        case 4: return run<kNetwork4>(keys);
        case 5: return run<kNetwork5>(keys);
        case 6: return run<kNetwork6>(keys);
        case 7: return run<kNetwork7>(keys);
        case 8: return run<kNetwork8>(keys);
        default:
            for (std::uint32_t i = 1; i < n; ++i) {
                const EventKey key = keys[i];
                std::uint32_t j = i;
                for (; j > 0 && earlier(key, keys[j - 1]); --j) keys[j] = keys[j - 1];
                keys[j] = key;
            }
    }
}

}  // namespace sim::des
