#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <vector>

#include "sim/des/stable_slots.hpp"

using sim::des::StableSlots;

namespace {
struct Cell {
    std::uint64_t value = 0;
};
}  // namespace

TEST_CASE("a slot's record keeps its address while many more slots are claimed") {
    StableSlots<Cell> slots(1u << 20);
    const std::uint32_t first = slots.claim();
    Cell* const address = &slots[first];
    address->value = 42;
    for (int i = 0; i < 100'000; ++i) slots[slots.claim()].value = static_cast<std::uint64_t>(i);
    CHECK(&slots[first] == address);
    CHECK(slots[first].value == 42);
    CHECK(slots.size() == 100'001);
}

TEST_CASE("claimed slots are distinct and a released slot is the next one reused") {
    StableSlots<Cell> slots(1000);
    std::set<std::uint32_t> claimed;
    for (int i = 0; i < 600; ++i) CHECK(claimed.insert(slots.claim()).second);
    slots.release(17);
    slots.release(300);
    CHECK(slots.claim() == 300);
    CHECK(slots.claim() == 17);
    CHECK(slots.claim() == 600);  // then fresh slots again
}

TEST_CASE("claiming beyond the slot limit is refused") {
    StableSlots<Cell> slots(3);
    for (int i = 0; i < 3; ++i) slots.claim();
    CHECK_THROWS_AS(slots.claim(), std::length_error);
    slots.release(1);
    CHECK(slots.claim() == 1);
}

TEST_CASE("a table is exhausted until a slot is released, and grow_if_exhausted adds a free slot") {
    StableSlots<Cell> slots(4);
    CHECK(slots.exhausted());
    slots.grow_if_exhausted();
    CHECK_FALSE(slots.exhausted());
    CHECK(slots.size() == 1);
    slots.grow_if_exhausted();  // a free slot exists: nothing to do
    CHECK(slots.size() == 1);
    CHECK(slots.claim() == 0);
    CHECK(slots.exhausted());
    slots.release(0);
    CHECK_FALSE(slots.exhausted());
    CHECK(slots.claim() == 0);
}
