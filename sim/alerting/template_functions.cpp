#include "sim/alerting/template_functions.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <locale>
#include <memory>
#include <optional>
#include <stdexcept>

#include "sim/alerting/template_regexp.hpp"
#include "sim/base/time.hpp"

namespace sim::alerting {

namespace {

using Args = std::vector<TemplateValue>;

[[noreturn]] void fail(const std::string& message) { throw std::runtime_error(message); }

// What Go reports when a function dereferences a nil pointer: Prometheus' sample functions given
// nil, and pathPrefix/externalURL, whose URL promtool leaves nil.
[[noreturn]] void nil_dereference() { fail("runtime error: invalid memory address or nil pointer dereference"); }

const std::string& str(const TemplateValue& v) { return std::get<std::string>(v.v); }

// ---- Prometheus' number formatting --------------------------------------------------------

// Prometheus' convertToFloat: numbers as they are, strings through strconv.ParseFloat.
double to_float(const TemplateValue& v) {
    if (const auto* d = std::get_if<double>(&v.v)) return *d;
    if (const auto* i = std::get_if<long long>(&v.v)) return static_cast<double>(*i);
    const auto* s = std::get_if<std::string>(&v.v);
    if (!s) fail("can't convert " + go_type_name(v) + " to float");
    // strtod, like ParseFloat, takes "NaN", "Inf", "+inf", "Infinity" and hex floats; unlike it,
    // leading blanks, which are rejected here.
    char* end = nullptr;
    const double d = std::strtod(s->c_str(), &end);
    if (s->empty() || end != s->c_str() + s->size() || std::isspace(static_cast<unsigned char>((*s)[0])))
        fail("strconv.ParseFloat: parsing " + tsdb::quote(*s) + ": invalid syntax");
    return d;
}

std::string g4(double v) { return go_sprintf("%.4g", {TemplateValue{v}}); }

// Go's int64(v) for a float outside the int64 range yields the minimum int64 on amd64.
long long go_int64(double v) {
    constexpr double kTwoTo63 = 9223372036854775808.0;
    if (!(v >= -kTwoTo63 && v < kTwoTo63)) return std::numeric_limits<long long>::min();
    return static_cast<long long>(v);
}

std::string scale_down(double v, const std::array<const char*, 8>& prefixes, double base) {
    std::string prefix;
    for (const char* p : prefixes) {
        if (std::fabs(v) < base) break;
        prefix = p;
        v /= base;
    }
    return g4(v) + prefix;
}

// Prefixes below one, shared by humanize and humanizeDuration.
std::string scale_up(double v, std::string_view unit) {
    std::string prefix;
    for (const char* p : {"m", "u", "n", "p", "f", "a", "z", "y"}) {
        if (std::fabs(v) >= 1) break;
        prefix = p;
        v *= 1000;
    }
    return g4(v) + prefix + std::string(unit);
}

TemplateValue humanize(const Args& a) {
    const double v = to_float(a[0]);
    if (v == 0 || !std::isfinite(v)) return {g4(v)};
    if (std::fabs(v) >= 1) return {scale_down(v, {"k", "M", "G", "T", "P", "E", "Z", "Y"}, 1000)};
    return {scale_up(v, "")};
}

TemplateValue humanize1024(const Args& a) {
    const double v = to_float(a[0]);
    if (std::fabs(v) <= 1 || !std::isfinite(v)) return {g4(v)};
    return {scale_down(v, {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"}, 1024)};
}

TemplateValue humanize_duration(const Args& a) {
    double v = to_float(a[0]);
    if (!std::isfinite(v)) return {g4(v)};
    if (v == 0) return {g4(v) + "s"};
    if (std::fabs(v) < 1) return {scale_up(v, "s")};

    const std::string sign = v < 0 ? "-" : "";
    v = std::fabs(v);
    const long long total = go_int64(v);
    const long long seconds = total % 60;
    const long long minutes = (total / 60) % 60;
    const long long hours = (total / 3600) % 24;
    const long long days = total / 86400;
    auto n = [](long long x) { return std::to_string(x); };
    if (days != 0) return {sign + n(days) + "d " + n(hours) + "h " + n(minutes) + "m " + n(seconds) + "s"};
    if (hours != 0) return {sign + n(hours) + "h " + n(minutes) + "m " + n(seconds) + "s"};
    if (minutes != 0) return {sign + n(minutes) + "m " + n(seconds) + "s"};
    return {sign + g4(v) + "s"};
}

TemplateValue humanize_percentage(const Args& a) { return {g4(to_float(a[0]) * 100) + "%"}; }

// model.TimeFromUnixNano keeps whole milliseconds (truncating toward zero).
GoTime to_millisecond_time(double seconds) {
    return GoTime{go_int64(seconds * 1e9) / 1'000'000 * 1'000'000};
}

TemplateValue humanize_timestamp(const Args& a) {
    const double v = to_float(a[0]);
    if (!std::isfinite(v)) return {g4(v)};
    return {format_go_time(to_millisecond_time(v))};
}

TemplateValue to_time(const Args& a) {
    const double v = to_float(a[0]);
    if (!std::isfinite(v)) fail("value is NaN or Inf");
    return {to_millisecond_time(v)};
}

TemplateValue parse_duration_seconds(const Args& a) {
    const std::string& s = str(a[0]);
    if (s == "0") return {0.0};
    const auto d = parse_duration(s);
    if (!d) fail("not a valid duration string: " + tsdb::quote(s));
    return {static_cast<double>(d->ms()) / 1000};
}

// ---- strings --------------------------------------------------------------------------------

// Unicode letters through the C.UTF-8 locale's wide-character tables, which hold the same
// simple case mappings as Go's unicode package; ASCII only where that locale is missing.
const std::ctype<wchar_t>* unicode_ctype() {
    static const std::ctype<wchar_t>* facet = []() -> const std::ctype<wchar_t>* {
        try {
            static const std::locale utf8("C.UTF-8");
            return &std::use_facet<std::ctype<wchar_t>>(utf8);
        } catch (const std::runtime_error&) {
            return nullptr;
        }
    }();
    return facet;
}

// Decodes the UTF-8 text rune by rune, maps each through `f` (given the rune and whether it
// follows a word separator) and re-encodes; invalid bytes are copied.
template <class F>
std::string map_runes(const std::string& s, F f) {
    std::string out;
    bool after_separator = true;
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        const int len = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            out += s[i++];
            after_separator = false;
            continue;
        }
        char32_t r = len == 1 ? lead : lead & (0x7F >> len);
        for (int k = 1; k < len; ++k) r = (r << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        const auto* ct = unicode_ctype();
        const bool letter_or_digit = ct ? ct->is(std::ctype_base::alnum, static_cast<wchar_t>(r)) : std::isalnum(lead);
        const bool space = ct ? ct->is(std::ctype_base::space, static_cast<wchar_t>(r)) : std::isspace(lead);
        const char32_t mapped = f(r, after_separator);
        // Go's strings.Title separators: ASCII other than letters, digits and `_`; beyond ASCII, spaces.
        after_separator = r < 0x80 ? !(std::isalnum(lead) || lead == '_') : (!letter_or_digit && space);
        if (mapped < 0x80) {
            out += static_cast<char>(mapped);
        } else if (mapped < 0x800) {
            out += {static_cast<char>(0xC0 | (mapped >> 6)), static_cast<char>(0x80 | (mapped & 0x3F))};
        } else if (mapped < 0x10000) {
            out += {static_cast<char>(0xE0 | (mapped >> 12)), static_cast<char>(0x80 | ((mapped >> 6) & 0x3F)),
                    static_cast<char>(0x80 | (mapped & 0x3F))};
        } else {
            out += {static_cast<char>(0xF0 | (mapped >> 18)), static_cast<char>(0x80 | ((mapped >> 12) & 0x3F)),
                    static_cast<char>(0x80 | ((mapped >> 6) & 0x3F)), static_cast<char>(0x80 | (mapped & 0x3F))};
        }
        i += len;
    }
    return out;
}

char32_t upper(char32_t r) {
    const auto* ct = unicode_ctype();
    if (!ct) return r < 0x80 ? static_cast<char32_t>(std::toupper(static_cast<int>(r))) : r;
    return static_cast<char32_t>(ct->toupper(static_cast<wchar_t>(r)));
}

char32_t lower(char32_t r) {
    const auto* ct = unicode_ctype();
    if (!ct) return r < 0x80 ? static_cast<char32_t>(std::tolower(static_cast<int>(r))) : r;
    return static_cast<char32_t>(ct->tolower(static_cast<wchar_t>(r)));
}

TemplateValue to_upper(const Args& a) { return {map_runes(str(a[0]), [](char32_t r, bool) { return upper(r); })}; }
TemplateValue to_lower(const Args& a) { return {map_runes(str(a[0]), [](char32_t r, bool) { return lower(r); })}; }

// strings.Title: upper-cases the first letter of every word.
TemplateValue title(const Args& a) {
    return {map_runes(str(a[0]), [](char32_t r, bool after_separator) { return after_separator ? upper(r) : r; })};
}

// url.QueryEscape.
std::string query_escape(const std::string& s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') out += c;
        else if (c == ' ') out += '+';
        else out += {'%', kHex[u >> 4], kHex[u & 15]};
    }
    return out;
}

// template.HTMLEscapeString.
std::string html_escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '"': out += "&#34;"; break;
            case '\'': out += "&#39;"; break;
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\0': out += "\xEF\xBF\xBD"; break;
            default: out += c;
        }
    }
    return out;
}

