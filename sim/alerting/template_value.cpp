#include "sim/alerting/template_value.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "sim/alerting/template.hpp"
#include "sim/base/time.hpp"

namespace sim::alerting {

namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

// Go prints non-finite floats the same way under every float verb.
std::optional<std::string> non_finite(double v) {
    if (std::isnan(v)) return std::string("NaN");
    if (std::isinf(v)) return std::string(v > 0 ? "+Inf" : "-Inf");
    return std::nullopt;
}

// C's printf agrees with Go's fmt on finite floats for the %e %f %g families (same rounding of
// the exact binary value, same two-digit minimum exponent).
std::string c_format(const std::string& spec, double v) {
    char buf[512];
    int n = std::snprintf(buf, sizeof buf, spec.c_str(), v);
    if (n < 0) return {};
    if (static_cast<std::size_t>(n) < sizeof buf) return std::string(buf, n);
    std::string big(n + 1, '\0');
    std::snprintf(big.data(), big.size(), spec.c_str(), v);
    big.resize(n);
    return big;
}

struct Spec {
    bool minus = false, plus = false, space = false, zero = false, sharp = false;
    int width = -1;
    int precision = -1;
    char verb = 'v';
};

std::string pad(std::string s, const Spec& spec) {
    if (spec.width < 0 || static_cast<int>(s.size()) >= spec.width) return s;
    std::string fill(spec.width - s.size(), ' ');
    return spec.minus ? s + fill : fill + s;
}

std::string c_spec(const Spec& spec, const char* length, char verb) {
    std::string f = "%";
    if (spec.minus) f += '-';
    if (spec.plus) f += '+';
    if (spec.space) f += ' ';
    if (spec.zero) f += '0';
    if (spec.sharp) f += '#';
    if (spec.width >= 0) f += std::to_string(spec.width);
    if (spec.precision >= 0) {
        f += '.';
        f += std::to_string(spec.precision);
    }
    f += length;
    f += verb;
    return f;
}

std::string bad_verb(const Spec& spec, const TemplateValue& v) {
    return std::string("%!") + spec.verb + "(" + go_type_name(v) + "=" + to_go_string(v) + ")";
}

std::string format_float(const Spec& spec, double v) {
    if (auto s = non_finite(v)) return pad(*s, spec);
    // Without a precision Go's %g is the shortest representation, like %v; C would use 6 digits.
    const bool shortest = spec.verb == 'v' || ((spec.verb == 'g' || spec.verb == 'G') && spec.precision < 0);
    if (!shortest) return c_format(c_spec(spec, "", spec.verb), v);
    std::string s = format_go_float(v);
    if (spec.verb == 'G')
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (spec.plus && v >= 0) s.insert(0, "+");
    return pad(s, spec);
}

std::string format_int(const Spec& spec, long long v) {
    switch (spec.verb) {
        case 'v':
        case 'd': {
            char buf[64];
            std::snprintf(buf, sizeof buf, c_spec(spec, "ll", 'd').c_str(), v);
            return buf;
        }
        case 'x':
        case 'X':
        case 'o': {
            // Go prints a sign and the magnitude, C the two's complement.
            unsigned long long mag = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : v;
            Spec digits_only;  // width and padding are applied after the sign is placed
            digits_only.sharp = spec.sharp;
            char buf[64];
            std::snprintf(buf, sizeof buf, c_spec(digits_only, "ll", spec.verb).c_str(), mag);
            return pad((v < 0 ? "-" : "") + std::string(buf), spec);
        }
        default: return bad_verb(spec, TemplateValue{v});
    }
}

std::string format_string(const Spec& spec, const std::string& s) {
    switch (spec.verb) {
        case 'v':
        case 's': return pad(spec.precision >= 0 ? s.substr(0, spec.precision) : s, spec);
        case 'q': return pad(tsdb::quote(s), spec);
        default: return bad_verb(spec, TemplateValue{s});
    }
}

std::string format_arg(const Spec& spec, const TemplateValue& arg) {
    return std::visit(Overloaded{[&](const std::string& s) { return format_string(spec, s); },
                                 [&](long long i) { return format_int(spec, i); },
                                 [&](double d) {
                                     if (std::string_view("eEfFgGv").find(spec.verb) == std::string_view::npos)
                                         return bad_verb(spec, arg);
                                     return format_float(spec, d);
                                 },
                                 [&](GoNil) {
                                     return spec.verb == 'v' ? pad("<nil>", spec) : "%!" + std::string(1, spec.verb) + "(<nil>)";
                                 },
                                 [&](bool) {
                                     if (spec.verb != 'v' && spec.verb != 't') return bad_verb(spec, arg);
                                     return pad(to_go_string(arg), spec);
                                 },
                                 [&](const auto&) {
                                     if (spec.verb != 'v' && spec.verb != 's') return bad_verb(spec, arg);
                                     return pad(to_go_string(arg), spec);
                                 }},
                      arg.v);
}

// A width or precision. Like Go, a number past a million swallows the rest of the format
// (which then ends in %!(NOVERB)) rather than allocating a giant field.
int read_number(const std::string& f, std::size_t& i) {
    int n = 0;
    for (; i < f.size() && f[i] >= '0' && f[i] <= '9'; ++i) {
        if (n > 1'000'000) {
            i = f.size();
            return 0;
        }
        n = n * 10 + (f[i] - '0');
    }
    return n;
}

}  // namespace

