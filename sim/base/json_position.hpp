// Where in a text a JSON parser's error offset falls, for errors that name file:line:col.
#pragma once

#include <cstddef>
#include <string>

#include "sim/base/error.hpp"

namespace sim {

// The line and column of the 1-based byte offset nlohmann::json's parse_error reports.
SourcePos json_error_position(const std::string& text, std::size_t byte);

}  // namespace sim
