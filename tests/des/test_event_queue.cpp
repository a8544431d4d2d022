#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

#include "sim/des/event_queue.hpp"
#include "sim/des/rng_stream.hpp"

using sim::des::EventKey;
using sim::des::EventQueue;
using sim::des::RngStream;

namespace {

// The reference: a textbook binary heap of (hi, lo), which is (time, priority, sequence) order.
using Reference = std::priority_queue<std::pair<std::uint64_t, std::uint64_t>,
                                      std::vector<std::pair<std::uint64_t, std::uint64_t>>, std::greater<>>;

// Drives an EventQueue and the reference with the same random operations, the way the kernel
// does: entries at or after the clock, runs up to a window end, new entries while running
// (also at the running instant, with any priority), and the clock moved to the window end.
class Differential {
public:
    explicit Differential(std::uint64_t seed) : rng_(seed, "event-queue") {}

    void push(std::uint64_t time) {
        const std::uint64_t priority = 32768 + (rng_.next_u64() % 3) - 1;  // three close priorities: ties
        const EventKey key{seq_++ << 24, time << EventKey::kTimeShift | priority};
        queue_.push(key);
        reference_.push({key.hi, key.lo});
    }

    // A delay from every scale the queue distinguishes: the same instant, the next few
    // milliseconds, seconds, hours and years.
    std::uint64_t delay() {
        switch (rng_.next_u64() % 6) {
            case 0: return 0;
            case 1: return rng_.next_u64() % 4;
            case 2: return rng_.next_u64() % 2'000;
            case 3: return rng_.next_u64() % 3'000'000;
            case 4: return rng_.next_u64() % (std::uint64_t{1} << 36);
            default: return (rng_.next_u64() % 7) * 1'000;  // periodic-looking ticks that coincide
        }
    }

    // Runs every entry due by now + window; false at the first disagreement.
    bool run_window() {
        const std::uint64_t end = now_ + delay();
        for (;;) {
            const EventKey* top = queue_.next(end);
            const bool reference_due = !reference_.empty() && (reference_.top().first >> EventKey::kTimeShift) <= end;
            if ((top != nullptr) != reference_due) return false;
            if (top == nullptr) break;
            if (top->hi != reference_.top().first || top->lo != reference_.top().second) return false;
            const std::uint64_t running = top->time();
            queue_.pop();
            reference_.pop();
            ++popped_;
            const std::uint64_t children = rng_.next_u64() % 3;
            for (std::uint64_t i = 0; i < children && seq_ < kEntries; ++i) push(running + delay());
        }
        now_ = end;
        return queue_.empty() == reference_.empty();
    }

    void seed_entries(int n) {
        for (int i = 0; i < n; ++i) push(now_ + delay());
    }
    void push_at_clock() {
        if (seq_ < kEntries) push(now_ + delay());
    }
    bool done() const { return reference_.empty(); }
    std::uint64_t popped() const { return popped_; }

    static constexpr std::uint64_t kEntries = 200'000;

private:
    RngStream rng_;
    EventQueue queue_;
    Reference reference_;
    std::uint64_t seq_ = 1;
    std::uint64_t now_ = 0;
    std::uint64_t popped_ = 0;
};

}  // namespace

TEST_CASE("the event queue pops in (time, priority, sequence) order across every delay scale") {
    for (const std::uint64_t seed : {1, 2, 3}) {
        Differential d(seed);
        d.seed_entries(500);
        bool agreed = true;
        while (agreed && !d.done()) {
            agreed = d.run_window();
            d.push_at_clock();  // scheduled between windows, like a model between run_until calls
        }
        CHECK(agreed);
        CHECK(d.popped() > 100'000);
    }
}

TEST_CASE("the event queue holds back entries after the window end and keeps them") {
    EventQueue queue;
    queue.push(EventKey{1 << 24, std::uint64_t{5'000} << EventKey::kTimeShift});
    CHECK(queue.next(4'999) == nullptr);
    CHECK(queue.base() <= 4'999);
    // Still accepted at the clock after the window, before the held-back entry.
    queue.push(EventKey{2 << 24, std::uint64_t{4'999} << EventKey::kTimeShift});
    REQUIRE(queue.next(10'000) != nullptr);
    CHECK(queue.next(10'000)->time() == 4'999);
    queue.pop();
    REQUIRE(queue.next(10'000) != nullptr);
    CHECK(queue.next(10'000)->time() == 5'000);
    queue.pop();
    CHECK(queue.empty());
}

TEST_CASE("an entry at the running instant with a lower priority value comes before its peers") {
    EventQueue queue;
    const std::uint64_t t = std::uint64_t{70'000} << EventKey::kTimeShift;
    queue.push(EventKey{1 << 24, t | 5});
    queue.push(EventKey{2 << 24, t | 5});
    queue.push(EventKey{3 << 24, t | 5});
    REQUIRE(queue.next(70'000) != nullptr);
    queue.pop();  // sequence 1 runs and schedules two more at its own instant
    queue.push(EventKey{4 << 24, t | 1});
    queue.push(EventKey{5 << 24, t | 5});
    std::vector<std::uint64_t> order;
    while (const EventKey* top = queue.next(70'000)) {
        order.push_back(top->lo >> 24);
        queue.pop();
    }
    CHECK(order == std::vector<std::uint64_t>{4, 2, 3, 5});
}

namespace {

// The hold model on the queue and on the reference: `pending` entries, each pop pushing one at
// the popped time plus a uniform delay below `spread_ms`, with three close priorities. True if
// all `pops` agree.
bool hold_agrees(int pending, std::uint64_t spread_ms, int pops) {
    RngStream rng(5, "hold");
    EventQueue queue;
    Reference reference;
    std::uint64_t seq = 1;
    auto push = [&](std::uint64_t time) {
        const EventKey key{seq++ << 24, time << EventKey::kTimeShift | (32767 + rng.next_u64() % 3)};
        queue.push(key);
        reference.push({key.hi, key.lo});
    };
    for (int i = 0; i < pending; ++i) push(rng.next_u64() % spread_ms);
    for (int i = 0; i < pops; ++i) {
        const EventKey* top = queue.next(~std::uint64_t{0} >> EventKey::kTimeShift);
        if (top == nullptr || top->hi != reference.top().first || top->lo != reference.top().second) return false;
        const std::uint64_t now = top->time();
        queue.pop();
        reference.pop();
        push(now + rng.next_u64() % spread_ms);
    }
    return true;
}

}  // namespace

TEST_CASE("the hold model pops in reference order over sparse, sorted and spread buckets") {
    // Sparse: a handful per bucket, sorted into runs that new entries join. Dense: hundreds per
    // 1 s bucket, more than are sorted whole, so buckets are spread a level down.
    CHECK(hold_agrees(200, std::uint64_t{1} << 20, 100'000));
    CHECK(hold_agrees(2'000, std::uint64_t{1} << 20, 100'000));
    CHECK(hold_agrees(2'000, std::uint64_t{1} << 17, 100'000));  // about the largest sorted size
    CHECK(hold_agrees(3'000, 4'096, 100'000));
}
