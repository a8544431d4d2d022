// The Gateway's circuit around its STS exchange, as Caracal 46a980b6c keeps it
// (services/gateway/internal/proxy.go:34-37,402-433@46a980b6c): a failure count and an
// "open until" instant, nothing more.
//
// - A qualifying failure (the caller decides: STSUnavailable with status >= 500) adds one to the
//   count; once the count is at the limit, that failure and every later one opens the circuit for
//   `open_for` from that instant (a re-open), until a success.
// - Only a success resets the count and closes the circuit.
// - There is no half-open gate: once `open_for` has passed, every request goes through, and the
//   first qualifying failure re-opens it.
// - The exported gauge is whatever the request path last wrote: check() writes 1 while open and 0
//   once the window has passed; failures that open write 1; successes write 0. Nothing writes it
//   while no request arrives, so it freezes at its last value when traffic stops.
#pragma once

#include <cstdint>

#include "sim/base/time.hpp"

namespace caracal {

using sim::Duration;
using sim::Time;

struct CircuitBreakerConfig {
    int failure_limit = 3;
    Duration open_for = Duration::seconds(10);
};

class CircuitBreaker {
public:
    // Throws std::invalid_argument on a limit below 1 or a non-positive open time.
    explicit CircuitBreaker(CircuitBreakerConfig config);

    // The request path's check before an exchange: true while open (the request fails fast).
    bool check(Time now);
    void on_success();
    void on_failure(Time now);

    // Open at `now`, from the clock (for inspection; not what the gauge shows).
    bool open_at(Time now) const { return now < open_until_; }
    // caracal_gateway_sts_circuit_open: the value last written on the request path.
    double gauge() const { return gauge_; }
    // caracal_gateway_sts_circuit_opened_total: opens and re-opens.
    std::uint64_t opened() const { return opened_; }
    int failures() const { return failures_; }

private:
    CircuitBreakerConfig config_;
    int failures_ = 0;
    Time open_until_;  // the epoch when never opened
    double gauge_ = 0;
    std::uint64_t opened_ = 0;
};

}  // namespace caracal
