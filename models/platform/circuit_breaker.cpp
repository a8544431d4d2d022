#include "models/platform/circuit_breaker.hpp"

#include <stdexcept>

namespace caracal {

CircuitBreaker::CircuitBreaker(CircuitBreakerConfig config) : config_(config) {
    if (config_.failure_threshold < 1) throw std::invalid_argument("circuit breaker: failure_threshold must be at least 1");
    if (config_.half_open_max_calls < 1) throw std::invalid_argument("circuit breaker: half_open_max_calls must be at least 1");
    if (config_.open_duration <= Duration{}) throw std::invalid_argument("circuit breaker: open_duration must be positive");
}

std::optional<Time> CircuitBreaker::half_open_due() const {
    if (state_ != State::Open) return std::nullopt;
    return opened_at_ + config_.open_duration;
}

void CircuitBreaker::advance(Time now) {
    const std::optional<Time> due = half_open_due();
    if (due && now >= *due) {
        move_to(State::HalfOpen, *due);
        trial_calls_ = 0;
    }
}

void CircuitBreaker::move_to(State to, Time at) {
    transitions_.push_back(Transition{at, state_, to});
    state_ = to;
    if (to == State::Open) {
        opened_at_ = at;
        ++opens_;
    }
    if (to == State::Closed) consecutive_failures_ = 0;
}

bool CircuitBreaker::allow(Time now) {
    advance(now);
    const bool admitted = state_ == State::Closed ||
                          (state_ == State::HalfOpen && trial_calls_ < config_.half_open_max_calls);
    if (!admitted) {
        ++rejected_;
        return false;
    }
    if (state_ == State::HalfOpen) ++trial_calls_;
    return true;
}

void CircuitBreaker::on_success(Time now) {
    advance(now);
    if (state_ == State::HalfOpen)
        move_to(State::Closed, now);
    else if (state_ == State::Closed)
        consecutive_failures_ = 0;
}

void CircuitBreaker::on_failure(Time now) {
    advance(now);
    if (state_ == State::HalfOpen) {
        move_to(State::Open, now);
    } else if (state_ == State::Closed && ++consecutive_failures_ >= config_.failure_threshold) {
        move_to(State::Open, now);
    }
}

CircuitBreaker::State CircuitBreaker::state(Time now) const {
    const std::optional<Time> due = half_open_due();
    return due && now >= *due ? State::HalfOpen : state_;
}

std::vector<CircuitBreaker::Transition> CircuitBreaker::transitions(Time now) const {
    std::vector<Transition> out = transitions_;
    const std::optional<Time> due = half_open_due();
    if (due && now >= *due) out.push_back(Transition{*due, State::Open, State::HalfOpen});
    return out;
}

std::string_view to_string(CircuitBreaker::State state) {
    switch (state) {
        case CircuitBreaker::State::Closed: return "closed";
        case CircuitBreaker::State::Open: return "open";
        case CircuitBreaker::State::HalfOpen: return "half-open";
    }
    return "unknown";
}

}  // namespace caracal
