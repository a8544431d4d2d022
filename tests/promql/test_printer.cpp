#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "sim/promql/parser.hpp"

using namespace sim;
using namespace sim::promql;

namespace {

std::string canonical(std::string_view text) { return to_string(*parse(text)); }

// parse(to_string(parse(s))) must equal parse(s).
void check_round_trip(const std::string& text) {
    INFO(text);
    const ExprPtr first = parse(text);
    const std::string printed = to_string(*first);
    INFO(printed);
    const ExprPtr second = parse(printed);
    CHECK(equal(*first, *second));
    CHECK(to_string(*second) == printed);
}

// A call with arguments of the given types.
std::string sample_call(std::string_view name, const std::vector<ValueType>& args) {
    std::string out = std::string(name) + "(";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i > 0) out += ", ";
        switch (args[i]) {
            case ValueType::Scalar: out += "0.5"; break;
            case ValueType::Vector: out += R"(x{job="a"})"; break;
            case ValueType::Matrix: out += "x[5m]"; break;
            case ValueType::String: out += R"("s")"; break;
            case ValueType::None: break;
        }
    }
    return out + ")";
}

// Every function name Prometheus 2.42 knows; the ones in our table must all print and re-parse.
const char* const kPrometheusFunctions[] = {
    "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil",
    "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month", "day_of_week",
    "day_of_year", "days_in_month", "deg", "delta", "deriv", "exp", "floor", "histogram_count", "histogram_fraction",
    "histogram_quantile", "histogram_sum", "holt_winters", "hour", "idelta", "increase", "irate", "label_join",
    "label_replace", "last_over_time", "ln", "log10", "log2", "max_over_time", "min_over_time", "minute", "month", "pi",
    "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin",
    "sinh", "sort", "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time",
    "timestamp", "vector", "year"};

}  // namespace

TEST_CASE("expressions print in Prometheus' canonical form") {
    CHECK(canonical(R"(sum by(job)(rate(x{a="b"}[5m])))") == R"(sum by (job) (rate(x{a="b"}[5m])))");
    CHECK(canonical("sum(x) without(a,b)") == "sum without (a, b) (x)");
    CHECK(canonical("sum by () (x)") == "sum(x)");
    CHECK(canonical("topk(3,x)") == "topk(3, x)");
    CHECK(canonical("a+on(x)group_left(y)b") == "a + on (x) group_left (y) b");
    CHECK(canonical("a * ignoring(x) group_right b") == "a * ignoring (x) group_right () b");
    CHECK(canonical("a + ignoring() b") == "a + b");
    CHECK(canonical("a + on() b") == "a + on () b");
    CHECK(canonical("a>bool 1") == "a > bool 1");
    CHECK(canonical("x offset 5m") == "x offset 5m");
    CHECK(canonical("x offset -90m") == "x offset -1h30m");
    CHECK(canonical("x[5m] offset 1h") == "x[5m] offset 1h");
    CHECK(canonical("x[300s:60s]") == "x[5m:1m]");
    CHECK(canonical("x[5m:]") == "x[5m:]");
    CHECK(canonical("rate(x[5m])[1h:] offset 1d") == "rate(x[5m])[1h:] offset 1d");
    CHECK(canonical("-(a)") == "-(a)");
    CHECK(canonical("+a") == "+a");
    CHECK(canonical("a AND b") == "a and b");
    CHECK(canonical(R"(x{b="2", a="1"})") == R"(x{a="1",b="2"})");
    CHECK(canonical(R"({__name__="x"})") == R"({__name__="x"})");
    CHECK(canonical(R"~(x{a=~'b', c!~`d\.`})~") == R"(x{a=~"b",c!~"d\\."})");
    CHECK(canonical(R"(label_join(x, 'd', ",", `a`))") == R"(label_join(x, "d", ",", "a"))");
}

TEST_CASE("numbers print as Go's shortest fixed notation") {
    CHECK(canonical("1.5e3") == "1500");
    CHECK(canonical("0x1F") == "31");
    CHECK(canonical(".5") == "0.5");
    CHECK(canonical("1e21") == "1000000000000000000000");
    CHECK(canonical("1e-7") == "0.0000001");
    CHECK(canonical("Inf") == "+Inf");
    CHECK(canonical("-Inf") == "-Inf");
    CHECK(canonical("nan") == "NaN");
    CHECK(canonical("-0") == "-0");
}

