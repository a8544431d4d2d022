// The commands whose runs can be split into shards: the name a shard file carries, and the
// summary that turns the run's Results into its output. `merge` finishes a run with the summary
// its unsharded run uses, so the two print the same bytes.
#pragma once

#include <string>

#include "analysis/job.hpp"

namespace caracal::tools {

inline constexpr const char* kCheckCommand = "check";
inline constexpr const char* kCompareCommand = "compare";
inline constexpr const char* kSweepCommand = "sweep";
inline constexpr const char* kAdviseCommand = "advise";

// Throws sim::InputError naming the command when it is none of the above.
analysis::Summarise summary_of(const std::string& command);

}  // namespace caracal::tools
