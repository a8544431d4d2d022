// Simulated time paced by the wall clock: the simulation's start is pinned to one Unix instant and
// both advance together from there. The request instants of a live twin come from here; nothing
// else in the simulation does, so its draws stay those of `run` with the same seed.
#pragma once

#include <cstdint>

#include "sim/base/time.hpp"

namespace caracal::live {

class WallClock {
public:
    // `origin_unix_ms`: the Unix instant that is simulated time `sim_start`.
    WallClock(sim::Time sim_start, std::int64_t origin_unix_ms) : sim_start_(sim_start), origin_(origin_unix_ms) {}

    // The origin for a session starting now: the current Unix time rounded down to a multiple of
    // `align`, so the Unix phases of Prometheus' ticks (k·interval + offset) equal the simulation's.
    static std::int64_t aligned_origin(sim::Duration align);
    static std::int64_t now_unix_ms();

    sim::Time to_sim(std::int64_t unix_ms) const { return sim_start_ + sim::Duration::millis(unix_ms - origin_); }
    std::int64_t to_unix_ms(sim::Time t) const { return origin_ + (t - sim_start_).ms(); }
    sim::Time now() const { return to_sim(now_unix_ms()); }

private:
    sim::Time sim_start_;
    std::int64_t origin_;
};

}  // namespace caracal::live
