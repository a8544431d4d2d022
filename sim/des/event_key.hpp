// The event queue's sort key: one event's (time, priority, sequence) packed into 128 bits, with
// the slot of its callback record riding along in the low bits.
#pragma once

#include <cstdint>

namespace sim::des {

// hi: time in ms since the simulation start (48 bits) | biased priority (16 bits)
// lo: insertion sequence (40 bits) | callback slot (24 bits)
// The sequence is unique, so (hi, lo) order is (time, priority, sequence) order.
struct EventKey {
    std::uint64_t lo;
    std::uint64_t hi;

    static constexpr int kTimeShift = 16;
    std::uint64_t time() const { return hi >> kTimeShift; }
};

}  // namespace sim::des
