// A command's results across all its units, however they were computed (one process, or shards
// merged), and what the command makes of them: its final output and exit status.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/outcome.hpp"
#include "analysis/replication.hpp"

namespace caracal::analysis {

struct Results {
    std::string command;
    // What the command needs besides outcomes to write its output (its cases' names, the output
    // format, ...): set by the command, carried through shard files unchanged.
    nlohmann::ordered_json header;
    ReplicationPlan plan;
    std::size_t cases = 0;
    std::vector<Outcome> outcomes;  // by unit index, every unit

    // The outcomes of one case's runs, in replication order.
    std::vector<const Outcome*> replications_of(std::size_t case_index) const;
};

// What a command makes of every outcome of its run: the text it prints and whether what it
// checks held. Built from Results alone, so one run and its merged shards give the same bytes.
struct Summary {
    std::string text;
    bool passed = true;
};

}  // namespace caracal::analysis
