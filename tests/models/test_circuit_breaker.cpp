// Issue 14.3: the Gateway's STS circuit as Caracal 46a980b6c keeps it.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "models/platform/circuit_breaker.hpp"

using caracal::CircuitBreaker;
using sim::Duration;
using sim::Time;

namespace {
Time at_s(std::int64_t s) { return Time::epoch() + Duration::seconds(s); }
}  // namespace

// services/gateway/internal/proxy.go:34-37,402-433@46a980b6c
TEST_CASE("issue 14.3: the Gateway STS circuit opens on the 3rd qualifying failure, re-opens on every later one, and only a success resets it") {
    CircuitBreaker b({3, Duration::seconds(10)});
    b.on_failure(at_s(0));
    b.on_failure(at_s(1));
    CHECK_FALSE(b.check(at_s(2)));
    b.on_failure(at_s(2));
    CHECK(b.check(at_s(3)));
    CHECK(b.opened() == 1);
    // Half-open lets every request through, and the count was not reset: one failure re-opens.
    CHECK_FALSE(b.check(at_s(12)));
    CHECK_FALSE(b.check(at_s(12)));
    b.on_failure(at_s(13));
    CHECK(b.check(at_s(22)));
    CHECK(b.opened() == 2);
    b.on_success();
    CHECK(b.gauge() == 0);
    CHECK_FALSE(b.check(at_s(22)));
    b.on_failure(at_s(23));
    CHECK_FALSE(b.check(at_s(23)));  // counting from 0 again
    CHECK_THROWS_AS(CircuitBreaker({0, Duration::seconds(1)}), std::invalid_argument);
    CHECK_THROWS_AS(CircuitBreaker({1, Duration{}}), std::invalid_argument);
}

// proxy.go:402-411@46a980b6c: only the request path writes the gauge.
TEST_CASE("issue 14.3: the circuit gauge is written only by check, failures and successes, never by the clock") {
    CircuitBreaker b({3, Duration::seconds(10)});
    for (int i = 0; i < 3; ++i) b.on_failure(at_s(i));
    CHECK(b.gauge() == 1);
    CHECK_FALSE(b.open_at(at_s(600)));
    CHECK(b.gauge() == 1);  // no request: still 1 long after the window ended
    CHECK_FALSE(b.check(at_s(600)));
    CHECK(b.gauge() == 0);  // the first request after it writes 0
}
