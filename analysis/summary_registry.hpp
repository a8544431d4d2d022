// How `caracal-twin merge` rebuilds any command's final output from shard files: each shardable
// command registers the function that turns its Results into its output, and uses that same
// function for an unsharded run, so a merge is byte-identical to one run.
#pragma once

#include <functional>
#include <string>

#include "analysis/results.hpp"

namespace caracal::analysis {

using Summary = std::function<CommandOutput(const Results& results)>;

// Call from a namespace-scope initializer in the command's file:
//   const bool summary_registered = register_summary("sweep", sweep_summary);
bool register_summary(const std::string& command, Summary summary);

// Throws sim::InputError when no command of that name registered a summary.
const Summary& find_summary(const std::string& command);

}  // namespace caracal::analysis
