// A circuit breaker (closed → open → half-open), as the Gateway keeps around its STS exchange and
// the STS around provider credential refresh.
//
// Trips on `failure_threshold` consecutive failures (not a failure ratio over a window: simpler,
// and what the common breaker libraries default to). The open → half-open step is computed from
// the clock rather than scheduled: state(now) is exact at any instant, so a gauge evaluated at
// scrape time shows exactly when the breaker stopped being open, and the breaker needs no
// Simulation. The log records that step with its true time (opened + open_duration).
//
// Results of calls admitted before the breaker opened may arrive while it is open: they are
// ignored. While half-open, any success closes and any failure re-opens for a fresh open_duration.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/base/time.hpp"

namespace caracal {

using sim::Duration;
using sim::Time;

struct CircuitBreakerConfig {
    int failure_threshold = 5;
    Duration open_duration = Duration::seconds(30);
    int half_open_max_calls = 1;
};

class CircuitBreaker {
public:
    enum class State { Closed, Open, HalfOpen };

    struct Transition {
        Time at;
        State from;
        State to;
        bool operator==(const Transition&) const = default;
    };

    // Throws std::invalid_argument on a threshold or call limit below 1 or a non-positive duration.
    explicit CircuitBreaker(CircuitBreakerConfig config);

    // May a call go out now? Closed: yes. Open: no. Half-open: yes for the first
    // half_open_max_calls calls since it half-opened. Refusals are counted.
    bool allow(Time now);
    void on_success(Time now);
    void on_failure(Time now);
    State state(Time now) const;

    std::uint64_t opens() const { return opens_; }
    std::uint64_t rejected() const { return rejected_; }
    // Every transition up to `now`, oldest first.
    std::vector<Transition> transitions(Time now) const;

private:
    // When an open breaker half-opens by itself, if it is open.
    std::optional<Time> half_open_due() const;
    // Records the half-open step if it is due by `now`.
    void advance(Time now);
    void move_to(State to, Time at);

    CircuitBreakerConfig config_;
    State state_ = State::Closed;
    int consecutive_failures_ = 0;
    int trial_calls_ = 0;
    Time opened_at_;
    std::uint64_t opens_ = 0;
    std::uint64_t rejected_ = 0;
    std::vector<Transition> transitions_;
};

std::string_view to_string(CircuitBreaker::State state);

}  // namespace caracal
