// Expected strings come from promtool 2.42 (alert labels/annotations rendered by Prometheus).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "sim/alerting/template.hpp"
#include "sim/alerting/template_functions.hpp"

using namespace sim::alerting;
using sim::tsdb::Labels;

namespace {

std::string render(std::string_view text, double value, const Labels& labels = {{"__name__", "m"}, {"i", "a"}},
                   const Labels& external = {{"cluster", "eu1"}}) {
    static const std::string url = "http://prom.example:9090";
    return Template(text).expand(TemplateData{labels, value, external, url});
}

std::string error_of(std::string_view text) {
    try {
        Template t(text);
    } catch (const TemplateError& e) {
        return e.what();
    }
    return "";
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("$value prints as Go's %v of a float64") {
    CHECK(format_go_float(1000000) == "1e+06");
    CHECK(format_go_float(1234567) == "1.234567e+06");
    CHECK(format_go_float(123456.5) == "123456.5");
    CHECK(format_go_float(0.1) == "0.1");
    CHECK(format_go_float(0.0001) == "0.0001");
    CHECK(format_go_float(0.00001) == "1e-05");
    CHECK(format_go_float(1e20) == "1e+20");
    CHECK(format_go_float(1e21) == "1e+21");
    CHECK(format_go_float(-0.5) == "-0.5");
    CHECK(format_go_float(-1234.5) == "-1234.5");
    CHECK(format_go_float(kNaN) == "NaN");
    CHECK(format_go_float(kInf) == "+Inf");
    CHECK(format_go_float(-kInf) == "-Inf");
    CHECK(render("{{ $value }}", 1e6) == "1e+06");
    CHECK(render("{{ .Value }}", 0.1) == "0.1");
}

TEST_CASE("humanize functions format like Prometheus' template functions") {
    CHECK(render("{{ $value | humanize }}", 1e6) == "1M");
    CHECK(render("{{ $value | humanize }}", 1234567) == "1.235M");
    CHECK(render("{{ $value | humanize }}", 0.1) == "100m");
    CHECK(render("{{ $value | humanize }}", 0.00001) == "10u");
    CHECK(render("{{ $value | humanize }}", 1e21) == "1Z");
    CHECK(render("{{ $value | humanize }}", -1234.5) == "-1.234k");
    CHECK(render("{{ humanize $value }}", kNaN) == "NaN");
    CHECK(render("{{ humanize1024 $value }}", 1e6) == "976.6ki");
    CHECK(render("{{ humanize1024 $value }}", 0.1) == "0.1");
    CHECK(render("{{ humanize1024 $value }}", 1e21) == "867.4Ei");
    CHECK(render("{{ $value | humanizeDuration }}", 1e6) == "11d 13h 46m 40s");
    CHECK(render("{{ $value | humanizeDuration }}", 0.1) == "100ms");
    CHECK(render("{{ $value | humanizeDuration }}", -1234.5) == "-20m 34s");
    CHECK(render("{{ $value | humanizeDuration }}", 1e21) == "-106751991167300d -15h -30m -8s");
    CHECK(render("{{ $value | humanizeDuration }}", kInf) == "+Inf");
    CHECK(render("{{ humanizePercentage $value }}", 0.1) == "10%");
    CHECK(render("{{ humanizePercentage $value }}", 1e6) == "1e+08%");
    CHECK(render("{{ humanizePercentage $value }}", kNaN) == "NaN%");
}

TEST_CASE("printf follows Go's fmt verbs, including its mismatch notation") {
    CHECK(render(R"({{ printf "%.2f|%d|%s|%v|%g" $value 3 "s" $value $value }})", 1e6) ==
          "1000000.00|3|s|1e+06|1e+06");
    CHECK(render(R"({{ printf "%d|%s|%5.1f|%x" $value $value $value 42 }})", 0.0001) ==
          "%!d(float64=0.0001)|%!s(float64=0.0001)|  0.0|2a");
    CHECK(render(R"({{ printf "%5.1f" $value }})", kNaN) == "  NaN");
    CHECK(render(R"({{ $value | printf "%.1f" }})", 2.25) == "2.2");
    CHECK(render(R"({{ printf "%s %d" "a" }})", 0) == "a %!d(MISSING)");
    CHECK(render(R"({{ printf "%s" "a" 1 }})", 0) == "a%!(EXTRA int=1)");
    CHECK(render(R"({{ printf "100%%" }})", 0) == "100%");
    CHECK(render(R"({{ printf "a%99999999dz" 1 }})", 0) == "a%!(NOVERB)%!(EXTRA int=1)");
    CHECK(render(R"({{ printf "%g|%G|%.2g|%E" $value $value $value $value }})", 12345678) ==
          "1.2345678e+07|1.2345678E+07|1.2e+07|1.234568E+07");
    CHECK(render(R"({{ printf "%x|%X|%o|%q|%5d|%-5d|%05d" 255 255 8 "q" 42 42 -42 }})", 0) ==
          R"(ff|FF|10|"q"|   42|42   |-0042)");
}

TEST_CASE("labels, external labels and the external URL are reachable as variables and fields") {
    CHECK(render("{{ $labels.i }}/{{ .Labels.i }}", 1) == "a/a");
    CHECK(render("x{{ $labels.nope }}y", 1) == "xy");
    CHECK(render("{{ $externalLabels.cluster }} {{ .ExternalLabels.cluster }}", 1) == "eu1 eu1");
    CHECK(render("{{ $externalURL }}", 1) == "http://prom.example:9090");
    CHECK(render("{{ $labels }}", 1) == "map[__name__:m i:a]");
    CHECK(render("{{ \"lit\" }} {{ `raw` }} {{ 42 }}", 1) == "lit raw 42");
    CHECK(render(R"({{ "a\"b\tc\u00e9" }})", 1) == "a\"b\tc\xc3\xa9");
}

