// The PromQL function implementations, by the shape of their input. Each functions_*.cpp unit
// implements one family and answers for its names; eval_call.cpp evaluates the arguments and
// routes a call to the family that knows the name.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "sim/promql/eval_context.hpp"

namespace sim::promql {

// A failure inside a function; eval_call attaches the call's position.
class FunctionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The samples one series has in a range window (never empty), and the call's scalar arguments.
struct RangeWindow {
    std::span<const tsdb::Sample> samples;
    RangeBounds bounds;
    Duration range;
    Time eval_time;
    std::span<const double> params;  // the call's other arguments, in order
};

struct RangeFunction {
    std::optional<double> (*fn)(const RangeWindow&);  // nullopt: no output for this series
    bool keeps_metric_name = false;                   // only last_over_time behaves like `offset`
};
const RangeFunction* find_rate_function(std::string_view name);       // functions_rate.cpp
const RangeFunction* find_over_time_function(std::string_view name);  // functions_over_time.cpp
const RangeFunction* find_trend_function(std::string_view name);      // functions_trend.cpp

// Applied to every element of an instant vector (the metric name is dropped), with the call's
// scalar arguments after the vector.
struct ElementFunction {
    std::optional<double> (*fn)(double v, std::span<const double> params);  // nullopt: drop it
    bool defaults_to_time = false;  // without a vector argument, applies to vector(time())
};
const ElementFunction* find_math_function(std::string_view name);  // functions_math.cpp
const ElementFunction* find_date_function(std::string_view name);  // functions_date.cpp

// Anything else: receives the evaluated arguments.
using VectorFunction = Value (*)(const Call& call, std::vector<Value>& args, Time t);
const VectorFunction* find_label_function(std::string_view name);      // functions_label.cpp
const VectorFunction* find_histogram_function(std::string_view name);  // functions_histogram.cpp
const VectorFunction* find_misc_function(std::string_view name);       // functions_misc.cpp

// Looks a name up in a family's table.
template <typename T>
const T* find_in(const std::map<std::string_view, T>& table, std::string_view name) {
    auto it = table.find(name);
    return it == table.end() ? nullptr : &it->second;
}

// The labels absent()/absent_over_time() give their output: the selector's equality matchers.
tsdb::Labels absent_labels(const Expr& arg);  // functions_misc.cpp

}  // namespace sim::promql
