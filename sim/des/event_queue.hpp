// The kernel's pending-event queue: a radix heap on event time with 1024-way digits (in effect a
// hierarchical timing wheel whose base is the current instant), ordered by (time, priority,
// insertion sequence) so that events at the same instant run in a fixed, reproducible order.
//
// Why not a binary or 4-ary heap: every event would pay log(N) dependent compares and cache
// misses. Here an event is filed by the highest 10-bit digit in which its time differs from the
// base, without comparing it to other events, and moves down at most one level per digit.
//
// Why this is not the earlier single-bit radix heap: with one bucket per bit, an event scheduled
// 2^20 ms ahead is redistributed about 20 times before it runs; with 1024 buckets per level it is
// redistributed about once, and the next bucket is found with two count-trailing-zeros on a
// two-level bitmap.
//
// The run: when the lowest bucket comes up it becomes the run, a sorted array popped from the
// front. A level-0 bucket is one instant. A higher bucket that holds a handful of entries is
// sorted whole instead of being spread over the level below: spreading files every entry once
// more and then pays one bucket lookup per distinct instant, which for sparse buckets (the hold
// model, most model delays) costs more than an insertion sort of a few keys. A bucket holding
// more is still spread: sorting many keys mispredicts branches, spreading does not. An entry
// due no later than the run's last entry joins the run, so everything filed in the buckets stays
// later than the whole run.
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
        if (key.time() <= run_last_)
            join_run(key);
        else
            place(key);
    }

    // The least entry if its time is at most `end`, else null. Moves the base forward only to
    // times at or before `end`, so anything the caller may schedule afterwards still fits.
    const EventKey* next(std::uint64_t end) {
        if (run_head_ == run_.size() && !advance(end)) return nullptr;
        const EventKey* top = &run_[run_head_];
        return top->time() <= end ? top : nullptr;
    }
    // Removes the entry next() returned.
    void pop() {
        ++run_head_;
        --size_;
    }
    // The entry after the one next() returned, if it is already known without advancing: the next
    // in the run, or else the first of the next instant in level 0. Lets the kernel prefetch the
    // callback it will run next, which with many pending events is a cache miss otherwise.
    const EventKey* following() const {
        if (run_head_ + 1 < run_.size()) return &run_[run_head_ + 1];
        return (occupied_levels_ & 1u) ? &buckets_[lowest_bucket(0)].front() : nullptr;
    }

    // The earliest time an entry can still have.
    std::uint64_t base() const { return base_; }

private:
    static constexpr int kDigitBits = 10;
    static constexpr std::size_t kDigits = std::size_t{1} << kDigitBits;
    static constexpr int kLevels = (48 + kDigitBits - 1) / kDigitBits;  // covers the 48-bit time
    static constexpr std::size_t kWords = kDigits / 64;

    using Bucket = std::vector<EventKey>;

    // Files `key` (time > run_last_ >= base_) under the highest digit in which its time differs
    // from base_. Inline: it runs once or twice per event.
    void place(const EventKey& key) {
        const std::uint64_t t = key.time();
        const auto level = static_cast<unsigned>(63 - std::countl_zero(t ^ base_)) / kDigitBits;
        const std::size_t digit = (t >> (level * kDigitBits)) & (kDigits - 1);
        buckets_[level * kDigits + digit].push_back(key);
        occupied_[level * kWords + digit / 64] |= std::uint64_t{1} << (digit % 64);
        words_[level] |= static_cast<std::uint16_t>(1u << (digit / 64));
        occupied_levels_ |= 1u << level;
    }
    // Adds an entry due within the run (or at the base time once the run is exhausted), keeping
    // the run sorted.
    void join_run(const EventKey& key);
    // Makes the next bucket the run, spreading large buckets over lower levels on the way; false
    // if no entry is due by `end` (the base then stays at or before `end`).
    bool advance(std::uint64_t end);
    // Spreads a large bucket: its entries at `earliest` become the run (and earliest the base),
    // the rest move to lower levels.
    void spread(Bucket& bucket, std::uint64_t earliest);
    // Clears the bucket's bit in its level's bitmap.
    void mark_empty(unsigned level, std::size_t digit);
    // The index in buckets_ of the level's lowest non-empty bucket (the level must have one).
    std::size_t lowest_bucket(unsigned level) const {
        const auto w = static_cast<std::size_t>(std::countr_zero(words_[level]));
        return level * kDigits + w * 64 + static_cast<std::size_t>(std::countr_zero(occupied_[level * kWords + w]));
    }

    std::uint64_t base_ = 0;
    std::size_t size_ = 0;
    // Entries earlier than every bucketed entry, sorted; those before run_head_ have been popped.
    // base_ is the time of its first entry, run_last_ of its last: a new entry due no later joins
    // the run (once the run is exhausted that is only one at the clock, which still precedes every
    // bucketed entry).
    std::vector<EventKey> run_;
    std::size_t run_head_ = 0;
    std::uint64_t run_last_ = 0;
    // Level L's buckets are buckets_[L·kDigits ...], with a two-level bitmap of the non-empty
    // ones: bit d%64 of occupied_[L·kWords + d/64] for bucket d, and bit w of words_[L] when
    // occupied_[L·kWords + w] has any bit set.
    std::array<Bucket, kLevels * kDigits> buckets_;
    std::array<std::uint64_t, kLevels * kWords> occupied_{};
    std::array<std::uint16_t, kLevels> words_{};
    unsigned occupied_levels_ = 0;  // bit L: some bucket of level L is non-empty
};

}  // namespace sim::des
