// Positions inside YAML scalars: rule expressions and test expressions report their errors at
// the line and column of the file where the offending character is, whatever the scalar style.
#pragma once

#include <string_view>

#include <yaml-cpp/yaml.h>

#include "sim/base/error.hpp"

namespace sim::alerting {

// Where byte `offset` of `value` (the scalar `node` read from `source`) lies in `source`;
// just past the last character when `offset` is at or beyond the end of the value.
SourcePos position_in_scalar(std::string_view source, const YAML::Node& node, std::string_view value, int offset);

}  // namespace sim::alerting
