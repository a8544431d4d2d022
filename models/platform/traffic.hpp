// A Poisson arrival process whose rate wanders slowly around its base (traffic noise) and can be
// scaled by a load fault. Arrivals are drawn per second and spread uniformly within it, so counters
// move like real request counters while the event count stays proportional to the traffic.
#pragma once

#include <functional>

#include "sim/des/distributions.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

class Traffic {
public:
    Traffic(sim::des::Simulation& sim, sim::des::RngStream rng, double base_per_second, double noise,
            std::function<void()> on_arrival);

    void set_multiplier(double m) { multiplier_ = m; }
    double rate() const;  // arrivals per second now

private:
    void tick();

    sim::des::Simulation& sim_;
    sim::des::RngStream rng_;
    double base_;
    double noise_;
    double multiplier_ = 1;
    double walk_ = 0;  // AR(1) state: mean 0, variance 1, ~10 s memory
    int seconds_ = 0;
    std::function<void()> on_arrival_;
};

}  // namespace caracal