TEST_CASE("printed numbers read back as the same double") {
    const double values[] = {0.1,
                             1.0 / 3.0,
                             -2.5e-8,
                             123456789.123456789,
                             1e300,
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::min(),
                             std::numeric_limits<double>::denorm_min(),
                             -0.0,
                             9007199254740993.0};
    for (double v : values) {
        NumberLiteral n;
        n.value = v;
        const std::string text = to_string(n);
        INFO(text);
        const double back = dynamic_cast<const NumberLiteral&>(*parse(text)).value;
        CHECK(std::memcmp(&back, &v, sizeof v) == 0);
    }
}

TEST_CASE("strings print re-quoted and read back unchanged") {
    for (const char* value : {"plain", "quote\"s", "back\\slash", "new\nline\ttab", "it's", "\x01\x7f", "caf\xC3\xA9"}) {
        StringLiteral s;
        s.value = value;
        const std::string text = to_string(s);
        INFO(text);
        CHECK(dynamic_cast<const StringLiteral&>(*parse(text)).value == value);
    }
}

TEST_CASE("every construct survives a print and re-parse") {
    for (const char* text : {
             "1", "-1", "+1", "0x1F", "Inf", "-Inf", "NaN", "1e-7", R"("str")", "'single'", "`raw\\n`",
             R"("esc\"aped\n\t\\")", "x", "x:y:z", ":x", R"({a="b"})", R"({__name__="x", job="j"})",
             R"(x{a="b", c!="d", e=~"f.*", g!~"h"})", "x offset 5m", "x offset -5m", "x[5m]",
             R"(x{a="b"}[1h] offset 1d)", "x[5m] offset -1w", "rate(x[5m])[30m:1m]", "rate(x[5m])[30m:]",
             "x[30m:1m] offset 5m", "x offset 1h[5m:]", "(x + y)[5m:]", "-x", "+x", "-(x)", "-x ^ 2", "-2 ^ 2",
             "2 ^ 3 ^ 2", "(2 ^ 3) ^ 2", "a + b * c", "(a + b) * c", "a - b - c", "a - (b - c)", "a / b % c",
             "a atan2 b", "a == b", "a != b", "a > b", "a < b", "a >= b", "a <= b", "a == bool b", "1 > bool 2",
             "a and b", "a or b", "a unless b", "a or b and c", "a unless b or c and d", "a + b > c and d or e",
             "a + on(x) b", "a + on(x, y) b", "a + on() b", "a + ignoring(x) b", "a + ignoring() b",
             "a * on(x) group_left b", "a * on(x) group_left(y, z) b", "a * ignoring(x) group_right(y) b",
             "a * ignoring() group_left b", "a and on(x) b", "a or ignoring(x) b", "a > bool on(x) group_left(y) b",
             "x + 1", "1 + x", "1 + 2", "a + -b", "a ^ -b", "a - - - 1", "sum(x)", "sum by (job) (x)", "sum(x) by (job)",
             "sum without (job) (x)", "sum(x) without (job)", "sum by () (x)", "avg(x)", "count(x)", "min(x)", "max(x)",
             "group(x)", "stddev(x)", "stdvar(x)", "topk(3, x)", "bottomk(3, x)", "quantile(0.9, x)",
             R"(count_values("value", x))", "sum by (sum, by, on, offset, bool, group_left, and, atan2, start) (x)",
             "sum", "by", "and", "offset", "start", "end", R"(sum{a="b"})", "rate(foo[5m] offset 1h)",
             "max_over_time(rate(x[5m])[1h:5m])", "-x offset 5m", "x[1y]", "x[500ms]", "x[1m30s500ms]",
             R"(sum by (job) (rate(x{a="b"}[5m])) / on (job) group_left sum by (job) (y))",
             R"(histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m]))))",
             R"~(label_replace(x, "dst", "$1", "src", "(.*)"))~"}) {
        check_round_trip(text);
    }
}

TEST_CASE("every supported function survives a print and re-parse") {
    int supported = 0;
    for (const char* name : kPrometheusFunctions) {
        const FunctionSignature* f = lookup_function(name);
        if (!f) continue;
        ++supported;
        std::vector<ValueType> args = f->arg_types;
        if (f->variadic < 0) args.push_back(args.back());  // one of the repeatable arguments
        check_round_trip(sample_call(f->name, args));
        if (f->variadic != 0) check_round_trip(sample_call(f->name, {f->arg_types.begin(), f->arg_types.end() - 1}));
    }
    CHECK(supported == 70);
}
