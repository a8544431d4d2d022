// A FIFO queue in one vector: pop_front advances a head index, and the popped prefix is given back
// once it is at least as long as what is left (so each element moves at most once, amortized) or
// at once when the queue runs empty. Unlike std::deque it allocates only when it outgrows its
// largest size so far and keeps its elements contiguous, so indexing is plain arithmetic and the
// iterators are pointers. The stream, PEL and audit queues it backs are on the path of every audit
// event.
//
// References and iterators stay valid until the next push_back, emplace_back, pop_front or
// erase_if (unlike std::deque, popping the front may move the rest).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace caracal {

template <class T>
class ContiguousQueue {
public:
    bool empty() const { return head_ == items_.size(); }
    std::size_t size() const { return items_.size() - head_; }

    T& operator[](std::size_t i) { return items_[head_ + i]; }
    const T& operator[](std::size_t i) const { return items_[head_ + i]; }
    T& front() { return items_[head_]; }
    const T& front() const { return items_[head_]; }
    T& back() { return items_.back(); }
    const T& back() const { return items_.back(); }
    T* begin() { return items_.data() + head_; }
    T* end() { return items_.data() + items_.size(); }
    const T* begin() const { return items_.data() + head_; }
    const T* end() const { return items_.data() + items_.size(); }

    void push_back(const T& item) { items_.push_back(item); }
    template <class... Args>
    T& emplace_back(Args&&... args) {
        return items_.emplace_back(std::forward<Args>(args)...);
    }
    void pop_back() {
        items_.pop_back();
        if (empty()) clear();
    }
    // Removes the first n elements (n <= size()).
    void pop_front(std::size_t n = 1) {
        head_ += n;
        if (empty())
            clear();
        else if (head_ >= kReclaimMinimum && head_ >= size())
            reclaim();
    }
    template <class Pred>
    void erase_if(Pred pred) {
        reclaim();
        std::erase_if(items_, pred);
    }
    void clear() {
        items_.clear();
        head_ = 0;
    }

private:
    // Below this many popped elements the prefix stays: moving a short tail on every pop would
    // cost more than the memory it frees.
    static constexpr std::size_t kReclaimMinimum = 64;

    void reclaim() {
        items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }

    std::vector<T> items_;
    std::size_t head_ = 0;  // items_[0, head_) were popped
};

}  // namespace caracal