std::string format_go_float(double v) {
    if (auto s = non_finite(v)) return *s;
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string sci(buf, res.ptr);  // shortest round-trip digits: "-1.2345e+06"
    const auto e = sci.find('e');
    const int exp = std::atoi(sci.c_str() + e + 1);
    if (exp < -4 || exp >= 6) return sci;  // std::to_chars writes Go's two-digit exponent too

    const bool negative = sci[0] == '-';
    std::string digits;
    for (std::size_t i = negative ? 1 : 0; i < e; ++i)
        if (sci[i] != '.') digits += sci[i];
    std::string out = negative ? "-" : "";
    if (exp < 0) return out + "0." + std::string(-exp - 1, '0') + digits;
    const auto int_len = static_cast<std::size_t>(exp) + 1;
    if (digits.size() <= int_len) return out + digits + std::string(int_len - digits.size(), '0');
    return out + digits.substr(0, int_len) + "." + digits.substr(int_len);
}

std::string go_type_name(const TemplateValue& v) {
    return std::visit(Overloaded{[](GoNil) { return std::string("<nil>"); },
                                 [](bool) { return std::string("bool"); },
                                 [](const std::string&) { return std::string("string"); },
                                 [](long long) { return std::string("int"); },
                                 [](double) { return std::string("float64"); },
                                 [](const tsdb::Labels&) { return std::string("map[string]string"); },
                                 [](GoTime) { return std::string("*time.Time"); },
                                 [](const ArgsMap&) { return std::string("map[string]interface {}"); },
                                 [](AlertFields) {
                                     return std::string("struct { Labels map[string]string; ExternalLabels "
                                                        "map[string]string; ExternalURL string; Value float64 }");
                                 },
                                 [](const SampleRef&) { return std::string("*template.sample"); },
                                 [](const QueryResult&) { return std::string("template.queryResult"); }},
                      v.v);
}

bool is_true(const TemplateValue& v) {
    return std::visit(Overloaded{[](GoNil) { return false; }, [](bool b) { return b; },
                                 [](const std::string& s) { return !s.empty(); }, [](long long i) { return i != 0; },
                                 [](double d) { return d != 0; },  // NaN is true, as in Go
                                 [](const tsdb::Labels& l) { return !l.items().empty(); },
                                 [](GoTime) { return true; }, [](const ArgsMap& a) { return !a.args.empty(); },
                                 [](AlertFields) { return true; }, [](const SampleRef&) { return true; },
                                 [](const QueryResult& r) { return !r.samples.empty(); }},
                      v.v);
}

namespace {
// Go prints maps sorted by key.
std::string format_map(const std::vector<std::pair<std::string, std::string>>& sorted) {
    std::string out = "map[";
    for (std::size_t i = 0; i < sorted.size(); ++i) out += (i ? " " : "") + sorted[i].first + ":" + sorted[i].second;
    return out + "]";
}
}  // namespace

