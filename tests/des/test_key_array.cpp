#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "sim/des/key_array.hpp"

using sim::des::EventKey;
using sim::des::KeyArray;

namespace {
EventKey key(std::uint64_t n) { return EventKey{n, n << EventKey::kTimeShift}; }

std::vector<std::uint64_t> contents(const KeyArray& keys) {
    std::vector<std::uint64_t> out;
    for (const EventKey& k : keys) out.push_back(k.lo);
    return out;
}
}  // namespace

TEST_CASE("a key array keeps every appended key in order through its growth") {
    KeyArray keys;
    std::vector<std::uint64_t> expected;
    for (std::uint64_t n = 0; n < 1000; ++n) {
        keys.push_back(key(n));
        expected.push_back(n);
    }
    CHECK(contents(keys) == expected);
    CHECK(keys.front().lo == 0);
    CHECK(keys.back().lo == 999);
    CHECK(keys[500].time() == 500);
}

TEST_CASE("a key array inserts before a position and appends a range") {
    KeyArray keys;
    for (std::uint64_t n : {1, 2, 4}) keys.push_back(key(n));
    keys.insert(keys.begin() + 2, key(3));
    keys.insert(keys.begin(), key(0));
    keys.insert(keys.end(), key(5));
    CHECK(contents(keys) == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5});
    const std::vector<EventKey> more{key(6), key(7), key(8), key(9), key(10), key(11), key(12)};
    keys.append(more.data(), more.data() + more.size());
    CHECK(keys.size() == 13);
    CHECK(keys.back().lo == 12);
}

TEST_CASE("a cleared key array is empty and refills, and swapping exchanges contents") {
    KeyArray a;
    KeyArray b;
    for (std::uint64_t n = 0; n < 10; ++n) a.push_back(key(n));
    b.push_back(key(99));
    a.swap(b);
    CHECK(contents(a) == std::vector<std::uint64_t>{99});
    CHECK(b.size() == 10);
    b.clear();
    CHECK(b.empty());
    b.push_back(key(7));
    CHECK(contents(b) == std::vector<std::uint64_t>{7});
}
