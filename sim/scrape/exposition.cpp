#include "sim/scrape/exposition.hpp"

#include <charconv>
#include <cmath>
#include <map>

namespace sim::scrape {

namespace {

const char* type_name(MetricType t) {
    switch (t) {
        case MetricType::Counter: return "counter";
        case MetricType::Gauge: return "gauge";
        case MetricType::Untyped: return "untyped";
    }
    return "untyped";
}

// The format escapes backslash and newline in HELP text, and also the double quote in label values.
void append_escaped(std::string& out, std::string_view text, bool quote) {
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (quote && c == '"')
            out += "\\\"";
        else
            out += c;
    }
}

// Shortest text that parses back to the same double, with Go's spellings of the specials.
void append_value(std::string& out, double v) {
    if (std::isnan(v)) {
        out += "NaN";
    } else if (std::isinf(v)) {
        out += v > 0 ? "+Inf" : "-Inf";
    } else {
        char buf[32];
        const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
        out.append(buf, end);
    }
}

}  // namespace

std::string render_exposition(const std::vector<ExposedSample>& samples, const DescribeFamily& describe) {
    std::map<std::string, std::vector<const ExposedSample*>> families;
    for (const auto& s : samples) families[std::string(s.labels.get(tsdb::kMetricName))].push_back(&s);
    std::string out;
    for (const auto& [name, members] : families) {
        const MetricFamilyInfo info = describe(name);
        if (!info.help.empty()) {
            out += "# HELP " + name + " ";
            append_escaped(out, info.help, false);
            out += '\n';
        }
        out += "# TYPE " + name + " " + type_name(info.type) + "\n";
        for (const ExposedSample* s : members) {
            out += name;
            const tsdb::Labels labels = s->labels.without_name();
            if (!labels.empty()) {
                out += '{';
                bool first = true;
                for (const auto& l : labels.items()) {
                    if (!first) out += ',';
                    first = false;
                    out += l.name + "=\"";
                    append_escaped(out, l.value, true);
                    out += '"';
                }
                out += '}';
            }
            out += ' ';
            append_value(out, s->value);
            out += '\n';
        }
    }
    return out;
}

}  // namespace sim::scrape
