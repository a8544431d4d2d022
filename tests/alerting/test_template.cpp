// Expected strings come from promtool 2.42 (alert labels/annotations rendered by Prometheus).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/alerting/template.hpp"
#include "sim/alerting/template_functions.hpp"

using namespace sim::alerting;
using sim::tsdb::Labels;

namespace {

// The alert every expectation was rendered for with promtool: rule `A`, series
// m{i="a", inst="host.dom.example:9100"}, external label cluster="eu1".
std::string render(std::string_view text, double value,
                   const Labels& labels = {{"__name__", "m"}, {"i", "a"}, {"inst", "host.dom.example:9100"}},
                   const Labels& external = {{"cluster", "eu1"}}) {
    static const std::string url = "http://prom.example:9090/pfx";
    return Template(text).expand(TemplateData{labels, value, external, url, "A"});
}

// Prometheus' wrapping of an execution error of rule A's template.
std::string exec_error(int column, const std::string& context, const std::string& message) {
    return "<error expanding template: error executing template __alert_A: template: __alert_A:1:" +
           std::to_string(column) + ": executing \"__alert_A\" at <" + context + ">: " + message + ">";
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
    CHECK(render("{{ $externalURL }}", 1) == "http://prom.example:9090/pfx");
    CHECK(render("{{ $labels }}", 1) == "map[__name__:m i:a inst:host.dom.example:9100]");
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

TEST_CASE("issue 16.3: query parses; it runs when rendered") {
    CHECK(error_of("{{ query \"up\" }}").empty());
}

// Expected values below were rendered by promtool 2.42 for rule A over m{i="a", ...}.
TEST_CASE("issue 16: define, template and block run as Go's named templates") {
    CHECK(render(R"({{define "n"}}[{{.}}]{{end}}{{template "n" $labels.i}})", 1) == "[a]");
    CHECK(render(R"({{define "n"}}[{{.}}]{{end}}{{template "n"}})", 1) == "[<no value>]");  // dot is nil
    CHECK(render(R"({{block "b" $value}}v={{.}}{{end}})", 1) == "v=1");
    CHECK(render(R"({{define "t"}}{{.Labels.i}}{{end}}{{template "t" .}})", 1) == "a");
    CHECK(render(R"({{define "u"}}{{.}}{{end}}{{template "u" 1.5}}x{{template "u" (slice "hello" 1)}})", 1) ==
          "1.5xello");
    // Defined after use, and one template calling another.
    CHECK(render(R"({{define "d"}}{{template "e" .}}{{end}}{{define "e"}}<{{.}}>{{end}}{{template "d" "q"}})", 1) ==
          "<q>");
    CHECK(render(R"({{ $x := 5 }}{{template "s2" $x}}{{define "s2"}}{{.}}{{end}})", 1) == "5");
    // A recursion that ends: dot shrinks by one byte per call.
    CHECK(render(R"({{define "c"}}{{if .}}{{len .}}{{template "c" (slice . 1)}}{{end}}{{end}}{{template "c" "abc"}})", 1) ==
          "321");
    // Defined, never rendered: its failing body does not matter.
    CHECK(render(R"({{define "never"}}{{call 1}}{{end}}ok)", 1) == "ok");
    // A blank definition gives way to another one of the same name.
    CHECK(render(R"({{define "a"}} {{end}}{{define "a"}}y{{end}}{{template "a"}})", 1) == "y");
    CHECK(render(R"({{template "nope"}})", 1) ==
          exec_error(123, R"({{template "nope"}})", R"(template "nope" not defined)"));
}

TEST_CASE("issue 16: slice and call fail with Go's messages") {
    CHECK(render(R"({{slice "abcdef" 1 3}}|{{slice "abc"}}|{{slice "abc" 2}})", 1) == "bc|abc|c");
    CHECK(render(R"({{slice "abc" 2 1}})", 1) ==
          exec_error(114, R"(slice "abc" 2 1)", "error calling slice: invalid slice index: 2 > 1"));
    CHECK(render(R"({{slice "abc" 1 2 3}})", 1) ==
          exec_error(114, R"(slice "abc" 1 2 3)", "error calling slice: cannot 3-index slice a string"));
    CHECK(render(R"({{slice "abc" 5}})", 1) == exec_error(114, R"(slice "abc" 5)", "error calling slice: index out of range: 5"));
    CHECK(render("{{slice 3 1}}", 1) == exec_error(114, "slice 3 1", "error calling slice: can't slice item of type int"));
    CHECK(render("{{slice nil 1}}", 1) == exec_error(114, "slice nil 1", "error calling slice: slice of untyped nil"));
    CHECK(render(R"({{slice "abc" "x"}})", 1) ==
          exec_error(114, R"(slice "abc" "x")", "error calling slice: cannot index slice/array with type string"));
    CHECK(render(R"({{slice "abc" 1 2 3 4}})", 1) ==
          exec_error(114, R"(slice "abc" 1 2 3 4)", "error calling slice: too many slice indexes: 4"));
    CHECK(render("{{call .Labels}}", 1) ==
          exec_error(114, "call .Labels", "error calling call: non-function of type map[string]string"));
    CHECK(render("{{call nil}}", 1) == exec_error(114, "call nil", "error calling call: call of nil"));
    CHECK(render("{{call $value 1}}", 1) == exec_error(114, "call $value 1", "error calling call: non-function of type float64"));
}

TEST_CASE("issue 16: a self-recursive template stops with Go's depth error, not a stack overflow") {
    CHECK(render(R"({{define "r"}}{{template "r"}}{{end}}{{template "r"}})", 1) ==
          "<error expanding template: error executing template __alert_A: template: __alert_A:1:137: executing \"r\" "
          "at <{{template \"r\"}}>: exceeded maximum template depth (100000)>");
    // Each call nested as deep as the parser allows: the stack still holds, the verdict is Go's.
    std::string ifs, ends;
    for (int i = 0; i < 999; ++i) {
        ifs += "{{if 1}}";
        ends += "{{end}}";
    }
    CHECK_THAT(render(R"({{define "r"}})" + ifs + R"({{template "r"}})" + ends + R"({{end}}{{template "r"}})", 1),
               Catch::Contains("exceeded maximum template depth (100000)"));
}

TEST_CASE("issue 16: named templates are checked when parsed, with Go's wording") {
    CHECK(error_of(R"({{if true}}{{define "a"}}x{{end}}{{end}})") == "unexpected <define> in command");
    CHECK(error_of(R"({{define "a"}}x{{end}}{{define "a"}}y{{end}})") == R"(template: multiple definition of template "a")");
    CHECK(error_of(R"({{define "a"}}x{{end}}{{define "a"}} {{end}})").empty());
    CHECK(error_of(R"({{block "a"}}x{{end}})") == "missing value for block clause");
    CHECK(error_of("{{template}}") == R"(unexpected "}}" in template clause)");
    CHECK(error_of(R"({{template "a" | x}})") == R"(unexpected "|" in template clause)");
    CHECK(error_of(R"({{define "a" .}}x{{end}})") == "unexpected <.> in define clause");
    // A definition sees only `$`, not the variables Prometheus declares or the caller's.
    CHECK(error_of(R"({{define "a"}}{{$labels.job}}{{end}})") == R"(undefined variable "$labels")");
    CHECK(error_of(R"({{$x := 1}}{{block "a" $x}}{{$x}}{{end}})") == R"(undefined variable "$x")");
    CHECK(error_of(R"({{block "a" .}}x{{else}}y{{end}})") == "unexpected {{else}} in block clause");
    CHECK(error_of(R"({{define "a"}}x)") == "unexpected EOF");
    CHECK(error_of(R"({{define "a"}}{{break}}{{end}})") == "{{break}} outside {{range}}");
    CHECK(error_of("{{slice}}{{call}}").empty());  // arity is checked when they run
}

