// The kernel's pending-event queue: a 4-ary min-heap of 16-byte keys ordered by (time, priority,
// insertion sequence), so events at the same instant run in a fixed, reproducible order. A node's
// four children fill exactly one 64-byte cache line (the array is offset so that every group is
// line-aligned), which is what makes sift-down fast. The callbacks live elsewhere (see Kernel),
// addressed by the key's slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/des/cache_line_allocator.hpp"

namespace sim::des {

// hi: time in ms since the simulation start (48 bits) | biased priority (16 bits)
// lo: insertion sequence (40 bits) | callback slot (24 bits)
// Compared as one 128-bit number; the sequence is unique, so the slot never decides.
struct EventKey {
    std::uint64_t lo;
    std::uint64_t hi;

    // Branch-free: on random keys a short-circuit compare mispredicts at almost every heap level.
    bool before(const EventKey& o) const {
        return (static_cast<unsigned __int128>(hi) << 64 | lo) < (static_cast<unsigned __int128>(o.hi) << 64 | o.lo);
    }
};

class EventQueue {
public:
    EventQueue() : heap_(kPad) {}

    bool empty() const { return heap_.size() == kPad; }
    std::size_t size() const { return heap_.size() - kPad; }
    const EventKey& top() const { return heap_[kPad]; }
    // The root's children: one of them (or a key pushed meanwhile) becomes the next top.
    std::span<const EventKey> runners_up() const {
        const std::size_t n = size() - 1 < kArity ? size() - 1 : kArity;
        return {heap_.data() + kPad + 1, n};
    }

    void push(const EventKey& key);
    void pop();
    // pop() then push(key) in one sift: the common "run one event, schedule its successor" step.
    void replace_top(const EventKey& key);

private:
    // Unused leading entries: with the root at index kPad, the children of heap node i sit at
    // vector indices 4i+4 .. 4i+7, i.e. at byte offset 64(i+1) from a line-aligned base.
    static constexpr std::size_t kPad = 3;
    static constexpr std::size_t kArity = 4;

    void sift_down_from_root(const EventKey& key);
    // Places `key` at `hole` or above it (hole is a heap position, root 0).
    void sift_up(std::size_t hole, const EventKey& key);

    std::vector<EventKey, CacheLineAllocator<EventKey>> heap_;
};

}  // namespace sim::des
