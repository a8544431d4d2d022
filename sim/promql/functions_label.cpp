// label_replace and label_join (Prometheus 2.42 functions.go). Regexes are RE2, anchored as
// Prometheus anchors them; `$1`, `${1}` and `$name` expand as Go's Regexp.Expand does.
#include <re2/re2.h>


#include "sim/promql/eval_functions.hpp"

namespace sim::promql {

namespace {

bool name_char(char c) {
    // Go accepts any Unicode letter or digit; label templates in practice are ASCII.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The text of group `name` (a number or a group name), empty when it did not participate.
std::string_view group_text(const RE2& re, std::string_view name, const std::vector<re2::StringPiece>& groups) {
    int index = -1;
    bool numeric = !name.empty() && !(name[0] == '0' && name.size() > 1);
    std::int64_t num = 0;
    for (char c : name) {
        if (c < '0' || c > '9' || num >= 100000000) {
            numeric = false;
            break;
        }
        num = num * 10 + (c - '0');
    }
    if (numeric) {
        index = static_cast<int>(num);
    } else {
        auto it = re.NamedCapturingGroups().find(std::string(name));
        if (it != re.NamedCapturingGroups().end()) index = it->second;
    }
    if (index < 0 || index >= static_cast<int>(groups.size()) || groups[index].data() == nullptr) return {};
    return {groups[index].data(), groups[index].size()};
}

// Go's Regexp.Expand: `$$` is a dollar, `$name` takes the longest run of name characters,
// `${name}` needs its closing brace, anything malformed is copied as is.
std::string expand(const RE2& re, std::string_view tmpl, const std::vector<re2::StringPiece>& groups) {
    std::string out;
    while (!tmpl.empty()) {
        const auto dollar = tmpl.find('$');
        if (dollar == std::string_view::npos) break;
        out.append(tmpl.substr(0, dollar));
        tmpl.remove_prefix(dollar + 1);
        if (!tmpl.empty() && tmpl[0] == '$') {
            out += '$';
            tmpl.remove_prefix(1);
            continue;
        }
        const bool brace = !tmpl.empty() && tmpl[0] == '{';
        std::string_view rest = brace ? tmpl.substr(1) : tmpl;
        std::size_t n = 0;
        while (n < rest.size() && name_char(rest[n])) ++n;
        if (n == 0 || (brace && (n >= rest.size() || rest[n] != '}'))) {
            out += '$';
            continue;
        }
        out.append(group_text(re, rest.substr(0, n), groups));
        tmpl = rest.substr(n + (brace ? 1 : 0));
    }
    out.append(tmpl);
    return out;
}

std::string string_arg(const Value& v) { return std::get<String>(v).s; }

Value label_replace(const Call&, std::vector<Value>& args, Time t) {
    const std::string dst = string_arg(args[1]), repl = string_arg(args[2]), src = string_arg(args[3]),
                      regex = string_arg(args[4]);
    RE2::Options opts;
    opts.set_log_errors(false);
    const RE2 re("^(?:" + regex + ")$", opts);
    if (!re.ok()) throw FunctionError("invalid regular expression in label_replace(): " + regex);
    if (!is_valid_label_name(dst)) throw FunctionError("invalid destination label name in label_replace(): " + dst);

    auto& vec = std::get<Vector>(args[0]);
    std::vector<re2::StringPiece> groups(re.NumberOfCapturingGroups() + 1);
    for (auto& s : vec) {
        const std::string value(s.metric.get(src));
        if (!re.Match(value, 0, value.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) continue;
        s.metric.set(dst, expand(re, repl, groups));  // an empty result removes the label
        s.t = t;
    }
    return std::move(vec);
}

Value label_join(const Call&, std::vector<Value>& args, Time t) {
    const std::string dst = string_arg(args[1]), sep = string_arg(args[2]);
    std::vector<std::string> sources;
    for (std::size_t i = 3; i < args.size(); ++i) {
        sources.push_back(string_arg(args[i]));
        if (!is_valid_label_name(sources.back()))
            throw FunctionError("invalid source label name in label_join(): " + sources.back());
    }
    if (!is_valid_label_name(dst)) throw FunctionError("invalid destination label name in label_join(): " + dst);

    auto& vec = std::get<Vector>(args[0]);
    for (auto& s : vec) {
        std::string joined;
        for (std::size_t i = 0; i < sources.size(); ++i) {
            if (i > 0) joined += sep;
            joined += s.metric.get(sources[i]);
        }
        s.metric.set(dst, joined);  // an empty result removes the label
        s.t = t;
    }
    return std::move(vec);
}

const std::map<std::string_view, VectorFunction> kFunctions = {
    {"label_replace", label_replace},
    {"label_join", label_join},
};

}  // namespace

const VectorFunction* find_label_function(std::string_view name) { return find_in(kFunctions, name); }

}  // namespace sim::promql
