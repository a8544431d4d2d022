// The kernel's pending-event queue: a radix heap on event time with 1024-way digits (in effect a
// hierarchical timing wheel whose base is the current instant), ordered by (time, priority,
// insertion sequence) so that events at the same instant run in a fixed, reproducible order.
//
// Why not a binary or 4-ary heap: every event would pay log(N) dependent compares and cache
// misses. Here an event is filed by the highest 10-bit digit in which its time differs from the
// base, without comparing it to other events, and moves down at most one level per digit: most
// delays under 17 min are filed twice (once on scheduling, once when their 1 s bucket comes up),
// whatever N is.
//
// Why this is not the earlier single-bit radix heap: with one bucket per bit, an event scheduled
// 2^20 ms ahead is redistributed about 20 times before it runs; with 1024 buckets per level it is
// redistributed about once, and the next bucket is found with two count-trailing-zeros on a
// two-level bitmap.
//
// Order inside an instant: events reach a bucket in insertion order (a bucket is only ever
// filled by appending, and a bucket is redistributed only while all lower buckets are empty), so
// the events of one instant arrive already sorted by sequence and only need a stable sort by
// priority, which is skipped when they all share one priority.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

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

class EventQueue {
public:
    // Entries held, including cancelled ones not reached yet.
    bool empty() const { return size_ == 0; }

    // Precondition: key.time() >= base(); the kernel never schedules before its clock, and the
    // base never passes the clock (see next()).
    void push(const EventKey& key) {
        ++size_;
        if (key.time() > base_)
            place(key);
        else
            join_instant(key);
    }

    // The least entry if its time is at most `end`, else null. Moves the base forward only to
    // times at or before `end`, so anything the caller may schedule afterwards still fits.
    const EventKey* next(std::uint64_t end) {
        if (instant_head_ == instant_.size() && !refill(end)) return nullptr;
        return base_ <= end ? &instant_[instant_head_] : nullptr;
    }
    // Removes the entry next() returned.
    void pop() {
        ++instant_head_;
        --size_;
    }
    // The entry after the one next() returned, if it is already known without advancing; lets the
    // kernel prefetch the callback it will run next.
    const EventKey* following() const;

    // The earliest time an entry can still have.
    std::uint64_t base() const { return base_; }

private:
    static constexpr int kDigitBits = 10;
    static constexpr std::size_t kDigits = std::size_t{1} << kDigitBits;
    static constexpr int kLevels = (48 + kDigitBits - 1) / kDigitBits;  // covers the 48-bit time
    static constexpr std::size_t kWords = kDigits / 64;

    using Bucket = std::vector<EventKey>;

    // A level's buckets with a two-level bitmap of the non-empty ones: bit w of `words` says
    // whether occupied[w] has any bit set.
    struct Level {
        std::array<Bucket, kDigits> buckets;
        std::array<std::uint64_t, kWords> occupied{};
        std::uint16_t words = 0;
    };
    static_assert(kWords <= 16);

    // Files `key` (time > base_) under the highest digit in which its time differs from base_.
    // Inline: it runs once or twice per event.
    void place(const EventKey& key) {
        const std::uint64_t t = key.time();
        const int level = (63 - std::countl_zero(t ^ base_)) / kDigitBits;
        const std::size_t digit = (t >> (level * kDigitBits)) & (kDigits - 1);
        Level& l = levels_[level];
        l.buckets[digit].push_back(key);
        l.occupied[digit / 64] |= std::uint64_t{1} << (digit % 64);
        l.words |= static_cast<std::uint16_t>(1u << (digit / 64));
        occupied_levels_ |= 1u << level;
    }
    // Adds an entry at the base time, keeping the instant sorted.
    void join_instant(const EventKey& key);
    // Advances until the instant has entries; false if none are due by `end`.
    bool refill(std::uint64_t end);
    // Makes the lowest non-empty bucket the next instant or spreads it over lower levels; false if
    // there is none or it starts after `end`.
    bool advance(std::uint64_t end);
    // Clears the bucket's bit in the level's bitmap.
    void mark_empty(int level, std::size_t digit);
    std::size_t lowest_digit(int level) const;

    std::uint64_t base_ = 0;
    std::size_t size_ = 0;
    // The entries at time base_, sorted; those before instant_head_ have been popped.
    std::vector<EventKey> instant_;
    std::size_t instant_head_ = 0;
    std::array<Level, kLevels> levels_;
    unsigned occupied_levels_ = 0;  // bit L: some bucket of level L is non-empty
};

}  // namespace sim::des
