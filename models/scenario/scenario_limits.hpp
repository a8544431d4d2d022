// The stated limits of a scenario (issue 15): beyond them a file is refused with a positioned
// error instead of simulating for days, overflowing the kernel's clock or exhausting memory.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sim/base/time.hpp"

namespace caracal {

// The longest run the twin simulates (warmup + fault_duration + recovery, and any one fault
// step): five weeks hold the four-week routine baseline (issue 19) with room for warm-up and
// cover any drill many times over; beyond it a typo such as `2562047h` would simulate for days.
inline constexpr sim::Duration kMaxRunSpan = sim::Duration::hours(5 * 7 * 24);

// Real scenario files are a few KB with a handful of fault steps; these leave room for generated
// timelines while a 50 MB file or a million steps is refused at once.
inline constexpr std::uintmax_t kMaxScenarioBytes = 1u << 20;
inline constexpr std::size_t kMaxFaultSteps = 10'000;

}  // namespace caracal
