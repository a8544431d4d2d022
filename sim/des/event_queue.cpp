#include "sim/des/event_queue.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/des/small_sort.hpp"

namespace sim::des {

namespace {
// Buckets up to this size are sorted into the run rather than spread over the level below.
// Up to eight keys the sort is a branch-free network; beyond, an insertion sort mispredicts
// about once per key where spreading mispredicts almost never, so only buckets this small are
// worth sorting (measured with cachegrind's branch simulation: sorting 125-key buckets cost ten
// times the mispredictions of spreading them; a limit of 8 instead of 16 cost more
// instructions and mispredictions on the hold model).
constexpr std::uint32_t kSortedRunMax = 16;
// Sparse buckets are gathered into one run until it holds this many entries: each event then
// costs a share of one bucket lookup instead of a whole one. Entries filed later inside the
// run's span are inserted into it, which is why the run is kept this short.
constexpr std::uint32_t kRunTarget = 32;

bool earlier_hi(const EventKey& a, const EventKey& b) { return a.hi < b.hi; }

std::uint64_t earliest_time(const KeyArray& keys) {
    std::uint64_t earliest = keys.front().time();
    for (const EventKey& key : keys) earliest = std::min(earliest, key.time());
    return earliest;
}

}  // namespace

void EventQueue::join_run(EventKey key) {
    if (key.time() < base_) throw std::logic_error("event queue: entry before the queue's base time");
    // Its sequence is the highest yet, so it goes after every entry of equal or lower (time,
    // priority); most often that is the end.
    if (run_head_ == run_.size() || !(key.hi < run_.back().hi)) {
        run_.push_back(key);
        return;
    }
    run_.insert(std::upper_bound(run_.begin() + run_head_, run_.end(), key, earlier_hi), key);
}

bool EventQueue::advance(std::uint64_t end) {
    if (occupied_levels_ == 0) return false;
    const auto level = static_cast<unsigned>(std::countr_zero(occupied_levels_));
    const std::size_t first = lowest_bucket(level);
    Bucket& bucket = buckets_[first];
    std::uint64_t earliest;
    if (level == 0) {
        // One instant, whose time differs from the base only in the lowest digit.
        earliest = (base_ & ~std::uint64_t{kDigits - 1}) | (first % kDigits);
    } else if (bucket.size() <= kSortedRunMax) {
        earliest = earliest_time(bucket);
    } else {
        earliest = earliest_time(bucket);
        if (earliest > end) return false;
        mark_empty(level, first % kDigits);
        spread(bucket, earliest);
        return true;
    }
    if (earliest > end) return false;
    base_ = earliest;
    run_head_ = 0;
    run_.clear();
    harvest(level, first);
    run_last_ = run_.back().time();
    return true;
}

void EventQueue::append_sorted(const Bucket& bucket) {
    // The bucket's own stretch of the run is sorted on its own: everything before it came from
    // earlier buckets.
    const std::uint32_t stretch = run_.size();
    run_.append(bucket.begin(), bucket.end());
    small_sort(run_.begin() + stretch, bucket.size());
}

void EventQueue::append_instant(Bucket& bucket) {
    // Entries reach a bucket in sequence order, so only mixed priorities need a (stable) sort.
    if (!std::is_sorted(bucket.begin(), bucket.end(), earlier_hi))
        std::stable_sort(bucket.begin(), bucket.end(), earlier_hi);
    if (run_.empty())
        run_.swap(bucket);  // the bucket keeps the old run's spare capacity
    else
        run_.append(bucket.begin(), bucket.end());
}

void EventQueue::harvest(unsigned level, std::size_t first) {
    // The buckets after `first` in its 64-bucket word are later than it, and any bucket outside
    // the word later still, so concatenating sorted buckets in bit order keeps the run sorted.
    const std::size_t word_index = first / 64;  // into occupied_, across levels
    std::uint64_t& word = occupied_[word_index];
    std::uint64_t pending = word;
    std::uint64_t taken = 0;
    do {
        const std::uint64_t bit = pending & -pending;
        Bucket& bucket = buckets_[word_index * 64 + static_cast<std::size_t>(std::countr_zero(pending))];
        if (bucket.size() == 1) {
            run_.push_back(bucket.front());
        } else if (level == 0) {
            append_instant(bucket);
        } else {
            if (bucket.size() > kSortedRunMax) break;  // spread when it comes up
            append_sorted(bucket);
        }
        bucket.clear();
        taken |= bit;
        pending ^= bit;
    } while (pending != 0 && run_.size() < kRunTarget);
    word &= ~taken;
    const std::size_t word_in_level = word_index % kWords;
    words_[level] &= ~(std::uint64_t{word == 0} << word_in_level);
    occupied_levels_ &= ~(unsigned{words_[level] == 0} << level);
}

void EventQueue::spread(Bucket& bucket, std::uint64_t earliest) {
    base_ = earliest;
    run_.clear();
    run_head_ = 0;
    run_last_ = earliest;
    // Every entry lies within this bucket's span, so it lands on a lower level or the run, never
    // back in this bucket.
    for (const EventKey& key : bucket) {
        if (key.time() == earliest)
            run_.push_back(key);
        else
            place(key);
    }
    bucket.clear();
    if (!std::is_sorted(run_.begin(), run_.end(), earlier_hi)) std::stable_sort(run_.begin(), run_.end(), earlier_hi);
}

void EventQueue::mark_empty(unsigned level, std::size_t digit) {
    // Branch-free: whether a word or a level empties is as good as random.
    std::uint64_t& word = occupied_[level * kWords + digit / 64];
    word &= ~(std::uint64_t{1} << (digit % 64));
    words_[level] &= ~(std::uint64_t{word == 0} << (digit / 64));
    occupied_levels_ &= ~(unsigned{words_[level] == 0} << level);
}

}  // namespace sim::des