TEST_CASE("syntax errors are reported at load time with Go's wording") {
    CHECK(error_of("{{ if }}{{ end }}") == "missing value for if");
    CHECK(error_of("{{ if 1 }}") == "unexpected EOF");
    CHECK(error_of("{{ end }}") == "unexpected {{end}}");
    CHECK(error_of("{{ else }}") == "unexpected {{else}}");
    CHECK(error_of("{{ if 1 }}{{ else }}{{ else }}{{ end }}") == "expected end; found {{else}}");
    CHECK(error_of("{{ with 1 }}{{ else if 1 }}{{ end }}") == "unexpected <if> in input");
    CHECK(error_of("{{ frobnicate $value }}") == "function \"frobnicate\" not defined");
    CHECK(error_of("{{ $nope }}") == "undefined variable \"$nope\"");
    CHECK(error_of("{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}") == "undefined variable \"$x\"");
    CHECK(error_of("{{ break }}") == "{{break}} outside {{range}}");
    CHECK(error_of("{{ range $a, $b, $c := $labels }}{{ end }}") == "too many declarations in range");
    CHECK(error_of("{{ if $a, $b := 1 }}{{ end }}") == "too many declarations in if");
    CHECK(error_of("{{ $value | 1 }}") == "non executable command in pipeline stage 2");
    CHECK(error_of("{{ (1 }}") == "unclosed left paren");
    CHECK(error_of("{{ \"abc }}") == "unterminated quoted string");
    CHECK(error_of("{{ 1a }}") == "bad number syntax: \"1a\"");
    CHECK(error_of("{{ | 1 }}") == "unexpected \"|\" in command");
    CHECK(error_of("{{ end 1 }}") == "unexpected \"1\" in end");
    CHECK(error_of("{{ \"a\".b }}") == "unexpected . after term \"\\\"a\\\"\"");
    CHECK(error_of("{{ /* c */ }}") == "unexpected \"/\" in command");
    CHECK(error_of("{{ \"\\q\" }}") == "invalid syntax");
    CHECK(error_of("{{ \"\\u12\" }}") == "invalid syntax");
    CHECK(error_of("{{ 'ab' }}") == "malformed character constant: 'ab'");
    CHECK(error_of("{{ '' }}") == "invalid syntax");
    CHECK(error_of("{{ 99999999999999999999 }}") == "integer overflow: \"99999999999999999999\"");
}