// template.JSEscapeString for ASCII; multi-byte UTF-8 is copied (Go escapes only the
// non-printable runes among it).
std::string js_escape(const std::string& s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\'': out += "\\'"; break;
            case '"': out += "\\\""; break;
            case '<': out += "\\u003C"; break;
            case '>': out += "\\u003E"; break;
            case '&': out += "\\u0026"; break;
            case '=': out += "\\u003D"; break;
            default:
                if (u < 0x20) out += std::string("\\u00") + kHex[u >> 4] + kHex[u & 15];
                else out += c;
        }
    }
    return out;
}

// The html, js and urlquery builtins format several arguments as fmt.Sprint does.
std::string sprint_args(const Args& a) {
    if (a.size() == 1)
        if (const auto* s = std::get_if<std::string>(&a[0].v)) return *s;
    return go_sprint(a);
}

struct HostPort {
    std::string host, port;
};

// net.SplitHostPort; nullopt where it returns an error.
std::optional<HostPort> split_host_port(const std::string& s) {
    const auto colon = s.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    std::string host;
    std::size_t after_host = 0;
    if (!s.empty() && s[0] == '[') {
        const auto close = s.find(']');
        if (close == std::string::npos || close + 1 != colon) return std::nullopt;
        host = s.substr(1, close - 1);
        after_host = close + 1;
    } else {
        host = s.substr(0, colon);
        if (host.find(':') != std::string::npos) return std::nullopt;
    }
    if (s.find('[', after_host) != std::string::npos || s.find(']', after_host) != std::string::npos ||
        host.find('[') != std::string::npos)
        return std::nullopt;
    return HostPort{host, s.substr(colon + 1)};
}

