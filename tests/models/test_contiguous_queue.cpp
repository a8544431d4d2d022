#include <catch2/catch.hpp>

#include <vector>

#include "models/datastores/contiguous_queue.hpp"

using namespace caracal;

namespace {

std::vector<int> contents(const ContiguousQueue<int>& q) { return {q.begin(), q.end()}; }

}  // namespace

TEST_CASE("a contiguous queue keeps fifo order and indexes from the front across reclaimed prefixes") {
    ContiguousQueue<int> q;
    int next_in = 0;
    int next_out = 0;
    // Pushing two for every pop makes the popped prefix reach the live part again and again.
    for (int round = 0; round < 500; ++round) {
        q.push_back(next_in++);
        q.emplace_back(next_in++);
        REQUIRE(q.front() == next_out);
        q.pop_front();
        ++next_out;
        REQUIRE(q.size() == static_cast<std::size_t>(next_in - next_out));
        REQUIRE(q[q.size() - 1] == next_in - 1);
        REQUIRE(q.back() == next_in - 1);
    }
    q.pop_front(400);
    CHECK(q.front() == next_out + 400);
    CHECK(q[99] == next_in - 1);
}

TEST_CASE("a contiguous queue pops at both ends until empty and can be refilled") {
    ContiguousQueue<int> q;
    for (int i = 0; i < 5; ++i) q.push_back(i);
    q.pop_back();
    q.pop_front(2);
    CHECK(contents(q) == std::vector<int>{2, 3});
    q.pop_back();
    q.pop_front();
    CHECK(q.empty());
    q.push_back(7);
    CHECK(contents(q) == std::vector<int>{7});
}

TEST_CASE("erasing from a contiguous queue by predicate keeps the order of the rest") {
    ContiguousQueue<int> q;
    for (int i = 0; i < 100; ++i) q.push_back(i);
    q.pop_front(70);
    q.erase_if([](int v) { return v % 2 == 0; });
    CHECK(contents(q) == std::vector<int>{71, 73, 75, 77, 79, 81, 83, 85, 87, 89, 91, 93, 95, 97, 99});
    q.clear();
    CHECK(q.empty());
}