TEST_CASE("if, else if and else choose by Go's truth of the pipeline") {
    const std::string severity = "{{ if gt $value 0.9 }}critical{{ else if gt $value 0.3 }}warning{{ else }}ok{{ end }}";
    CHECK(render(severity, 0.95) == "critical");
    CHECK(render(severity, 0.5) == "warning");
    CHECK(render(severity, 0.1) == "ok");
    // "", 0, 0.0 and empty maps are false; non-empty maps and the string "0" are true.
    CHECK(render("{{ if \"\" }}a{{ else }}b{{ end }}{{ if 0 }}a{{ else }}b{{ end }}{{ if 0.0 }}a{{ else }}b{{ end }}"
                 "{{ if $externalLabels }}c{{ end }}{{ if (args) }}a{{ else }}b{{ end }}{{ if \"0\" }}d{{ end }}",
                 0.5) == "bbbcbd");
}

TEST_CASE("with rebinds dot to a true value and otherwise runs its else branch") {
    CHECK(render("{{ with $labels.i }}[{{ . }}]{{ else }}none{{ end }}|{{ with $labels.zz }}[{{ . }}]{{ else }}none{{ end }}",
                 0.5) == "[a]|none");
    CHECK(render("{{ with $x := $labels.i }}{{ $x }}{{ . }}{{ end }}", 0.5) == "aa");
    CHECK(render("{{ with $labels }}{{ .i }}{{ $.Value }}{{ end }}", 0.5) == "a0.5");
}

TEST_CASE("range walks a label map in key order, with else for an empty map") {
    CHECK(render("{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}", 0.5) ==
          "__name__=m;i=a;inst=host.dom.example:9100;");
    CHECK(render("{{ range $labels }}{{ . }},{{ else }}empty{{ end }}", 0.5) == "m,a,host.dom.example:9100,");
    CHECK(render("{{ range $v := $externalLabels }}<{{ $v }}>{{ end }}", 0.5) == "<eu1>");
    CHECK(render("{{ range (args) }}x{{ else }}empty{{ end }}", 0.5) == "empty");
    CHECK(render("{{ range $i, $e := args 7 8 }}{{ $i }}={{ $e }} {{ end }}", 0.5) == "arg0=7 arg1=8 ");
    CHECK(render("{{ range 3 }}{{ end }}", 0.5) == exec_error(121, "3", "range can't iterate over 3"));
}

TEST_CASE("break and continue leave or skip a range iteration") {
    CHECK(render("{{ range $k, $v := $labels }}{{ if eq $k \"i\" }}{{ continue }}{{ end }}{{ $k }};{{ end }}", 0.5) ==
          "__name__;inst;");
    CHECK(render("{{ range $k, $v := $labels }}{{ if eq $k \"i\" }}{{ break }}{{ end }}{{ $k }};{{ end }}", 0.5) ==
          "__name__;");
}

