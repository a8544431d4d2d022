// The commands whose runs can be split into shards: the name a shard file carries, and the
// summary that turns the run's Results into its output. `merge` finishes a run with the summary
// its unsharded run uses, so the two print the same bytes.
#pragma once

#include <string>

#include "analysis/job.hpp"
#include "tools/catalog.hpp"
#include "tools/replication_flags.hpp"

namespace caracal::tools {

inline constexpr const char* kCheckCommand = "check";
inline constexpr const char* kCompareCommand = "compare";
inline constexpr const char* kSweepCommand = "sweep";
inline constexpr const char* kAdviseCommand = "advise";

// Throws sim::InputError naming the command when it is none of the above.
analysis::Summarise summary_of(const std::string& command);

// One of those commands run: its cases under the replication flags, ending in its summary (a whole
// run) or in a shard file (--shard K/N). Throws sim::InputError on a malformed --shard.
analysis::Summary run_shardable(const std::string& command, nlohmann::ordered_json header,
                                std::vector<std::string> input_files, std::vector<analysis::Case> cases,
                                const ReplicationFlags& replication, const SimulationFlags& simulation);

}  // namespace caracal::tools
