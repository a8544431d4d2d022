// A growable array of event keys for the event queue's buckets and run. Unlike std::vector it
// keeps its growth out of line: appending is the queue's hottest operation, and a vector's
// inlined reallocation path costs the caller registers and stack spills on every append. It is
// also 16 bytes instead of 24, so more bucket headers share a cache line.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>

#include "sim/des/event_key.hpp"

namespace sim::des {

class KeyArray {
public:
    std::uint32_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    // The next push_back must grow the array.
    bool full() const { return size_ == capacity_; }
    EventKey* begin() { return keys_.get(); }
    EventKey* end() { return keys_.get() + size_; }
    const EventKey* begin() const { return keys_.get(); }
    const EventKey* end() const { return keys_.get() + size_; }
    EventKey& operator[](std::uint32_t i) { return keys_[i]; }
    const EventKey& operator[](std::uint32_t i) const { return keys_[i]; }
    const EventKey& front() const { return keys_[0]; }
    const EventKey& back() const { return keys_[size_ - 1]; }

    void push_back(EventKey key) {
        if (size_ == capacity_) [[unlikely]]
            grow(size_ + 1);
        keys_[size_++] = key;
    }
    // Inserts before `position` (a pointer into this array).
    void insert(EventKey* position, EventKey key) {
        const auto index = static_cast<std::uint32_t>(position - begin());
        push_back(key);
        std::rotate(begin() + index, end() - 1, end());
    }
    void append(const EventKey* first, const EventKey* last) {
        const auto count = static_cast<std::uint32_t>(last - first);
        if (size_ + count > capacity_) grow(size_ + count);
        std::copy(first, last, end());
        size_ += count;
    }
    // Keeps the capacity: a bucket refills to about the same size.
    void clear() { size_ = 0; }
    void swap(KeyArray& other) noexcept {
        std::swap(keys_, other.keys_);
        std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
    }

private:
    [[gnu::noinline]] void grow(std::uint32_t needed) {
        const std::uint32_t capacity = std::max({needed, 2 * capacity_, std::uint32_t{4}});
        auto keys = std::make_unique_for_overwrite<EventKey[]>(capacity);
        std::copy(begin(), end(), keys.get());
        keys_ = std::move(keys);
        capacity_ = capacity;
    }

    std::unique_ptr<EventKey[]> keys_;
    std::uint32_t size_ = 0;
    std::uint32_t capacity_ = 0;
};

}  // namespace sim::des
