#include "sim/des/event_queue.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim::des {

namespace {
bool earlier_hi(const EventKey& a, const EventKey& b) { return a.hi < b.hi; }
}  // namespace

void EventQueue::join_instant(const EventKey& key) {
    if (key.time() < base_) throw std::logic_error("event queue: entry before the queue's base time");
    // Its sequence is the highest yet, so it goes after every entry of equal or lower priority;
    // in the common case of one priority that is the end.
    if (instant_.size() == instant_head_ || !(key.hi < instant_.back().hi)) {
        instant_.push_back(key);
        return;
    }
    const auto pending = instant_.begin() + static_cast<std::ptrdiff_t>(instant_head_);
    instant_.insert(std::upper_bound(pending, instant_.end(), key, earlier_hi), key);
}

bool EventQueue::refill(std::uint64_t end) {
    while (instant_head_ == instant_.size())
        if (!advance(end)) return false;
    return true;
}

const EventKey* EventQueue::following() const {
    if (instant_head_ + 1 < instant_.size()) return &instant_[instant_head_ + 1];
    if (!(occupied_levels_ & 1u)) return nullptr;
    return &levels_[0].buckets[lowest_digit(0)].front();
}

std::size_t EventQueue::lowest_digit(int level) const {
    const Level& l = levels_[level];
    const std::size_t w = static_cast<std::size_t>(std::countr_zero(l.words));
    return w * 64 + static_cast<std::size_t>(std::countr_zero(l.occupied[w]));
}

bool EventQueue::advance(std::uint64_t end) {
    if (occupied_levels_ == 0) return false;
    const int level = std::countr_zero(occupied_levels_);
    const std::size_t digit = lowest_digit(level);
    Bucket& bucket = levels_[level].buckets[digit];
    // The new base is the bucket's earliest time: its entries there become the instant at once,
    // so a sparse bucket (the usual case) is not filed a level lower first.
    std::uint64_t earliest = bucket.front().time();
    for (const EventKey& key : bucket) earliest = std::min(earliest, key.time());
    if (earliest > end) return false;

    base_ = earliest;
    instant_.clear();
    instant_head_ = 0;
    mark_empty(level, digit);
    if (level == 0) {
        instant_.swap(bucket);  // one instant, in sequence order; the bucket keeps the spare capacity
    } else {
        // Every entry lies within this bucket's span, so it lands on a lower level or the instant,
        // never back in this bucket.
        for (const EventKey& key : bucket) {
            if (key.time() == base_)
                instant_.push_back(key);
            else
                place(key);
        }
        bucket.clear();
    }
    if (!std::is_sorted(instant_.begin(), instant_.end(), earlier_hi))
        std::stable_sort(instant_.begin(), instant_.end(), earlier_hi);
    return true;
}

void EventQueue::mark_empty(int level, std::size_t digit) {
    Level& l = levels_[level];
    std::uint64_t& word = l.occupied[digit / 64];
    word &= ~(std::uint64_t{1} << (digit % 64));
    if (word == 0) l.words &= static_cast<std::uint16_t>(~(1u << (digit / 64)));
    if (l.words == 0) occupied_levels_ &= ~(1u << level);
}

}  // namespace sim::des
