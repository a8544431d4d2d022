#include "models/platform/retry_backoff.hpp"

#include <cstdint>
#include <stdexcept>

#include "sim/des/distributions.hpp"

namespace caracal {

RetryBackoff::RetryBackoff(BackoffConfig config, sim::des::RngStream rng) : config_(config), rng_(rng) {
    if (config_.base <= Duration{}) throw std::invalid_argument("backoff: base must be positive");
    if (config_.cap < config_.base) throw std::invalid_argument("backoff: cap must be at least base");
    if (!(config_.multiplier >= 1.0)) throw std::invalid_argument("backoff: multiplier must be at least 1");
    if (config_.max_attempts < 1) throw std::invalid_argument("backoff: max_attempts must be at least 1");
}

Duration RetryBackoff::delay(int attempt) {
    if (attempt < 1) throw std::invalid_argument("backoff: attempts count from 1");
    // Repeated multiplication rather than std::pow: exact in IEEE arithmetic on every platform, and
    // it stops at the cap, so large attempt numbers cannot overflow.
    const double cap_ms = static_cast<double>(config_.cap.ms());
    double ms = static_cast<double>(config_.base.ms());
    for (int i = 1; i < attempt && ms < cap_ms; ++i) ms *= config_.multiplier;
    const auto capped = static_cast<std::int64_t>(ms < cap_ms ? ms : cap_ms);
    return Duration::millis(config_.full_jitter ? sim::des::uniform_int(rng_, 0, capped) : capped);
}

}  // namespace caracal
