#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "models/platform/circuit_breaker.hpp"

using namespace caracal;
using State = CircuitBreaker::State;
using Transition = CircuitBreaker::Transition;

namespace {

Time at_s(std::int64_t s) { return Time::epoch() + Duration::seconds(s); }

CircuitBreaker breaker(int threshold = 3, int half_open_calls = 1) {
    return CircuitBreaker({threshold, Duration::seconds(30), half_open_calls});
}

}  // namespace

TEST_CASE("the breaker opens after failure_threshold consecutive failures and a success resets the run") {
    CircuitBreaker b = breaker(3);
    b.on_failure(at_s(1));
    b.on_failure(at_s(2));
    b.on_success(at_s(3));
    b.on_failure(at_s(4));
    b.on_failure(at_s(5));
    CHECK(b.state(at_s(5)) == State::Closed);
    CHECK(b.allow(at_s(5)));
    b.on_failure(at_s(6));
    CHECK(b.state(at_s(6)) == State::Open);
    CHECK_FALSE(b.allow(at_s(7)));
    CHECK(b.rejected() == 1);
    CHECK(b.opens() == 1);
    CHECK(b.transitions(at_s(7)) == std::vector<Transition>{{at_s(6), State::Closed, State::Open}});
}

TEST_CASE("an open breaker half-opens exactly open_duration after opening, logged at that instant") {
    CircuitBreaker b = breaker(1);
    b.on_failure(at_s(10));
    CHECK(b.state(at_s(40) - Duration::millis(1)) == State::Open);
    CHECK(b.state(at_s(40)) == State::HalfOpen);
    CHECK(b.transitions(at_s(40) - Duration::millis(1)).size() == 1);
    // Looked at later, the transition still carries its true time.
    CHECK(b.transitions(at_s(55)).back() == Transition{at_s(40), State::Open, State::HalfOpen});
    // A trial admitted late does not move it either.
    CHECK(b.allow(at_s(55)));
    CHECK(b.transitions(at_s(55)).back() == Transition{at_s(40), State::Open, State::HalfOpen});
    CHECK(b.transitions(at_s(55)).size() == 2);
}

TEST_CASE("a half-open breaker admits half_open_max_calls trials and closes on a successful one") {
    CircuitBreaker b = breaker(1, 2);
    b.on_failure(at_s(0));
    CHECK(b.allow(at_s(30)));
    CHECK(b.allow(at_s(30)));
    CHECK_FALSE(b.allow(at_s(31)));
    b.on_success(at_s(32));
    CHECK(b.state(at_s(32)) == State::Closed);
    CHECK(b.allow(at_s(32)));
    CHECK(b.transitions(at_s(32)).back() == Transition{at_s(32), State::HalfOpen, State::Closed});
}

TEST_CASE("a failed trial re-opens the breaker for a fresh open_duration") {
    CircuitBreaker b = breaker(1);
    b.on_failure(at_s(0));
    CHECK(b.allow(at_s(30)));
    b.on_failure(at_s(31));
    CHECK(b.opens() == 2);
    CHECK(b.state(at_s(60)) == State::Open);  // the first open period would have ended at 60
    CHECK(b.state(at_s(61)) == State::HalfOpen);
    CHECK(b.transitions(at_s(61)) == std::vector<Transition>{{at_s(0), State::Closed, State::Open},
                                                           {at_s(30), State::Open, State::HalfOpen},
                                                           {at_s(31), State::HalfOpen, State::Open},
                                                           {at_s(61), State::Open, State::HalfOpen}});
}

TEST_CASE("results of calls that land while the breaker is open change nothing") {
    CircuitBreaker b = breaker(1);
    b.on_failure(at_s(0));
    b.on_success(at_s(5));
    b.on_failure(at_s(6));
    CHECK(b.state(at_s(29)) == State::Open);
    CHECK(b.opens() == 1);
    CHECK(b.transitions(at_s(29)).size() == 1);
}

TEST_CASE("breaker settings below their minimum are rejected") {
    CHECK_THROWS_AS(CircuitBreaker({0, Duration::seconds(1), 1}), std::invalid_argument);
    CHECK_THROWS_AS(CircuitBreaker({1, Duration{}, 1}), std::invalid_argument);
    CHECK_THROWS_AS(CircuitBreaker({1, Duration::seconds(1), 0}), std::invalid_argument);
    CHECK(to_string(State::HalfOpen) == "half-open");
}