TEST_CASE("variables are declared with := and assigned with = in Go's scopes") {
    CHECK(render("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}", 0.5) == "2");
    CHECK(render("{{ $x := \"a\" }}{{ range $labels }}{{ $x = . }}{{ end }}{{ $x }}", 0.5) == "host.dom.example:9100");
    CHECK(render("{{ $value = 7 }}{{ $value }}", 0.5) == "7");
    // Assigning an undeclared variable parses and fails when run.
    CHECK(render("{{ $x = 1 }}", 0.5) == exec_error(120, "1", "undefined variable: $x"));
}

TEST_CASE("dot stays the alert after variable declarations grow the variable stack") {
    // Each declaration pushes a variable; dot used to point into that stack and was moved away.
    std::string text;
    for (int i = 0; i < 40; ++i) text += "{{ $v" + std::to_string(i) + " := " + std::to_string(i) + " }}";
    CHECK(render(text + "{{ .Labels.i }}|{{ $.Labels.inst }}|{{ $v39 }}", 0.5) == "a|host.dom.example:9100|39");
    CHECK(render("{{ $x := 1 }}{{ .Labels.i }}", 0.5) == "a");
}

TEST_CASE("templates nested past the bound are refused with the position of the construct") {
    std::string deep_if, deep_paren;
    for (int i = 0; i < 1001; ++i) deep_if += "{{if 1}}";
    deep_if += "x";
    for (int i = 0; i < 1001; ++i) deep_if += "{{end}}";
    deep_paren = "{{ " + std::string(1001, '(') + "1" + std::string(1001, ')') + " }}";
    CHECK_THAT(error_of(deep_if), Catch::Contains("nested too deeply (more than 1000 control structures and parentheses)"));
    CHECK_THAT(error_of(deep_paren), Catch::Contains("nested too deeply"));
    // 1000 levels are still a template.
    std::string ok = "{{ " + std::string(1000, '(') + "1" + std::string(1000, ')') + " }}";
    CHECK(render(ok, 0.5) == "1");
}

TEST_CASE("and, or and not return Go's values, short-circuiting") {
    CHECK(render("{{ and 1 0 }}|{{ and 1 2 }}|{{ or 0 \"\" }}|{{ or 0 \"x\" }}|{{ not 0 }}|{{ not \"a\" }}", 0.5) ==
          "0|2||x|true|false");
    CHECK(render("{{ or 1 (index 1 1) }}", 0.5) == "1");
    CHECK(render("{{ and }}", 0.5) == exec_error(115, "and", "wrong number of args for and: want at least 1 got 0"));
}

TEST_CASE("comparisons follow Go's rules, refusing to mix int and float64") {
    CHECK(render("{{ eq 1 1 }}|{{ eq \"a\" \"b\" \"a\" }}|{{ ne 1.5 1.5 }}|{{ lt \"a\" \"b\" }}|{{ le 2 2 }}|{{ ge 1.0 2.0 }}",
                 0.5) == "true|true|false|true|true|false");
    CHECK(render("{{ if gt $value 0.1 }}x{{ end }}", 0.5) == "x");
    CHECK(render("{{ if gt $value 1 }}x{{ end }}", 0.5) ==
          exec_error(118, "gt $value 1", "error calling gt: incompatible types for comparison"));
    CHECK(render("{{ lt true false }}", 0.5) ==
          exec_error(115, "lt true false", "error calling lt: invalid type for comparison"));
    CHECK(render("{{ eq 1 }}", 0.5) == exec_error(115, "eq 1", "error calling eq: missing argument for comparison"));
}

TEST_CASE("len, index, print, println, html, js and urlquery behave as Go's builtins") {
    CHECK(render("{{ index $labels \"i\" }}|{{ index $labels \"nope\" }}|{{ len $labels }}|{{ len \"abc\" }}|{{ index \"abc\" 1 }}",
                 0.5) == "a||3|3|98");
    CHECK(render("{{ print 1 2 \"a\" \"b\" 3 }}|{{ println 1 \"a\" }}|{{ urlquery \"a b&c/d\" }}|{{ html \"<a>&\" }}|"
                 "{{ js \"<x>=\" }}",
                 0.5) == "1 2ab3|1 a\n|a+b%26c%2Fd|&lt;a&gt;&amp;|\\u003Cx\\u003E\\u003D");
    CHECK(render("{{ 1 | len }}", 0.5) == exec_error(119, "len", "error calling len: len of type int"));
}

