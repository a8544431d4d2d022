// The values a Prometheus alert template computes with, and how Go's fmt prints them: templates
// print with `%v`, printf follows fmt.Sprintf, and error messages name Go's types.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "sim/tsdb/labels.hpp"

namespace sim::alerting {

struct TemplateData;
struct TemplateValue;

// An untyped nil (Go's nil interface): what a missing `args` entry yields.
struct GoNil {};
// The *time.Time that toTime returns, in Unix nanoseconds.
struct GoTime {
    long long unix_nanos;
};
// The map[string]interface{} that `args` returns: entry i is key `arg<i>`.
struct ArgsMap {
    std::vector<TemplateValue> args;
};
// The template's data (`.` at the start), a struct with Labels, ExternalLabels, ExternalURL and
// Value fields.
struct AlertFields {
    const TemplateData* data;
};
// One element of what `query` returns: Prometheus' template sample (Labels with __name__, Value).
struct QuerySample {
    tsdb::Labels labels;
    double value = 0;
};
// A *template.sample: `first`, `index` and `range` hand out elements of a result.
struct SampleRef {
    std::shared_ptr<const QuerySample> sample;
};
// A template.queryResult ([]*sample); nil and empty alike have no elements.
struct QueryResult {
    std::vector<std::shared_ptr<const QuerySample>> samples;
};

// Go's nil, bool, string, int, float64, map[string]string (`$labels`), *time.Time,
// map[string]interface{}, the template data struct, or Prometheus' query results.
struct TemplateValue {
    std::variant<GoNil, bool, std::string, long long, double, tsdb::Labels, GoTime, ArgsMap, AlertFields, SampleRef,
                 QueryResult>
        v;
};

// Go's name of the value's type, as error messages print it (`float64`, `map[string]string`).
std::string go_type_name(const TemplateValue& v);

// text/template's truth: false, 0, "", nil and empty maps are false; everything else is true.
bool is_true(const TemplateValue& v);

// Go's `%v`: strings as-is, ints in decimal, floats by format_go_float, maps as `map[k:v k:v]`.
std::string to_go_string(const TemplateValue& v);

// Go's `%v` of a float64: shortest round-trip digits, exponent form when the decimal exponent is
// below -4 or at least 6 (`1e+06`, `1.234567e+06`, `1e-05`), and `NaN`, `+Inf`, `-Inf`.
std::string format_go_float(double v);

// Go's time.Time String() in UTC: `1970-01-01 00:00:00.25 +0000 UTC`.
std::string format_go_time(GoTime t);

// Go's fmt.Sprintf for the verbs alert templates use (%s %d %f %e %g %v %t %x %q %%, with flags,
// width and precision); mismatches print as Go prints them (`%!d(float64=1.5)`).
std::string go_sprintf(const std::string& format, const std::vector<TemplateValue>& args);
// fmt.Sprint: a space between operands only where neither side is a string.
std::string go_sprint(const std::vector<TemplateValue>& args);
// fmt.Sprintln: operands separated by spaces, then a newline.
std::string go_sprintln(const std::vector<TemplateValue>& args);

}  // namespace sim::alerting
