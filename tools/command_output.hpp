// Where a command's final text goes, and the CLI contract on bad input, in one place for every
// command that produces an analysis::CommandOutput (check, merge, compare, sweep).
#pragma once

#include <functional>
#include <string>

#include "analysis/results.hpp"

namespace caracal::tools {

// Runs `produce`, writes its text to stdout (or to `output_file` when not empty) and returns its
// exit status. A sim::InputError becomes its one-line message on stderr and exit 2.
int deliver(const std::string& output_file, const std::function<analysis::CommandOutput()>& produce);

}  // namespace caracal::tools
