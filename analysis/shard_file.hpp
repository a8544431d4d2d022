// A shard's output file, and merging shard files back into a whole run's Results.
//
//   {"format": "caracal-twin-shard/1", "command": "check", "fingerprint": "<16 hex digits>",
//    "shard": {"index": 1, "count": 2}, "replications": 4, "master_seed": 1, "cases": 3,
//    "header": {...}, "outcomes": [{"unit": 0, "outcome": {...}}, ...]}
//
// The fingerprint hashes the command, its header, the plan and the bytes of its input files, so
// shards of different runs are refused rather than merged into a result no run would give.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/outcome.hpp"
#include "analysis/replication.hpp"
#include "analysis/results.hpp"
#include "analysis/shard.hpp"

namespace caracal::analysis {

struct ShardFile {
    std::string command;
    std::string fingerprint;
    Shard shard;
    ReplicationPlan plan;
    std::size_t cases = 0;
    nlohmann::ordered_json header;
    std::vector<std::pair<std::size_t, Outcome>> outcomes;  // this shard's units, ascending
};

// Throws sim::InputError when a file cannot be read.
std::string fingerprint(const std::string& command, const nlohmann::ordered_json& header, const ReplicationPlan& plan,
                        std::size_t cases, const std::vector<std::string>& input_files);

std::string shard_file_text(const ShardFile& file);
// Throws sim::InputError (naming `path`) on a file that is not a shard file.
ShardFile parse_shard_file(const std::string& text, const std::string& path);
ShardFile read_shard_file(const std::string& path);

// Throws sim::InputError (naming the offending file) unless the files are every shard 1..N of
// one run exactly once: same command, fingerprint and N, and every unit present.
Results merge_shards(const std::vector<ShardFile>& files, const std::vector<std::string>& paths);

}  // namespace caracal::analysis
