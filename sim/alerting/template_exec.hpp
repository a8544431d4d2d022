// Runs a parsed alert template the way Go's text/template executes it, with Prometheus'
// options (a missing map key yields the zero value).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/alerting/template_ast.hpp"

namespace sim::alerting {

// What Prometheus puts before the user's text; error columns on the first line count it.
inline constexpr std::string_view kAlertTemplatePrefix =
    "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";

// A failure while executing, worded as Go words it:
// `template: NAME:1:118: executing "NAME" at <gt $value 1>: error calling gt: ...`.
class TemplateExecError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// `text` is the template's source (for error positions), `name` Go's name for the template.
// Throws TemplateExecError.
std::string execute_template(const Template::Node& root, std::string_view text, const std::string& name,
                             const TemplateData& data);

}  // namespace sim::alerting
