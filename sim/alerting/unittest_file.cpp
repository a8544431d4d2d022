#include "sim/alerting/unittest_file.hpp"

#include <glob.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "sim/alerting/scalar_position.hpp"
#include "sim/alerting/yaml_merge_keys.hpp"
#include "sim/base/input_file.hpp"
#include "sim/promql/parser.hpp"

namespace sim::alerting {

namespace {

// promtool 2.42 decodes test files with yaml.v2 (strict); these fields are Go maps, the rest structs.
// The top-level block where a test file speaks to the twin only (promtool rejects the file).
constexpr const char* kOurBlock = "x-caracal-twin";

const MergeRules kTestFileMerges{MergeDialect::yaml_v2_strict, {"exp_labels", "exp_annotations", "external_labels"}};

bool is_null(const YAML::Node& n) { return !n || n.IsNull(); }

// yaml.v2 (promtool's decoder) reads plain scalars with YAML 1.1 rules; these are the spellings
// it gives a non-string meaning to.
bool is_yaml11_null(const std::string& s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

bool is_yaml11_bool(const std::string& s) {
    static const std::set<std::string> kBools = {"y",   "Y",   "yes",  "Yes",  "YES",  "n",     "N",     "no",
                                                 "No",  "NO",  "true", "True", "TRUE", "false", "False", "FALSE",
                                                 "on",  "On",  "ON",   "off",  "Off",  "OFF"};
    return kBools.count(s) > 0;
}

// Go's strconv.ParseInt(s, 0, 64) after yaml.v2 drops underscores: 0x, 0o, 0b and leading-0 octal.
std::optional<double> parse_yaml11_int(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    std::string_view v = s;
    const bool negative = !v.empty() && v.front() == '-';
    if (!v.empty() && (v.front() == '-' || v.front() == '+')) v.remove_prefix(1);
    int base = 10;
    if (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) base = 16, v.remove_prefix(2);
    else if (v.size() > 2 && v[0] == '0' && (v[1] == 'o' || v[1] == 'O')) base = 8, v.remove_prefix(2);
    else if (v.size() > 2 && v[0] == '0' && (v[1] == 'b' || v[1] == 'B')) base = 2, v.remove_prefix(2);
    else if (v.size() > 1 && v[0] == '0') base = 8, v.remove_prefix(1);
    std::int64_t n = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n, base);
    if (v.empty() || ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
    return static_cast<double>(negative ? -n : n);
}

// yaml.v2's float pattern: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
std::optional<double> parse_yaml11_float(const std::string& raw) {
    std::string s = raw;
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    static const std::map<std::string, double> kSpecial = {
        {".inf", INFINITY},   {".Inf", INFINITY},   {".INF", INFINITY},   {"+.inf", INFINITY},
        {"+.Inf", INFINITY},  {"+.INF", INFINITY},  {"-.inf", -INFINITY}, {"-.Inf", -INFINITY},
        {"-.INF", -INFINITY}, {".nan", NAN},        {".NaN", NAN},        {".NAN", NAN}};
    if (auto it = kSpecial.find(s); it != kSpecial.end()) return it->second;
    std::string_view v = s;
    if (!v.empty() && v.front() == '+') v.remove_prefix(1);
    std::size_t i = v.empty() || v.front() != '-' ? 0 : 1;
    const std::size_t mantissa = i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    const bool int_part = i > mantissa;
    if (i < v.size() && v[i] == '.') {
        const std::size_t frac = ++i;
        while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
        if (!int_part && i == frac) return std::nullopt;
    } else if (!int_part) {
        return std::nullopt;
    }
    double out = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (p != v.data() + v.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range) return v.front() == '-' ? -INFINITY : INFINITY;
    if (ec != std::errc()) return std::nullopt;
    return out;
}

// Reads YAML nodes into the model, rejecting what promtool's strict decoding rejects.
class Decoder {
public:
    Decoder(std::string file, const std::string& source) : file_(std::move(file)), source_(source) {}

    SourcePos pos(const YAML::Node& n) const {
        const YAML::Mark m = n.Mark();
        return SourcePos{m.line + 1, m.column + 1};
    }

    // The position of byte `offset` of a scalar's text (exact for single-line scalars).
    SourcePos pos_in(const YAML::Node& n, int offset) const {
        SourcePos p = pos(n);
        const std::string text = n.Scalar();
        const auto before = text.substr(0, static_cast<std::size_t>(std::max(0, offset)));
        const auto newlines = std::count(before.begin(), before.end(), '\n');
        if (newlines > 0) {
            p.line += static_cast<int>(newlines);
            p.column = static_cast<int>(before.size() - before.rfind('\n'));
        } else {
            p.column += offset + (n.Tag() == "!" ? 1 : 0);  // skip the opening quote
        }
        return p;
    }

    [[noreturn]] void fail(const YAML::Node& n, const std::string& message) const {
        throw InputError(file_, pos(n), message);
    }
    [[noreturn]] void fail(SourcePos p, const std::string& message) const { throw InputError(file_, p, message); }

    std::string type_name(const YAML::Node& n) const {
        switch (n.Type()) {
            case YAML::NodeType::Map: return "a mapping";
            case YAML::NodeType::Sequence: return "a sequence";
            default: return "a scalar";
        }
    }

    // The fields of a mapping, each checked against `allowed` and for repetition.
    std::map<std::string, YAML::Node> fields(const YAML::Node& n, const std::string& what,
                                             std::initializer_list<std::string_view> allowed) const {
        std::map<std::string, YAML::Node> out;
        if (is_null(n)) return out;
        if (!n.IsMap()) fail(n, "expected " + what + " (a mapping), found " + type_name(n));
        for (const auto& kv : n) {
            const std::string key = kv.first.Scalar();
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                fail(kv.first, "field " + key + " not found in " + what);
            if (!out.emplace(key, kv.second).second) fail(kv.first, "field " + key + " already set in " + what);
        }
        return out;
    }

    std::vector<YAML::Node> sequence(const YAML::Node& n, const std::string& what) const {
        std::vector<YAML::Node> out;
        if (is_null(n)) return out;
        if (!n.IsSequence()) fail(n, "expected a sequence of " + what + ", found " + type_name(n));
        for (const auto& item : n) out.push_back(item);
        return out;
    }

    // Any scalar reads as its text, as yaml.v2 does for string fields; null as "".
    std::string string(const YAML::Node& n) const {
        if (is_null(n)) return "";
        if (!n.IsScalar()) fail(n, "expected a string, found " + type_name(n));
        return n.Scalar();
    }

    std::vector<std::string> strings(const YAML::Node& n, const std::string& what) const {
        std::vector<std::string> out;
        for (const auto& item : sequence(n, what)) out.push_back(string(item));
        return out;
    }

    Duration duration(const YAML::Node& n) const {
        if (is_null(n)) return Duration();
        const std::string text = string(n);
        if (text.empty()) fail(n, "empty duration string");
        const auto d = parse_duration(text);
        if (!d && duration_out_of_range(text)) fail(n, "duration out of range");
        if (!d) fail(n, "not a valid duration string: " + tsdb::quote(text));
        return *d;
    }

    double float64(const YAML::Node& n) const {
        if (is_null(n)) return 0;
        if (!n.IsScalar()) fail(n, "expected a number, found " + type_name(n));
        const std::string text = n.Scalar();
        const bool plain = n.Tag() == "?";
        if (plain && is_yaml11_null(text)) return 0;
        if (plain && is_yaml11_bool(text)) fail(n, "cannot unmarshal !!bool " + tsdb::quote(text) + " into a number");
        if (plain) {
            if (auto v = parse_yaml11_int(text)) return *v;
            if (auto v = parse_yaml11_float(text)) return *v;
        }
        fail(n, "cannot unmarshal !!str " + tsdb::quote(text) + " into a number");
    }

    bool boolean(const YAML::Node& n) const {
        const std::string text = string(n);
        if (text.empty()) return false;
        if (!is_yaml11_bool(text)) fail(n, "expected true or false, found " + tsdb::quote(text));
        static const std::set<std::string> kTrue = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
        return kTrue.count(text) > 0;
    }

    LabelPairs string_map(const YAML::Node& n, const std::string& what) const {
        LabelPairs out;
        if (is_null(n)) return out;
        if (!n.IsMap()) fail(n, "expected " + what + " (a mapping of strings), found " + type_name(n));
        for (const auto& kv : n) {
            const std::string key = string(kv.first);
            const bool repeated = std::any_of(out.begin(), out.end(), [&](const tsdb::Label& l) { return l.name == key; });
            if (repeated) fail(kv.first, "key " + tsdb::quote(key) + " already set in " + what);
            out.push_back({key, string(kv.second)});
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    tsdb::Labels metric(const YAML::Node& n) const {
        const std::string text = string(n);
        try {
            return promql::parse_metric(text);
        } catch (const promql::ParseError& e) {
            fail(pos_in(n, e.pos().start), "bad series " + tsdb::quote(text) + ": parse error: " + e.what());
        }
    }

    promql::ExprPtr expr(const YAML::Node& n) const {
        const std::string text = string(n);
        try {
            return promql::parse(text);
        } catch (const promql::ParseError& e) {
            // The file position of the error, then promtool's: line:col inside the expression.
            const auto inner = promql::line_col(text, e.pos().start);
            fail(position_in_scalar(source_, n, text, e.pos().start), std::to_string(inner.line) + ":" + std::to_string(inner.column) +
                                               ": parse error: " + e.what());
        }
    }

    SeriesRuns values(const YAML::Node& n) const {
        try {
            return parse_series_runs(string(n));
        } catch (const NotationError& e) {
            fail(pos_in(n, e.offset()), e.what());
        }
    }

    // A field of ours that promtool 2.42 does not know, refused in its words unless extensions are on.
    void refuse_unless_extensions(const std::map<std::string, YAML::Node>& f, const std::string& key,
                                  const std::string& go_type) const {
        if (extensions || f.count(key) == 0) return;
        fail(f.at(key), "field " + key + " not found in type " + go_type + kExtensionsHint);
    }

    bool extensions = false;

    Time timestamp(const YAML::Node& n) const {
        if (is_null(n)) return Time::epoch();
        const auto t = parse_timestamp(string(n));
        if (!t) fail(n, "start_timestamp must be Unix seconds or RFC3339, found " + tsdb::quote(string(n)));
        return *t;
    }

private:
    std::string file_;
    const std::string& source_;  // the file's text, for positions inside multi-line scalars
};

InputSeries parse_input_series(const Decoder& d, const YAML::Node& n) {
    auto f = d.fields(n, "an input series", {"series", "values"});
    return InputSeries{d.metric(f["series"]), d.values(f["values"]), d.pos(n)};
}

AlertTest parse_alert_test(const Decoder& d, const YAML::Node& n, const std::string& group_name) {
    auto f = d.fields(n, "an alert_rule_test item", {"eval_time", "alertname", "exp_alerts"});
    AlertTest t{d.duration(f["eval_time"]), d.string(f["alertname"]), {}, d.pos(n)};
    if (t.alertname.empty())
        d.fail(n, "an item under alert_rule_test misses required attribute alertname at eval_time " +
                      format_duration(t.eval_time) + (group_name.empty() ? "" : " (in TestGroup " + group_name + ")"));
    for (const auto& item : d.sequence(f["exp_alerts"], "expected alerts")) {
        auto a = d.fields(item, "an expected alert", {"exp_labels", "exp_annotations"});
        t.exp_alerts.push_back({d.string_map(a["exp_labels"], "exp_labels"),
                                d.string_map(a["exp_annotations"], "exp_annotations")});
    }
    return t;
}

PromqlTest parse_promql_test(const Decoder& d, const YAML::Node& n) {
    auto f = d.fields(n, "a promql_expr_test item", {"expr", "eval_time", "exp_samples"});
    PromqlTest t{d.string(f["expr"]), d.expr(f["expr"]), d.duration(f["eval_time"]), {}, d.pos(n)};
    for (const auto& item : d.sequence(f["exp_samples"], "expected samples")) {
        auto s = d.fields(item, "an expected sample", {"labels", "value"});
        t.exp_samples.push_back({d.metric(s["labels"]), d.float64(s["value"])});
    }
    return t;
}

TestGroup parse_test_group(const Decoder& d, const YAML::Node& n) {
    auto f = d.fields(n, "a test group",
                      {"interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels",
                       "external_url", "name", "start_timestamp"});
    d.refuse_unless_extensions(f, "start_timestamp", "main.testGroup");
    TestGroup g;
    g.pos = d.pos(n);
    g.name = d.string(f["name"]);
    g.interval = d.duration(f["interval"]);
    g.start = d.timestamp(f["start_timestamp"]);
    for (const auto& item : d.sequence(f["input_series"], "input series"))
        g.input_series.push_back(parse_input_series(d, item));
    for (const auto& item : d.sequence(f["alert_rule_test"], "alert tests"))
        g.alert_tests.push_back(parse_alert_test(d, item, g.name));
    for (const auto& item : d.sequence(f["promql_expr_test"], "PromQL tests"))
        g.promql_tests.push_back(parse_promql_test(d, item));
    for (const auto& [name, value] : d.string_map(f["external_labels"], "external_labels"))
        g.external_labels.set(name, value);
    g.external_url = d.string(f["external_url"]);
    return g;
}

// Joins relative patterns to the test file's folder and expands globs, as promtool does.
void resolve_rule_files(const std::vector<std::string>& patterns, const std::string& base_dir, UnitTestFile& out) {
    for (const auto& pattern : patterns) {
        std::string full = pattern;
        if (!pattern.empty() && pattern.front() != '/')
            full = (std::filesystem::path(base_dir) / pattern).lexically_normal().string();
        glob_t g{};
        const int rc = ::glob(full.c_str(), 0, nullptr, &g);
        if (rc == 0) {
            for (std::size_t i = 0; i < g.gl_pathc; ++i) out.rule_files.emplace_back(g.gl_pathv[i]);
        } else {
            out.unmatched_patterns.push_back(full);
        }
        ::globfree(&g);
    }
}

// yaml-cpp 0.7 accepts a quoted scalar left open until the end of the input, which YAML (and
// promtool) reject; find the closing quote of every quoted scalar in the source. `seen` holds the
// offsets of the collections already walked: an alias is its anchored node, and an anchor that
// contains its own alias would otherwise be walked for ever.
void check_quotes_closed(const YAML::Node& n, const std::string& text, const std::string& file,
                         std::set<int>& seen) {
    if (n.IsMap() || n.IsSequence()) {
        if (!seen.insert(n.Mark().pos).second) return;
        for (const auto& item : n) {
            if (n.IsMap()) {
                check_quotes_closed(item.first, text, file, seen);
                check_quotes_closed(item.second, text, file, seen);
            } else {
                check_quotes_closed(item, text, file, seen);
            }
        }
        return;
    }
    const auto start = static_cast<std::size_t>(std::max(0, n.Mark().pos));
    if (!n.IsScalar() || n.Tag() != "!" || start >= text.size()) return;
    const char quote = text[start];
    if (quote != '"' && quote != '\'') return;
    for (std::size_t i = start + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i;
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' inside '...'
            else return;
        }
    }
    throw InputError(file, SourcePos{n.Mark().line + 1, n.Mark().column + 1}, "quoted string is never closed");
}

}  // namespace

UnitTestFile parse_unittest_text(const std::string& text, const std::string& file_name, const std::string& base_dir,
                                 bool extensions) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
        resolve_merge_keys(root, kTestFileMerges);
    } catch (const YAML::Exception& e) {
        throw InputError(file_name, SourcePos{e.mark.line + 1, e.mark.column + 1}, e.msg);
    }
    std::set<int> walked;
    check_quotes_closed(root, text, file_name, walked);
    Decoder d(file_name, text);
    auto f = d.fields(root, "the unit test file",
                      {"rule_files", "evaluation_interval", "group_eval_order", "tests", "fuzzy_compare", kOurBlock});
    auto ours = d.fields(f[kOurBlock], "the x-caracal-twin block", {"extensions"});
    d.extensions = extensions || d.boolean(ours["extensions"]);
    d.refuse_unless_extensions(f, "fuzzy_compare", "main.unitTestFile");
    UnitTestFile out;
    out.path = file_name;
    out.extensions = d.extensions;
    resolve_rule_files(d.strings(f["rule_files"], "rule files"), base_dir, out);
    if (const Duration ei = d.duration(f["evaluation_interval"]); !ei.is_zero()) out.evaluation_interval = ei;
    std::set<std::string> seen;
    for (const auto& item : d.sequence(f["group_eval_order"], "group names")) {
        const std::string name = d.string(item);
        if (!seen.insert(name).second) d.fail(item, "group name repeated in evaluation order: " + name);
        out.group_eval_order.push_back(name);
    }
    out.fuzzy_compare = d.boolean(f["fuzzy_compare"]);
    for (const auto& item : d.sequence(f["tests"], "test groups")) out.tests.push_back(parse_test_group(d, item));
    return out;
}

UnitTestFile load_unittest_file(const std::string& path, bool extensions) {
    const std::string text = read_input_file(path, "cannot read the file");
    const auto dir = std::filesystem::path(path).parent_path().string();
    return parse_unittest_text(text, path, dir.empty() ? "." : dir, extensions);
}

}  // namespace sim::alerting
