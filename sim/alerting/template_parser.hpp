// Parses alert template text into its tree, with the checks Go's text/template parser makes
// (functions must exist, variables must be declared). Prometheus declares $labels,
// $externalLabels, $externalURL and $value before the user's text; so does this parser.
#pragma once

#include <array>
#include <string_view>

#include "sim/alerting/template_ast.hpp"

namespace sim::alerting {

// The variables every alert template starts with, `$` (the data) first.
inline constexpr std::array<std::string_view, 5> kAlertVariables{"$", "$labels", "$externalLabels", "$externalURL",
                                                                 "$value"};

// Throws TemplateError at the offending byte.
Template::Node parse_template(std::string_view text);

}  // namespace sim::alerting
