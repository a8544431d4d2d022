#include "models/platform/circuit_breaker.hpp"

#include <stdexcept>

namespace caracal {

CircuitBreaker::CircuitBreaker(CircuitBreakerConfig config) : config_(config) {
    if (config_.failure_limit < 1) throw std::invalid_argument("circuit breaker: failure_limit must be at least 1");
    if (config_.open_for <= Duration{}) throw std::invalid_argument("circuit breaker: open_for must be positive");
}

bool CircuitBreaker::check(Time now) {
    const bool open = open_at(now);
    gauge_ = open ? 1 : 0;
    return open;
}

void CircuitBreaker::on_success() {
    failures_ = 0;
    open_until_ = Time();
    gauge_ = 0;
}

void CircuitBreaker::on_failure(Time now) {
    if (++failures_ < config_.failure_limit) return;
    open_until_ = now + config_.open_for;
    gauge_ = 1;
    ++opened_;
}

}  // namespace caracal
