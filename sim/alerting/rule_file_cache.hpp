// Rule files parsed once per process. Loading one parses YAML, every PromQL expression and every
// template, which costs about as much as a short simulation; a catalog check, a sweep or a Monte
// Carlo job runs the same file many times. The parsed set is kept and each caller gets a clone
// (RuleSet::clone) with its own alert state. Safe to call from several threads.
#pragma once

#include <string>

#include "sim/alerting/rule_file.hpp"

namespace sim::alerting {

// What load_rule_file(path) returns, parsed only the first time the file has this content (a file
// changed on disk is parsed again). Throws sim::InputError as load_rule_file does; a failed load
// is not kept.
RuleSet load_rule_file_cached(const std::string& path);

}  // namespace sim::alerting
