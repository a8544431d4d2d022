#include "sim/des/event_queue.hpp"

namespace sim::des {

// Indices below are heap positions (root 0); `h` points at the root. Both directions move a
// "hole" instead of swapping, so each level costs one key copy.
void EventQueue::push(const EventKey& key) {
    heap_.push_back(key);
    sift_up(size() - 1, key);
}

void EventQueue::sift_up(std::size_t hole, const EventKey& key) {
    EventKey* h = heap_.data() + kPad;
    while (hole > 0) {
        const std::size_t parent = (hole - 1) / kArity;
        if (!key.before(h[parent])) break;
        h[hole] = h[parent];
        hole = parent;
    }
    h[hole] = key;
}

void EventQueue::pop() {
    const EventKey last = heap_.back();
    heap_.pop_back();
    if (!empty()) sift_down_from_root(last);
}

void EventQueue::replace_top(const EventKey& key) { sift_down_from_root(key); }

// Floyd's variant: walk the hole down to a leaf along the smallest children without comparing
// against `key` (that exit test is a coin flip for the branch predictor), then sift `key` up from
// there; keys placed at the root usually belong near the bottom, so the way back up is short.
void EventQueue::sift_down_from_root(const EventKey& key) {
    const std::size_t n = size();
    EventKey* h = heap_.data() + kPad;
    std::size_t hole = 0;
    for (;;) {
        const std::size_t first = hole * kArity + 1;
        std::size_t best = first;
        if (first + kArity <= n) {
            // The next level's candidates are the 16 keys (4 lines) under these four children:
            // fetch them while this level is compared.
            const std::size_t grandchildren = first * kArity + 1;
            if (grandchildren < n)
                for (std::size_t line = 0; line < kArity; ++line)
                    __builtin_prefetch(h + grandchildren + line * kArity);
            const std::size_t a = h[first + 1].before(h[first]) ? first + 1 : first;
            const std::size_t b = h[first + 3].before(h[first + 2]) ? first + 3 : first + 2;
            best = h[b].before(h[a]) ? b : a;
        } else {
            if (first >= n) break;
            for (std::size_t c = first + 1; c < n; ++c)
                if (h[c].before(h[best])) best = c;
        }
        h[hole] = h[best];
        hole = best;
    }
    sift_up(hole, key);
}

}  // namespace sim::des
