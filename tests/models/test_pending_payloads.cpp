#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "models/datastores/pending_payloads.hpp"

using caracal::PendingPayloads;

TEST_CASE("pending payloads are found by entry id until erased, across skipped ids") {
    PendingPayloads p;
    p.insert(3, 30);
    p.insert(4, 40);
    p.insert(9, 90);  // 5..8 were trimmed before the group read them
    CHECK(p.size() == 3);
    CHECK(p.find(3) == 30u);
    CHECK(p.find(9) == 90u);
    CHECK_FALSE(p.find(5));
    CHECK_FALSE(p.find(2));
    CHECK_FALSE(p.find(10));

    p.erase(4);  // out of order: 3 is still held
    CHECK_FALSE(p.find(4));
    CHECK(p.find(3) == 30u);
    p.erase(3);
    p.erase(3);  // twice: no effect
    CHECK(p.size() == 1);
    CHECK(p.find(9) == 90u);
    p.erase(9);
    CHECK(p.size() == 0);
    p.insert(12, 0);  // a payload of 0 is a payload
    CHECK(p.find(12) == 0u);
}

TEST_CASE("a batch erase drops the held ids among its ids, in any order, and skips the others") {
    PendingPayloads p;
    for (caracal::EntryId id = 1; id <= 6; ++id) p.insert(id, id * 10);
    const std::vector<caracal::EntryId> batch{3, 1, 7, 2, 2};  // 7 was never held, 2 comes twice
    p.erase(batch);
    CHECK(p.size() == 3);
    CHECK_FALSE(p.find(1));
    CHECK_FALSE(p.find(3));
    CHECK(p.find(4) == 40u);
    p.erase(std::vector<caracal::EntryId>{6, 4, 5});
    CHECK(p.size() == 0);
    p.insert(8, 80);  // the window restarts at the next id inserted
    CHECK(p.find(8) == 80u);
    CHECK_FALSE(p.find(6));
}

TEST_CASE("pending payloads refuse an entry id not above every earlier one") {
    PendingPayloads p;
    p.insert(5, 1);
    p.erase(5);
    CHECK_THROWS_AS(p.insert(5, 2), std::logic_error);
    CHECK_THROWS_AS(p.insert(4, 2), std::logic_error);
}
