// The routine disturbances of a baseline run (issue 19): rolling deploys, evictions, node drains,
// datastore failovers, network blips, slow queries, process pauses and traffic surges, each kind
// arriving as a Poisson process at its profile rate (`disturbances.<kind>.per_week`) and lasting a
// uniform draw between its profile bounds. Each is a fault step of an existing primitive, so a
// disturbance is a short, mild fault acting through the same mechanism as a drill's.
#pragma once

#include <vector>

#include "models/platform/profile.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/des/rng_stream.hpp"

namespace caracal {

// The disturbances over [0, span) after injection, in order of their start. Deterministic in the
// stream's seed: the same profile, span and stream give the same steps.
std::vector<FaultStep> draw_routine_disturbances(const Profile& profile, Duration span, sim::des::RngStream& rng);

}  // namespace caracal
