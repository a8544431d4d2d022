#include <catch2/catch.hpp>

#include <array>
#include <memory>
#include <stdexcept>

#include "sim/des/event_fn.hpp"

using sim::des::EventFn;

TEST_CASE("an event callback keeps its captures alive across moves and releases them once") {
    auto token = std::make_shared<int>(0);
    {
        EventFn a([token] { ++*token; });
        CHECK(token.use_count() == 2);
        EventFn b(std::move(a));
        CHECK_FALSE(a);
        b();
        EventFn c;
        c = std::move(b);
        c();
        CHECK(*token == 2);
        CHECK(token.use_count() == 2);
    }
    CHECK(token.use_count() == 1);
}

TEST_CASE("a capture too large for the inline buffer still runs and is released") {
    auto token = std::make_shared<int>(0);
    std::array<std::int64_t, 32> big{};
    big[31] = 5;
    {
        EventFn a([token, big] { *token += static_cast<int>(big[31]); });
        EventFn b(std::move(a));
        b();
        CHECK(*token == 5);
        CHECK(token.use_count() == 2);
        b.reset();
        CHECK(token.use_count() == 1);
    }
    CHECK(token.use_count() == 1);
}

TEST_CASE("run_once runs the callback and then releases its captures, also when it throws") {
    auto token = std::make_shared<int>(0);
    EventFn fn([token] { ++*token; });
    fn.run_once();
    CHECK(*token == 1);
    CHECK_FALSE(fn);
    CHECK(token.use_count() == 1);

    std::array<std::int64_t, 32> big{};  // heap-held: its release is a delete
    EventFn throwing([token, big] {
        *token += 1 + static_cast<int>(big[0]);  // big[0] is 0; reading it keeps the capture (clang warns otherwise)
        throw std::runtime_error("callback failed");
    });
    CHECK(token.use_count() == 2);
    CHECK_THROWS_AS(throwing.run_once(), std::runtime_error);
    CHECK(*token == 2);
    CHECK_FALSE(throwing);
    CHECK(token.use_count() == 1);
}
