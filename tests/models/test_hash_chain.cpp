#include <catch2/catch.hpp>

#include <random>
#include <stdexcept>
#include <vector>

#include "models/datastores/hash_chain.hpp"

using namespace caracal;
using Kind = ChainViolation::Kind;

namespace {

HashChain chain_of(int rows) {
    HashChain chain(0x5eed);
    for (int i = 1; i <= rows; ++i) chain.append(1000 + static_cast<std::uint64_t>(i));
    return chain;
}

}  // namespace

TEST_CASE("appended rows link to their predecessor and an untouched chain verifies clean") {
    const HashChain chain = chain_of(5);
    CHECK(chain.last_seq() == 5);
    REQUIRE(chain.row(1) != nullptr);
    CHECK(chain.row(1)->prev_content_sha256 == 0);
    CHECK(chain.row(3)->prev_content_sha256 == chain.row(2)->content_sha256);
    CHECK(chain.row(3)->chain_hmac != chain.row(2)->chain_hmac);
    CHECK(chain.verify().empty());
}

TEST_CASE("the chain HMAC depends on the key") {
    HashChain a(1);
    HashChain b(2);
    a.append(42);
    b.append(42);
    CHECK(a.row(1)->content_sha256 == b.row(1)->content_sha256);
    CHECK(a.row(1)->chain_hmac != b.row(1)->chain_hmac);
}

TEST_CASE("content modified out of band is reported as a content mismatch at that row only") {
    HashChain chain = chain_of(5);
    chain.tamper(3, 777);
    CHECK(chain.row(3)->content == 777);
    CHECK(chain.verify() == std::vector<ChainViolation>{{3, Kind::ContentMismatch}});
}

TEST_CASE("a deleted row is reported missing and the next row no longer links") {
    HashChain chain = chain_of(5);
    chain.remove(3);
    CHECK(chain.row(3) == nullptr);
    CHECK(chain.verify() == std::vector<ChainViolation>{{3, Kind::MissingRow}, {4, Kind::BrokenLink}, {4, Kind::BadHmac}});
}

TEST_CASE("deleting the newest row is detected and the next append links to the newest remaining row") {
    HashChain chain = chain_of(4);
    chain.remove(4);
    CHECK(chain.verify() == std::vector<ChainViolation>{{4, Kind::MissingRow}});
    CHECK(chain.append(5000) == 5);
    CHECK(chain.row(5)->prev_content_sha256 == chain.row(3)->content_sha256);
    CHECK(chain.verify() == std::vector<ChainViolation>{{4, Kind::MissingRow}});
}

TEST_CASE("incremental verification checks only rows from the given seq, anchored on the row before") {
    HashChain chain = chain_of(8);
    chain.tamper(3, 1);
    CHECK(chain.verify(5).empty());
    chain.tamper(6, 1);
    CHECK(chain.verify(5) == std::vector<ChainViolation>{{6, Kind::ContentMismatch}});
    CHECK(chain.verify(1).size() == 2);
    CHECK(chain.verify(9).empty());
}

TEST_CASE("tampering with or deleting a row that does not exist is rejected") {
    HashChain chain = chain_of(2);
    CHECK_THROWS_AS(chain.tamper(3, 1), std::out_of_range);
    CHECK_THROWS_AS(chain.tamper(0, 1), std::out_of_range);
    chain.remove(1);
    CHECK_THROWS_AS(chain.remove(1), std::out_of_range);
    CHECK(to_string(Kind::MissingRow) == "missing_row");
}

TEST_CASE("the incremental violations equal a full verify after any mix of appends, tampering and deletions") {
    std::mt19937_64 draw(11);
    for (int trial = 0; trial < 50; ++trial) {
        HashChain chain(trial);
        for (int step = 0; step < 60; ++step) {
            const auto choice = draw() % 6;
            const ChainSeq seq = chain.last_seq() ? 1 + draw() % chain.last_seq() : 0;
            if (choice == 0 && seq && chain.row(seq)) chain.tamper(seq, draw());
            else if (choice == 1 && seq && chain.row(seq)) chain.remove(seq);
            else if (choice == 2 && seq && chain.row(seq)) chain.tamper(seq, chain.row(seq)->content);  // restored
            else chain.append(draw());
            REQUIRE(chain.violations() == chain.verify());
        }
    }
}