TEST_CASE("reReplaceAll and match use Go's regexp semantics") {
    CHECK(render("{{ reReplaceAll \"^(\\\\w+)\\\\.(?P<rest>.*):\\\\d+$\" \"${rest}/$1\" $labels.inst }}", 0.5) ==
          "dom.example/host");
    // An empty match right after a match is not replaced; `$2x` names group "2x", which is empty.
    CHECK(render("{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}", 0.5) == "-b-c-");
    CHECK(render("{{ reReplaceAll \"(a)(?P<n>b)\" \"[$1|${n}|$2x|$$|$9]\" \"abab c\" }}", 0.5) == "[a|b||$|][a|b||$|] c");
    CHECK(render("{{ match \"^host\" $labels.inst }}", 0.5) == "true");
    CHECK(render("{{ reReplaceAll \"(\" \"\" \"x\" }}", 0.5) ==
          exec_error(115, "reReplaceAll \"(\" \"\" \"x\"",
                     "error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`"));
}

TEST_CASE("Prometheus' string, time and link functions format like promtool") {
    CHECK(render("{{ title \"hello wORLD foo-bar\" }}|{{ toLower \"ABC\" }}|{{ safeHtml \"<b>\" }}", 0.5) ==
          "Hello WORLD Foo-Bar|abc|<b>");
    CHECK(render("{{ title \"\xc3\xa9lan vital_x y.z\" }}|{{ toUpper \"h\xc3\xa9llo\" }}", 0.5) ==
          "\xc3\x89lan Vital_x Y.Z|H\xc3\x89LLO");
    CHECK(render("{{ graphLink \"rate(x[5m])\" }}|{{ tableLink \"up\" }}", 0.5) ==
          "/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=0|/graph?g0.expr=up&g0.tab=1");
    CHECK(render("{{ stripPort $labels.inst }}|{{ stripDomain $labels.inst }}", 0.5) == "host.dom.example|host:9100");
    CHECK(render("{{ stripPort \"[::1]:80\" }}|{{ stripPort \"a:b:c\" }}|{{ stripDomain \"10.0.0.1:80\" }}|"
                 "{{ stripDomain \"[::1]:9\" }}|{{ stripDomain \"x.y\" }}",
                 0.5) == "::1|a:b:c|10.0.0.1:80|[::1]:9|x");
    CHECK(render("{{ parseDuration \"1h30m\" }}|{{ toTime 1.2345 }}|{{ humanizeTimestamp 1.2345 }}", 0.5) ==
          "5400|1970-01-01 00:00:01.234 +0000 UTC|1970-01-01 00:00:01.234 +0000 UTC");
    CHECK(render("{{ args 1 \"a\" }}|{{ (args 1 \"a\").arg1 }}", 0.5) == "map[arg0:1 arg1:a]|a");
    CHECK(render("{{ toTime \"Inf\" }}", 0.5) ==
          exec_error(115, "toTime \"Inf\"", "error calling toTime: value is NaN or Inf"));
}

TEST_CASE("functions needing query results or promtool's unset URL fail as they do in promtool") {
    const std::string nil_deref = "runtime error: invalid memory address or nil pointer dereference";
    CHECK(render("{{ label \"a\" nil }}", 0.5) == exec_error(115, "label \"a\" nil", "error calling label: " + nil_deref));
    CHECK(render("{{ first nil }}", 0.5) ==
          exec_error(115, "first nil", "error calling first: first() called on vector with no elements"));
    CHECK(render("{{ value $value }}", 0.5) ==
          exec_error(121, "$value", "wrong type for value; expected *template.sample; got float64"));
    CHECK(render("{{ pathPrefix }}", 0.5) == exec_error(115, "pathPrefix", "error calling pathPrefix: " + nil_deref));
}

TEST_CASE("argument type errors name the node Go reports them at") {
    CHECK(render("{{ toUpper $value }}", 0.5) ==
          exec_error(123, "$value", "wrong type for value; expected string; got float64"));
    CHECK(render("{{ toUpper 1 }}", 0.5) == exec_error(123, "1", "expected string; found 1"));
    CHECK(render("{{ $value | toUpper }}", 0.5) ==
          exec_error(124, "toUpper", "wrong type for value; expected string; got float64"));
    CHECK(render("{{ humanize $value 1 }}", 0.5) ==
          exec_error(115, "humanize", "wrong number of args for humanize: want 1 got 2"));
    CHECK(render("{{ .Foo }}", 0.5) ==
          exec_error(115, ".Foo",
                     "can't evaluate field Foo in type struct { Labels map[string]string; ExternalLabels "
                     "map[string]string; ExternalURL string; Value float64 }"));
    CHECK(render("{{ $labels.i.x }}", 0.5) == exec_error(122, "$labels.i.x", "can't evaluate field x in type string"));
    CHECK(render("{{ (.Labels).i.x }}", 0.5) == exec_error(116, ".Labels", "can't evaluate field x in type string"));
    CHECK(render("{{ nil }}", 0.5) == exec_error(115, "nil", "nil is not a command"));
}

