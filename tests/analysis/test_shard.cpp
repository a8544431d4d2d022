#include <catch2/catch.hpp>

#include "analysis/shard.hpp"
#include "sim/base/error.hpp"

using caracal::analysis::parse_shard;
using caracal::analysis::Shard;

TEST_CASE("shard K/N parses with K counted from 1") {
    const Shard s = parse_shard("2/5");
    CHECK(s.index == 2);
    CHECK(s.count == 5);
    CHECK(s.text() == "2/5");
    CHECK(parse_shard("1/1").whole());
}

TEST_CASE("malformed or out-of-range shards are refused with a message naming the flag") {
    for (const char* bad : {"0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "", "/2", "1/", "-1/2", " 1/2"}) {
        INFO(bad);
        try {
            parse_shard(bad);
            FAIL("accepted");
        } catch (const sim::InputError& e) {
            CHECK(std::string(e.what()).rfind("--shard: ", 0) == 0);
        }
    }
}

TEST_CASE("the shards of a run own every unit exactly once") {
    for (std::size_t n : {1u, 2u, 3u, 7u}) {
        for (std::size_t units : {0u, 1u, 5u, 40u}) {
            for (std::size_t u = 0; u < units; ++u) {
                int owners = 0;
                for (std::size_t k = 1; k <= n; ++k) owners += Shard{k, n}.owns(u) ? 1 : 0;
                INFO("unit " << u << " of " << units << ", N=" << n);
                CHECK(owners == 1);
            }
        }
    }
}