bool is_ip(const std::string& s) {
    unsigned char buf[16];
    return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

TemplateValue strip_port(const Args& a) {
    const auto hp = split_host_port(str(a[0]));
    return {hp ? hp->host : str(a[0])};
}

TemplateValue strip_domain(const Args& a) {
    const std::string& s = str(a[0]);
    const auto hp = split_host_port(s);
    const std::string host = hp ? hp->host : s;
    if (is_ip(host)) return {s};
    const std::string first = host.substr(0, host.find('.'));
    if (!hp || hp->port.empty()) return {first};
    // net.JoinHostPort brackets a host that contains a colon.
    return {(first.find(':') != std::string::npos ? "[" + first + "]" : first) + ":" + hp->port};
}

// ---- Go's comparison builtins ---------------------------------------------------------------

enum class BasicKind { Bool, Int, Float, String, Other };

BasicKind basic_kind(const TemplateValue& v) {
    if (std::holds_alternative<bool>(v.v)) return BasicKind::Bool;
    if (std::holds_alternative<long long>(v.v)) return BasicKind::Int;
    if (std::holds_alternative<double>(v.v)) return BasicKind::Float;
    if (std::holds_alternative<std::string>(v.v)) return BasicKind::String;
    return BasicKind::Other;
}

bool equal(const TemplateValue& a, const TemplateValue& b) {
    const auto k = basic_kind(a);
    if (k != basic_kind(b)) {
        if (std::holds_alternative<GoNil>(a.v) || std::holds_alternative<GoNil>(b.v)) return false;
        fail("incompatible types for comparison");
    }
    switch (k) {
        case BasicKind::Bool: return std::get<bool>(a.v) == std::get<bool>(b.v);
        case BasicKind::Int: return std::get<long long>(a.v) == std::get<long long>(b.v);
        case BasicKind::Float: return std::get<double>(a.v) == std::get<double>(b.v);
        case BasicKind::String: return str(a) == str(b);
        case BasicKind::Other: break;
    }
    if (std::holds_alternative<GoNil>(a.v) && std::holds_alternative<GoNil>(b.v)) return true;
    fail("non-comparable type " + to_go_string(a) + ": " + go_type_name(a));
}

bool less(const TemplateValue& a, const TemplateValue& b) {
    const auto k = basic_kind(a);
    if (k == BasicKind::Other || basic_kind(b) == BasicKind::Other) fail("invalid type for comparison");
    if (k != basic_kind(b)) fail("incompatible types for comparison");
    switch (k) {
        case BasicKind::Int: return std::get<long long>(a.v) < std::get<long long>(b.v);
        case BasicKind::Float: return std::get<double>(a.v) < std::get<double>(b.v);
        case BasicKind::String: return str(a) < str(b);
        default: fail("invalid type for comparison");
    }
}

TemplateValue eq(const Args& a) {
    if (a.size() < 2) fail("missing argument for comparison");
    for (std::size_t i = 1; i < a.size(); ++i)
        if (equal(a[0], a[i])) return {true};
    return {false};
}

// Go's indexArg: an int index, at most `cap`.
std::size_t index_arg(const TemplateValue& v, std::size_t cap) {
    if (std::holds_alternative<GoNil>(v.v)) fail("cannot index slice/array with nil");
    const auto* n = std::get_if<long long>(&v.v);
    if (!n) fail("cannot index slice/array with type " + go_type_name(v));
    if (*n < 0 || static_cast<unsigned long long>(*n) > cap) fail("index out of range: " + std::to_string(*n));
    return static_cast<std::size_t>(*n);
}

// `index` of a string or slice: one past the last element is out of range too.
std::size_t element_index(const TemplateValue& v, std::size_t len) {
    const auto n = index_arg(v, len);
    if (n == len) fail("index out of range: " + std::to_string(n));
    return n;
}

TemplateValue index(const Args& a) {
    TemplateValue item = a[0];
    for (std::size_t i = 1; i < a.size(); ++i) {
        const TemplateValue& key = a[i];
        if (const auto* labels = std::get_if<tsdb::Labels>(&item.v)) {
            const auto* name = std::get_if<std::string>(&key.v);
            if (!name) fail("value has type " + go_type_name(key) + "; should be string");
            item = {std::string(labels->get(*name))};
        } else if (const auto* args = std::get_if<ArgsMap>(&item.v)) {
            const auto* name = std::get_if<std::string>(&key.v);
            if (!name) fail("value has type " + go_type_name(key) + "; should be string");
            TemplateValue found{GoNil{}};
            for (std::size_t n = 0; n < args->args.size(); ++n)
                if (*name == "arg" + std::to_string(n)) found = args->args[n];
            item = found;
        } else if (const auto* s = std::get_if<std::string>(&item.v)) {
            const auto n = element_index(key, s->size());
            item = {static_cast<long long>(static_cast<unsigned char>((*s)[n]))};  // a byte
        } else if (const auto* result = std::get_if<QueryResult>(&item.v)) {
            item = {SampleRef{result->samples[element_index(key, result->samples.size())]}};
        } else if (std::holds_alternative<GoNil>(item.v)) {
            fail("index of untyped nil");
        } else {
            fail("can't index item of type " + go_type_name(item));
        }
    }
    return item;
}

// Go's `slice x i j k`: strings and query results (whose capacity is taken as their length;
// Go's may be larger after append, which only matters for a third index beyond the length).
TemplateValue slice(const Args& a) {
    const TemplateValue& item = a[0];
    if (std::holds_alternative<GoNil>(item.v)) fail("slice of untyped nil");
    const std::size_t count = a.size() - 1;
    if (count > 3) fail("too many slice indexes: " + std::to_string(count));
    const auto* s = std::get_if<std::string>(&item.v);
    const auto* result = std::get_if<QueryResult>(&item.v);
    if (s && count == 3) fail("cannot 3-index slice a string");
    if (!s && !result) fail("can't slice item of type " + go_type_name(item));
    const std::size_t len = s ? s->size() : result->samples.size();
    std::array<std::size_t, 3> idx{0, len, len};
    for (std::size_t i = 0; i < count; ++i) idx[i] = index_arg(a[i + 1], len);
    for (std::size_t i = 0; i + 1 < std::max<std::size_t>(count, 2); ++i)
        if (idx[i] > idx[i + 1])
            fail("invalid slice index: " + std::to_string(idx[i]) + " > " + std::to_string(idx[i + 1]));
    if (s) return {s->substr(idx[0], idx[1] - idx[0])};
    return {QueryResult{{result->samples.begin() + static_cast<std::ptrdiff_t>(idx[0]),
                         result->samples.begin() + static_cast<std::ptrdiff_t>(idx[1])}}};
}

// Go's `call`: alert templates hold no function values, so every call fails as Go's does.
TemplateValue call(const Args& a) {
    if (std::holds_alternative<GoNil>(a[0].v)) fail("call of nil");
    fail("non-function of type " + go_type_name(a[0]));
}

TemplateValue length(const Args& a) {
    const auto& v = a[0].v;
    if (const auto* s = std::get_if<std::string>(&v)) return {static_cast<long long>(s->size())};
    if (const auto* l = std::get_if<tsdb::Labels>(&v)) return {static_cast<long long>(l->items().size())};
    if (const auto* m = std::get_if<ArgsMap>(&v)) return {static_cast<long long>(m->args.size())};
    if (const auto* r = std::get_if<QueryResult>(&v)) return {static_cast<long long>(r->samples.size())};
    fail("len of type " + go_type_name(a[0]));
}

// The sample behind a *template.sample argument; nil dereferences as in Go.
const QuerySample& sample_of(const TemplateValue& v) {
    const auto* ref = std::get_if<SampleRef>(&v.v);
    if (!ref) nil_dereference();
    return *ref->sample;
}

// A queryResult argument's elements; nil has none.
std::vector<std::shared_ptr<const QuerySample>> elements_of(const TemplateValue& v) {
    const auto* result = std::get_if<QueryResult>(&v.v);
    return result ? result->samples : std::vector<std::shared_ptr<const QuerySample>>{};
}

TemplateValue first(const Args& a) {
    const auto samples = elements_of(a[0]);
    if (samples.empty()) fail("first() called on vector with no elements");
    return {SampleRef{samples.front()}};
}

// A stable sort on one label's value, as Prometheus' sort.Stable on its queryResultByLabelSorter.
TemplateValue sort_by_label(const Args& a) {
    const std::string name = str(a[0]);
    auto samples = elements_of(a[1]);
    std::stable_sort(samples.begin(), samples.end(),
                     [&](const auto& x, const auto& y) { return x->labels.get(name) < y->labels.get(name); });
    return {QueryResult{std::move(samples)}};
}

TemplateValue printf_call(const Args& a) { return {go_sprintf(str(a[0]), Args(a.begin() + 1, a.end()))}; }

constexpr auto kAny = ParamType::Any;
constexpr auto kStr = ParamType::String;

const std::vector<TemplateFunction>& functions() {
    static const std::vector<TemplateFunction> table{
        // Go's builtins.
        {"and", {kAny, kAny}, true, nullptr, true},
        {"or", {kAny, kAny}, true, nullptr, true},
        {"not", {kAny}, false, [](const Args& a) { return TemplateValue{!is_true(a[0])}; }},
        {"len", {kAny}, false, length},
        {"index", {kAny, kAny}, true, index},
        {"slice", {kAny, kAny}, true, slice},
        {"call", {kAny, kAny}, true, call},
        {"print", {kAny}, true, [](const Args& a) { return TemplateValue{go_sprint(a)}; }},
        {"printf", {kStr, kAny}, true, printf_call},
        {"println", {kAny}, true, [](const Args& a) { return TemplateValue{go_sprintln(a)}; }},
        {"html", {kAny}, true, [](const Args& a) { return TemplateValue{html_escape(sprint_args(a))}; }},
        {"js", {kAny}, true, [](const Args& a) { return TemplateValue{js_escape(sprint_args(a))}; }},
        {"urlquery", {kAny}, true, [](const Args& a) { return TemplateValue{query_escape(sprint_args(a))}; }},
        {"eq", {kAny, kAny}, true, eq},
        {"ne", {kAny, kAny}, false, [](const Args& a) { return TemplateValue{!equal(a[0], a[1])}; }},
        {"lt", {kAny, kAny}, false, [](const Args& a) { return TemplateValue{less(a[0], a[1])}; }},
        {"le", {kAny, kAny}, false,
         [](const Args& a) { return TemplateValue{less(a[0], a[1]) || equal(a[0], a[1])}; }},
        {"gt", {kAny, kAny}, false,
         [](const Args& a) { return TemplateValue{!(less(a[0], a[1]) || equal(a[0], a[1]))}; }},
        {"ge", {kAny, kAny}, false, [](const Args& a) { return TemplateValue{!less(a[0], a[1])}; }},
        // Prometheus' functions (template/template.go).
        {"query", {kStr}, false, nullptr, false, true},
        {"first", {ParamType::QueryResult}, false, first},
        {"label", {kStr, ParamType::Sample}, false,
         [](const Args& a) { return TemplateValue{std::string(sample_of(a[1]).labels.get(str(a[0])))}; }},
        {"value", {ParamType::Sample}, false, [](const Args& a) { return TemplateValue{sample_of(a[0]).value}; }},
        {"strvalue", {ParamType::Sample}, false,
         [](const Args& a) { return TemplateValue{std::string(sample_of(a[0]).labels.get("__value__"))}; }},
        {"sortByLabel", {kStr, ParamType::QueryResult}, false, sort_by_label},
        {"args", {kAny}, true, [](const Args& a) { return TemplateValue{ArgsMap{a}}; }},
        {"reReplaceAll", {kStr, kStr, kStr}, false, [](const Args& a) { return TemplateValue{go_replace_all(str(a[0]), str(a[1]), str(a[2]))}; }},
        {"safeHtml", {kStr}, false, [](const Args& a) { return a[0]; }},
        {"match", {kStr, kStr}, false, [](const Args& a) { return TemplateValue{go_match(str(a[0]), str(a[1]))}; }},
        {"title", {kStr}, false, title},
        {"toUpper", {kStr}, false, to_upper},
        {"toLower", {kStr}, false, to_lower},
        {"graphLink", {kStr}, false,
         [](const Args& a) { return TemplateValue{"/graph?g0.expr=" + query_escape(str(a[0])) + "&g0.tab=0"}; }},
        {"tableLink", {kStr}, false,
         [](const Args& a) { return TemplateValue{"/graph?g0.expr=" + query_escape(str(a[0])) + "&g0.tab=1"}; }},
        {"humanize", {kAny}, false, humanize},
        {"humanize1024", {kAny}, false, humanize1024},
        {"humanizeDuration", {kAny}, false, humanize_duration},
        {"humanizePercentage", {kAny}, false, humanize_percentage},
        {"humanizeTimestamp", {kAny}, false, humanize_timestamp},
        {"toTime", {kAny}, false, to_time},
        {"parseDuration", {kStr}, false, parse_duration_seconds},
        {"stripPort", {kStr}, false, strip_port},
        {"stripDomain", {kStr}, false, strip_domain},
        {"pathPrefix", {}, false, [](const Args&) -> TemplateValue { nil_dereference(); }},
        {"externalURL", {}, false, [](const Args&) -> TemplateValue { nil_dereference(); }},
    };
    return table;
}

}  // namespace

std::string_view go_param_type_name(ParamType t) {
    switch (t) {
        case ParamType::Any: return "interface {}";
        case ParamType::String: return "string";
        case ParamType::Sample: return "*template.sample";
        case ParamType::QueryResult: return "template.queryResult";
    }
    return "";
}

const TemplateFunction* find_template_function(std::string_view name) {
    const auto& table = functions();
    const auto it = std::find_if(table.begin(), table.end(), [&](const TemplateFunction& f) { return f.name == name; });
    return it == table.end() ? nullptr : &*it;
}

}  // namespace sim::alerting