std::string to_go_string(const TemplateValue& v) {
    return std::visit(Overloaded{[](GoNil) { return std::string("<nil>"); },
                                 [](bool b) { return std::string(b ? "true" : "false"); },
                                 [](const std::string& s) { return s; },
                                 [](long long i) { return std::to_string(i); },
                                 [](double d) { return format_go_float(d); },
                                 [](const tsdb::Labels& l) {
                                     std::vector<std::pair<std::string, std::string>> entries;
                                     for (const auto& [name, value] : l.items()) entries.emplace_back(name, value);
                                     return format_map(entries);  // Labels are sorted already
                                 },
                                 [](GoTime t) { return format_go_time(t); },
                                 [](const ArgsMap& a) {
                                     std::vector<std::pair<std::string, std::string>> entries;
                                     for (std::size_t i = 0; i < a.args.size(); ++i)
                                         entries.emplace_back("arg" + std::to_string(i), to_go_string(a.args[i]));
                                     std::sort(entries.begin(), entries.end());  // "arg10" sorts before "arg2"
                                     return format_map(entries);
                                 },
                                 [](AlertFields f) {
                                     return "{" + to_go_string({f.data->labels}) + " " +
                                            to_go_string({f.data->external_labels}) + " " + f.data->external_url + " " +
                                            format_go_float(f.data->value) + "}";
                                 },
                                 // text/template prints a pointer's struct: {map[__name__:x] 1}.
                                 [](const SampleRef& s) {
                                     return "{" + to_go_string({s.sample->labels}) + " " +
                                            format_go_float(s.sample->value) + "}";
                                 },
                                 // Go prints the elements' addresses, which no test can expect.
                                 [](const QueryResult& r) {
                                     std::string out = "[";
                                     for (std::size_t i = 0; i < r.samples.size(); ++i) out += i ? " 0x0" : "0x0";
                                     return out + "]";
                                 }},
                      v.v);
}

std::string format_go_time(GoTime t) {
    long long secs = t.unix_nanos / 1'000'000'000;
    long long frac = t.unix_nanos % 1'000'000'000;
    if (frac < 0) {
        frac += 1'000'000'000;
        --secs;
    }
    std::string out = format_rfc3339(Time::from_millis(secs * 1000));  // 1970-01-01T00:00:00Z
    out[10] = ' ';
    out.pop_back();
    if (frac != 0) {
        std::string digits = std::to_string(frac);
        digits.insert(0, 9 - digits.size(), '0');
        while (digits.back() == '0') digits.pop_back();
        out += "." + digits;
    }
    return out + " +0000 UTC";
}

std::string go_sprint(const std::vector<TemplateValue>& args) {
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const bool is_string = std::holds_alternative<std::string>(args[i].v);
        if (i > 0 && !is_string && !std::holds_alternative<std::string>(args[i - 1].v)) out += ' ';
        out += to_go_string(args[i]);
    }
    return out;
}

std::string go_sprintln(const std::vector<TemplateValue>& args) {
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i) out += (i ? " " : "") + to_go_string(args[i]);
    return out + "\n";
}

std::string go_sprintf(const std::string& f, const std::vector<TemplateValue>& args) {
    std::string out;
    std::size_t next_arg = 0;
    for (std::size_t i = 0; i < f.size();) {
        if (f[i] != '%') {
            out += f[i++];
            continue;
        }
        ++i;
        Spec spec;
        for (; i < f.size(); ++i) {
            const char c = f[i];
            if (c == '-') spec.minus = true;
            else if (c == '+') spec.plus = true;
            else if (c == ' ') spec.space = true;
            else if (c == '0') spec.zero = true;
            else if (c == '#') spec.sharp = true;
            else break;
        }
        if (i < f.size() && f[i] >= '0' && f[i] <= '9') spec.width = read_number(f, i);
        if (i < f.size() && f[i] == '.') {
            ++i;
            spec.precision = read_number(f, i);
        }
        if (i >= f.size()) {
            out += "%!(NOVERB)";
            break;
        }
        spec.verb = f[i++];
        if (spec.verb == '%') {
            out += '%';
            continue;
        }
        if (next_arg >= args.size()) {
            out += std::string("%!") + spec.verb + "(MISSING)";
            continue;
        }
        out += format_arg(spec, args[next_arg++]);
    }
    if (next_arg < args.size()) {
        out += "%!(EXTRA ";
        for (std::size_t a = next_arg; a < args.size(); ++a) {
            if (a > next_arg) out += ", ";
            out += go_type_name(args[a]) + "=" + to_go_string(args[a]);
        }
        out += ")";
    }
    return out;
}

}  // namespace sim::alerting
