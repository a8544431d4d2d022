// The kernel's pending-event queue: a radix heap on event time with 2048-way digits (in effect a
// hierarchical timing wheel whose base is the current instant), ordered by (time, priority,
// insertion sequence) so that events at the same instant run in a fixed, reproducible order.
//
// Why not a binary or 4-ary heap: every event would pay log(N) dependent compares and cache
// misses. Here an event is filed by the highest 11-bit digit in which its time differs from the
// base, without comparing it to other events, and moves down at most one level per digit.
//
// Why 11-bit digits: level 0 spans 2 s of 1-ms buckets and level 1 70 min of 2-s buckets, so
// nearly every model delay (and every hold-model increment of the benchmark) is filed once, at
// level 0 or 1, and not redistributed; with 10-bit digits, delays beyond 17 min were filed
// twice. 12-bit digits would double the buckets a sparse stretch spreads over, and the keys a
// bucket holds and must sort. The next bucket is found with two count-trailing-zeros on a
// two-level bitmap (32 words of 64 buckets per level).
//
// The run: when the lowest bucket comes up it becomes the run, a sorted array popped from the
// front, together with the next non-empty buckets of the same 64-bucket bitmap word while the
// run is short (they are later, so concatenation keeps it sorted): with sparse buckets one
// lookup then serves many events. A level-0 bucket is one instant. A higher bucket that holds a
// handful of entries is sorted instead of being spread over the level below: spreading files
// every entry once more and then pays one bucket lookup per distinct instant, which for sparse
// buckets (the hold model, most model delays) costs more than sorting a few keys (a branch-free
// sorting network, see small_sort.hpp).
// A bucket holding more is still spread: sorting many keys mispredicts branches, spreading does
// not. An entry due no later than the run's last entry joins the run, so everything filed in the
// buckets stays later than the whole run.
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

#include "sim/des/key_array.hpp"

namespace sim::des {

class EventQueue {
public:
    // Entries held, including cancelled ones not reached yet.
    bool empty() const { return size_ == 0; }

    // Precondition: key.time() >= base(); the kernel never schedules before its clock, and the
    // base never passes the clock (see next()).
    void push(EventKey key) {
        ++size_;
        if (key.time() <= run_last_)
            join_run(key);
        else
            place(key);
    }
    // push() without its rare cases: does nothing and returns false when the entry would join the
    // run or its bucket would have to grow. Free of calls, so that the kernel's inlined filing
    // path leaves those cases through a tail call and saves no registers on the common one.
    bool try_push(EventKey key) {
        if (key.time() <= run_last_) return false;
        const Position at = position_of(key.time());
        Bucket& bucket = buckets_[at.bucket];
        if (bucket.full()) return false;
        ++size_;
        bucket.push_back(key);
        mark_occupied(at);
        return true;
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
    // The entry after the one next() returned if it is in the run already, else null. Lets the
    // kernel prefetch the callback it will run next, which with many pending events is a cache
    // miss otherwise. (The run usually holds several entries, so the run alone is enough.)
    const EventKey* following() const { return run_head_ + 1 < run_.size() ? &run_[run_head_ + 1] : nullptr; }

    // The earliest time an entry can still have.
    std::uint64_t base() const { return base_; }

private:
    static constexpr int kDigitBits = 11;
    static constexpr std::size_t kDigits = std::size_t{1} << kDigitBits;
    static constexpr int kLevels = (48 + kDigitBits - 1) / kDigitBits;  // covers the 48-bit time
    static constexpr std::size_t kWords = kDigits / 64;
    static_assert(kWords <= 64, "a level's word bitmap is one 64-bit word");

    using Bucket = KeyArray;

    // Where an entry due at t (> run_last_ >= base_) is filed: under the highest digit in which
    // t differs from base_.
    struct Position {
        unsigned level;
        std::size_t bucket;  // index in buckets_: level · kDigits + digit
    };
    Position position_of(std::uint64_t t) const {
        const auto level = static_cast<unsigned>(63 - std::countl_zero(t ^ base_)) / kDigitBits;
        return {level, level * kDigits + ((t >> (level * kDigitBits)) & (kDigits - 1))};
    }
    // Sets the bitmap bits of a bucket that has just received an entry.
    void mark_occupied(Position at) {
        occupied_[at.bucket / 64] |= std::uint64_t{1} << (at.bucket % 64);
        words_[at.level] |= std::uint64_t{1} << (at.bucket % kDigits / 64);
        occupied_levels_ |= 1u << at.level;
    }
    // Files `key` (time > run_last_ >= base_) in its bucket. Inline: it runs for nearly every event.
    void place(EventKey key) {
        const Position at = position_of(key.time());
        buckets_[at.bucket].push_back(key);
        mark_occupied(at);
    }
    // Adds an entry due within the run (or at the base time once the run is exhausted), keeping
    // the run sorted.
    void join_run(EventKey key);
    // Makes the next bucket the run, spreading large buckets over lower levels on the way; false
    // if no entry is due by `end` (the base then stays at or before `end`).
    bool advance(std::uint64_t end);
    // Makes the level's bucket `first` (an index in buckets_ of the bucket holding the earliest
    // entries) the run, followed by the next non-empty sparse buckets of its bitmap word while
    // the run is short.
    void harvest(unsigned level, std::size_t first);
    // Appends a sparse bucket's entries (all later than the run's) to the run in key order.
    // Inline: harvest runs it once per bucket.
    inline void append_sorted(const Bucket& bucket);
    // Appends a level-0 bucket (one instant, possibly crowded) to the run; leaves the bucket in
    // an unspecified state. Out of line: it keeps harvest's loop small.
    [[gnu::noinline]] void append_instant(Bucket& bucket);
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
    KeyArray run_;
    std::uint32_t run_head_ = 0;
    std::uint64_t run_last_ = 0;
    // Level L's buckets are buckets_[L·kDigits ...], with a two-level bitmap of the non-empty
    // ones: bit d%64 of occupied_[L·kWords + d/64] for bucket d, and bit w of words_[L] when
    // occupied_[L·kWords + w] has any bit set.
    std::array<Bucket, kLevels * kDigits> buckets_;
    std::array<std::uint64_t, kLevels * kWords> occupied_{};
    std::array<std::uint64_t, kLevels> words_{};
    unsigned occupied_levels_ = 0;  // bit L: some bucket of level L is non-empty
};

}  // namespace sim::des
