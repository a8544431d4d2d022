// Independent processes do their periodic work at their own offset within the period; the offset
// comes from the component's own random stream, so it is stable per name and seed.
#pragma once

#include <string>

#include "sim/des/distributions.hpp"
#include "sim/des/simulation.hpp"

namespace caracal {

// The first tick of `component`'s loop: now + a uniform offset in (0, period].
inline sim::Time first_tick(sim::des::Simulation& sim, const std::string& component, sim::Duration period) {
    auto rng = sim.stream(component);
    return sim.now() + sim::Duration::millis(sim::des::uniform_int(rng, 1, period.ms()));
}

}  // namespace caracal
