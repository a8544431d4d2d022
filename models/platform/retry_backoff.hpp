// Exponential backoff with a cap and optional full jitter (AWS' "full jitter": uniform on
// [0, capped exponential]), as the API outbox dispatcher retries rows before declaring them dead.
#pragma once

#include "sim/base/time.hpp"
#include "sim/des/rng_stream.hpp"

namespace caracal {

using sim::Duration;

struct BackoffConfig {
    Duration base = Duration::seconds(1);
    Duration cap = Duration::minutes(5);
    double multiplier = 2.0;
    bool full_jitter = false;
    // A row (or call) is given up after this many failed attempts.
    int max_attempts = 10;
};

class RetryBackoff {
public:
    // `rng` is drawn from only with full_jitter. Throws std::invalid_argument on a non-positive
    // base, a cap below base, a multiplier below 1 or max_attempts below 1.
    RetryBackoff(BackoffConfig config, sim::des::RngStream rng);

    // The wait after failed attempt number `attempt` (1-based): min(cap, base·multiplier^(attempt−1)),
    // or uniform on [0, that] with full jitter, in whole milliseconds. attempt < 1 throws
    // std::invalid_argument.
    Duration delay(int attempt);
    // True once `failed_attempts` reached max_attempts: no retry follows.
    bool exhausted(int failed_attempts) const { return failed_attempts >= config_.max_attempts; }

private:
    BackoffConfig config_;
    sim::des::RngStream rng_;
};

}  // namespace caracal
