// The functions an alert template can call: Go text/template's builtins and the functions
// Prometheus 2.42 adds, each with the signature Go checks its arguments against.
#pragma once

#include <string_view>
#include <vector>

#include "sim/alerting/template_value.hpp"

namespace sim::alerting {

// A Go parameter type, which decides what an argument may be: any value, a string, or
// Prometheus' query result types (nil fits them too).
enum class ParamType { Any, String, Sample, QueryResult };

// Go's spelling of the type, as in `wrong type for value; expected string; got float64`.
std::string_view go_param_type_name(ParamType t);

struct TemplateFunction {
    std::string_view name;
    std::vector<ParamType> params;
    bool variadic;  // the last parameter takes any number of arguments
    // Throws std::runtime_error, worded as the Go function's error.
    TemplateValue (*call)(const std::vector<TemplateValue>& args);
    // `and` and `or` evaluate their arguments lazily, so the executor runs them itself.
    bool short_circuit = false;
    // `query` needs the template data's query backend, so the executor runs it itself.
    bool runs_query = false;
};

// Null for a name that is neither a Go builtin nor a Prometheus template function.
const TemplateFunction* find_template_function(std::string_view name);

}  // namespace sim::alerting