TEST_CASE("number literals are ints unless written as floats") {
    CHECK(render("{{ 1e3 }}|{{ 0x1F }}|{{ 1_000 }}|{{ -2.5 }}|{{ .5 }}|{{ 'a' }}|{{ 0o17 }}|{{ 017 }}|{{ 0b101 }}", 0.5) ==
          "1000|31|1000|-2.5|0.5|97|15|15|5");
    CHECK(render("{{ 1 | }}", 0.5) == "1");  // Go accepts a trailing pipe
    CHECK(render("{{ '\xc3\xa9' }}|{{ '\\n' }}|{{ '\\'' }}", 0.5) == "233|10|39");
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

namespace {

// Renders rule A's template for m{i="a"} = 0.5 with `query` answering from `answers` (expression ->
// samples); any other expression fails as an unknown query would.
std::string render_with_queries(std::string_view text, const std::map<std::string, std::vector<QuerySample>>& answers) {
    const Labels labels{{"__name__", "m"}, {"i", "a"}};
    const Labels external;
    const std::string url;
    const TemplateQuery query = [&](const std::string& expr) {
        const auto it = answers.find(expr);
        if (it == answers.end()) throw std::runtime_error("no answer for " + expr);
        return it->second;
    };
    return Template(text).expand(TemplateData{labels, 0.5, external, url, "A", &query});
}

const std::map<std::string, std::vector<QuerySample>> kEtcd{
    {"up", {{Labels{{"__name__", "up"}, {"instance", "etcd-2"}}, 0}, {Labels{{"__name__", "up"}, {"instance", "etcd-0"}}, 1}}},
    {"none", {}},
};

}  // namespace

TEST_CASE("issue 16.3: query results feed first, value, label, strvalue, len, index and field access") {
    CHECK(render_with_queries(R"({{ with query "up" }}{{ . | first | value | humanize }}{{ end }})", kEtcd) == "0");
    CHECK(render_with_queries(R"({{ query "up" | first | label "instance" }})", kEtcd) == "etcd-2");
    CHECK(render_with_queries(R"({{ with query "up" }}{{ len . }} {{ (index . 1).Labels.instance }}={{ (index . 1).Value }}{{ end }})", kEtcd) ==
          "2 etcd-0=1");
    CHECK(render_with_queries(R"([{{ query "up" | first | strvalue }}])", kEtcd) == "[]");
    // text/template prints the sample a pointer refers to.
    CHECK(render_with_queries(R"({{ query "up" | first }})", kEtcd) == "{map[__name__:up instance:etcd-2] 0}");
    CHECK(render_with_queries(R"({{ with query "none" }}found{{ else }}empty{{ end }})", kEtcd) == "empty");
}

TEST_CASE("issue 16.3: sortByLabel sorts a result stably by one label, and range gives index and sample") {
    CHECK(render_with_queries(R"({{ range sortByLabel "instance" (query "up") }}{{ .Labels.instance }} {{ end }})", kEtcd) ==
          "etcd-0 etcd-2 ");
    CHECK(render_with_queries(R"({{ range $i, $s := query "up" }}{{ $i }}:{{ label "instance" $s }};{{ end }})", kEtcd) ==
          "0:etcd-2;1:etcd-0;");
    CHECK(render_with_queries(R"({{ sortByLabel "x" nil }})", kEtcd) == "[]");
}

TEST_CASE("issue 16.3: failing queries and empty results fail the expansion as in promtool") {
    CHECK(render_with_queries(R"({{ query "none" | first }})", kEtcd) ==
          exec_error(130, "first", "error calling first: first() called on vector with no elements"));
    CHECK(render_with_queries(R"({{ query "other" }})", kEtcd) ==
          exec_error(115, "query \"other\"", "error calling query: no answer for other"));
    CHECK(render_with_queries(R"({{ index (query "up") 2 }})", kEtcd) ==
          exec_error(115, "index (query \"up\") 2", "error calling index: index out of range: 2"));
    // Without a backend, query fails when rendered, never when loaded.
    CHECK(render("{{ query \"up\" }}", 0.5) ==
          exec_error(115, "query \"up\"", "error calling query: no query backend for this template"));
}
