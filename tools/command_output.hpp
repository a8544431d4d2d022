// Where a command's final text goes, and the CLI contract on bad input and failed checks, in one
// place for every command that ends in an analysis::Summary (check, merge, compare, sweep, advise).
#pragma once

#include <functional>
#include <string>

#include "analysis/results.hpp"

namespace caracal::tools {

// Runs `produce`, writes its text to stdout (or to `output_file` when not empty) and returns exit
// 0 when it passed, 1 when not. A sim::InputError becomes its one-line message on stderr and exit 2.
int deliver(const std::string& output_file, const std::function<analysis::Summary()>& produce);

}  // namespace caracal::tools