TEST_CASE("trim markers remove the whitespace next to an action and comments print nothing") {
    CHECK(render("a   {{- $labels.i -}}   b", 1) == "aab");
    CHECK(render("a \n {{- $labels.i }} b", 1) == "aa b");
    CHECK(render("a {{/* note */}}b", 1) == "a b");
    CHECK(render("a {{- /* note */ -}} b", 1) == "ab");
    CHECK(render("{{-3}}", 1) == "-3");  // no space after '-': a negative number, not a trim marker
}

TEST_CASE("a failure while expanding yields Prometheus' error text instead of throwing") {
    const std::string out = render("{{ $labels.i | humanize }}", 1);
    CHECK(out.rfind("<error expanding template: ", 0) == 0);
    CHECK(out.find("strconv.ParseFloat") != std::string::npos);
    CHECK(render("{{ $value.x }}", 1).rfind("<error expanding template: ", 0) == 0);
}

TEST_CASE("numeric strings are accepted by humanize as Prometheus' convertToFloat accepts them") {
    CHECK(render("{{ $labels.n | humanize }}", 0, Labels{{"n", "1500"}}) == "1.5k");
}

TEST_CASE("unsupported constructs are rejected when the template is parsed, naming them") {
    CHECK_THAT(error_of("{{ if $value }}x{{ end }}"), Catch::Contains("\"if\""));
    CHECK_THAT(error_of("{{ range $labels }}{{ end }}"), Catch::Contains("\"range\""));
    CHECK_THAT(error_of("{{ query \"up\" }}"), Catch::Contains("\"query\""));
    CHECK_THAT(error_of("{{ $x := 1 }}"), Catch::Contains("variable assignment"));
    CHECK_THAT(error_of("{{ (humanize $value) }}"), Catch::Contains("parenthesized"));
    CHECK_THAT(error_of("{{ frobnicate $value }}"), Catch::Contains("function \"frobnicate\" not defined"));
    CHECK_THAT(error_of("{{ $nope }}"), Catch::Contains("undefined variable \"$nope\""));
    CHECK_THAT(error_of("{{ humanize $value 1 }}"), Catch::Contains("wrong number of args for humanize"));
    CHECK_THAT(error_of("{{ $value | $value }}"), Catch::Contains("non-function"));
}

TEST_CASE("a template error carries the byte offset of the offending construct") {
    try {
        Template t("abc {{ $value }} {{ .Foo ");
        FAIL("expected a TemplateError");
    } catch (const TemplateError& e) {
        CHECK(std::string(e.what()) == "unclosed action");
        CHECK(e.offset() == 17);
    }
    try {
        Template t("ab {{ humanize $value | nope }}");
        FAIL("expected a TemplateError");
    } catch (const TemplateError& e) {
        CHECK(e.offset() == 24);
    }
}

TEST_CASE("text without actions expands to itself") {
    CHECK(render("plain text, {not an action}", 1) == "plain text, {not an action}");
    CHECK(render("", 1).empty());
}
