#include "models/platform/traffic.hpp"

#include <algorithm>
#include <cmath>

namespace caracal {

namespace {
constexpr sim::Duration kTick = sim::Duration::seconds(1);
constexpr int kWalkStepSeconds = 10;
constexpr double kWalkKeep = 0.9;  // correlation between successive 10 s steps
}  // namespace

Traffic::Traffic(sim::des::Simulation& sim, sim::des::RngStream rng, double base_per_second, double noise,
                 std::function<void()> on_arrival)
    : sim_(sim), rng_(rng), base_(base_per_second), noise_(noise), on_arrival_(std::move(on_arrival)) {
    sim.every(kTick, sim.now(), [this] { tick(); });
}

double Traffic::rate() const { return base_ * multiplier_ * std::max(0.0, 1.0 + noise_ * walk_); }

void Traffic::tick() {
    if (seconds_++ % kWalkStepSeconds == 0)
        walk_ = kWalkKeep * walk_ + std::sqrt(1 - kWalkKeep * kWalkKeep) * sim::des::normal(rng_, 0, 1);
    const auto n = sim::des::poisson(rng_, rate() * kTick.secs());
    for (std::int64_t i = 0; i < n; ++i) {
        const auto offset = sim::Duration::millis(sim::des::uniform_int(rng_, 0, kTick.ms() - 1));
        sim_.schedule_after(offset, [this] { on_arrival_(); });
    }
}

}  // namespace caracal
