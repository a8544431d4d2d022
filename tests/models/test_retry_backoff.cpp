#include <catch2/catch.hpp>

#include <stdexcept>

#include "models/platform/retry_backoff.hpp"

using namespace caracal;
using sim::des::RngStream;

namespace {

BackoffConfig doubling(bool jitter) {
    BackoffConfig c;
    c.base = Duration::millis(500);
    c.cap = Duration::seconds(10);
    c.multiplier = 2;
    c.full_jitter = jitter;
    c.max_attempts = 5;
    return c;
}

}  // namespace

TEST_CASE("without jitter the delay grows by the multiplier per attempt until the cap") {
    RetryBackoff b(doubling(false), RngStream(1, "outbox"));
    CHECK(b.delay(1) == Duration::millis(500));
    CHECK(b.delay(2) == Duration::seconds(1));
    CHECK(b.delay(3) == Duration::seconds(2));
    CHECK(b.delay(5) == Duration::seconds(8));
    CHECK(b.delay(6) == Duration::seconds(10));
    CHECK(b.delay(1000) == Duration::seconds(10));
}

TEST_CASE("full jitter draws uniformly between zero and the capped delay, reproducibly per stream") {
    RetryBackoff a(doubling(true), RngStream(7, "outbox"));
    RetryBackoff same(doubling(true), RngStream(7, "outbox"));
    double sum = 0;
    constexpr int kDraws = 20'000;
    for (int i = 0; i < kDraws; ++i) {
        const Duration d = a.delay(3);
        CHECK(d == same.delay(3));
        REQUIRE(d >= Duration{});
        REQUIRE(d <= Duration::seconds(2));
        sum += static_cast<double>(d.ms());
    }
    CHECK(sum / kDraws == Approx(1000).epsilon(0.02));
}

TEST_CASE("a row is exhausted once it failed max_attempts times") {
    RetryBackoff b(doubling(false), RngStream(1, "outbox"));
    CHECK_FALSE(b.exhausted(4));
    CHECK(b.exhausted(5));
}

TEST_CASE("backoff settings out of range and attempt numbers below 1 are rejected") {
    RetryBackoff b(doubling(false), RngStream(1, "outbox"));
    CHECK_THROWS_AS(b.delay(0), std::invalid_argument);
    BackoffConfig c = doubling(false);
    c.cap = Duration::millis(100);
    CHECK_THROWS_AS(RetryBackoff(c, RngStream(1, "x")), std::invalid_argument);
    c = doubling(false);
    c.multiplier = 0.5;
    CHECK_THROWS_AS(RetryBackoff(c, RngStream(1, "x")), std::invalid_argument);
    c = doubling(false);
    c.base = Duration{};
    CHECK_THROWS_AS(RetryBackoff(c, RngStream(1, "x")), std::invalid_argument);
}
