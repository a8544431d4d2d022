#include "sim/des/event_queue.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim::des {

namespace {
// Buckets up to this size are sorted into the run rather than spread over the level below.
// Sorting random keys mispredicts about one branch per key, spreading almost none, so only
// buckets this small are worth sorting (measured with cachegrind's branch simulation: sorting
// 125-key buckets cost ten times the mispredictions of spreading them).
constexpr std::size_t kSortedRunMax = 16;

bool earlier_hi(const EventKey& a, const EventKey& b) { return a.hi < b.hi; }
bool earlier(const EventKey& a, const EventKey& b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }

// Sorts a sparse bucket (at most kSortedRunMax keys) by the whole key: insertion sort, which
// for a handful of keys beats std::sort's set-up.
void sort_keys(std::vector<EventKey>& keys) {
    for (std::size_t i = 1; i < keys.size(); ++i) {
        const EventKey key = keys[i];
        std::size_t j = i;
        for (; j > 0 && earlier(key, keys[j - 1]); --j) keys[j] = keys[j - 1];
        keys[j] = key;
    }
}
}  // namespace

void EventQueue::join_run(const EventKey& key) {
    if (key.time() < base_) throw std::logic_error("event queue: entry before the queue's base time");
    // Its sequence is the highest yet, so it goes after every entry of equal or lower (time,
    // priority); most often that is the end.
    if (run_head_ == run_.size() || !(key.hi < run_.back().hi)) {
        run_.push_back(key);
        return;
    }
    const auto pending = run_.begin() + static_cast<std::ptrdiff_t>(run_head_);
    run_.insert(std::upper_bound(pending, run_.end(), key, earlier_hi), key);
}

bool EventQueue::advance(std::uint64_t end) {
    if (occupied_levels_ == 0) return false;
    const auto level = static_cast<unsigned>(std::countr_zero(occupied_levels_));
    const std::size_t index = lowest_bucket(level);
    const std::size_t digit = index % kDigits;
    Bucket& bucket = buckets_[index];
    std::uint64_t earliest;
    if (level == 0) {
        // One instant, whose time differs from the base only in the lowest digit. Its entries
        // arrive in sequence order, so only mixed priorities need a (stable) sort.
        earliest = (base_ & ~std::uint64_t{kDigits - 1}) | digit;
        if (earliest > end) return false;
        if (bucket.size() > 1 && !std::is_sorted(bucket.begin(), bucket.end(), earlier_hi))
            std::stable_sort(bucket.begin(), bucket.end(), earlier_hi);
    } else if (bucket.size() <= kSortedRunMax) {
        // Sorting in place is harmless if the bucket then stays: it is in key order, and entries
        // appended later have higher sequences, which is all a later sort or spread relies on.
        sort_keys(bucket);
        earliest = bucket.front().time();
        if (earliest > end) return false;
    } else {
        earliest = bucket.front().time();
        for (const EventKey& key : bucket) earliest = std::min(earliest, key.time());
        if (earliest > end) return false;
        mark_empty(level, digit);
        spread(bucket, earliest);
        return true;
    }
    mark_empty(level, digit);
    base_ = earliest;
    run_.swap(bucket);  // the bucket keeps the old run's spare capacity
    bucket.clear();
    run_head_ = 0;
    run_last_ = run_.back().time();
    return true;
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
    words_[level] &= static_cast<std::uint16_t>(~(unsigned{word == 0} << (digit / 64)));
    occupied_levels_ &= ~(unsigned{words_[level] == 0} << level);
}

}  // namespace sim::des
