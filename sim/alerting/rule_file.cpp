#include "sim/alerting/rule_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/alerting/alerting_rule.hpp"
#include "sim/alerting/recording_rule.hpp"
#include "sim/alerting/scalar_position.hpp"
#include "sim/alerting/yaml_documents.hpp"
#include "sim/base/input_file.hpp"
#include "sim/promql/parser.hpp"

namespace sim::alerting {

namespace {

// Prometheus' name syntax: [a-zA-Z_][a-zA-Z0-9_]* for labels; metric names also allow ':'.
bool is_valid_name(std::string_view s, bool allow_colon) {
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                        (allow_colon && c == ':') || (i > 0 && c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

// A mapping's entries by key, with the key nodes kept for positions.
struct Fields {
    YAML::Node map;
    std::map<std::string, std::pair<YAML::Node, YAML::Node>> entries;  // key -> (key node, value)

    const YAML::Node* get(const std::string& key) const {
        auto it = entries.find(key);
        return it == entries.end() ? nullptr : &it->second.second;
    }
    // Present and not null (`expr:` with nothing after it counts as unset, as in Go's YAML).
    bool has(const std::string& key) const {
        const auto* n = get(key);
        return n && !n->IsNull();
    }
};

// Turns a YAML tree into rule groups, failing with the position of the offending node. One loader
// reads one file; `context_` names the group and rule being read so messages say where.
class Loader {
public:
    Loader(const std::string& text, const std::string& file) : text_(text), file_(file) {}

    RuleSet load() {
        std::vector<YAML::Node> docs;
        try {
            docs = load_yaml_documents(text_);
        } catch (const YAML::Exception& e) {
            throw InputError(file_, to_pos(e.mark), "invalid YAML: " + e.msg);
        }
        RuleSet out;
        for (const auto& doc : docs) {
            if (doc.IsNull()) continue;
            if (doc.IsMap() && (doc["apiVersion"] || doc["kind"]))
                load_prometheus_rule(fields(doc, {"apiVersion", "kind", "metadata", "spec"}, "PrometheusRule"), out);
            else
                load_groups(fields(doc, {"groups"}, "rule file"), "rule file", out);
        }
        return out;
    }

private:
    [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
        throw InputError(file_, pos_of(at), context_ + message);
    }

    static SourcePos to_pos(const YAML::Mark& m) {
        if (m.is_null()) return {};
        return {m.line + 1, m.column + 1};
    }
    SourcePos pos_of(const YAML::Node& n) const { return to_pos(n.Mark()); }

    Fields fields(const YAML::Node& node, std::initializer_list<std::string_view> allowed, const std::string& what) const {
        if (!node.IsMap()) fail(node, what + " must be a mapping");
        Fields out{node, {}};
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YAML::Node key = it->first;
            if (!key.IsScalar()) fail(key, what + ": keys must be strings");
            const std::string name = key.Scalar();
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                std::string expected;
                for (auto a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
                fail(key, "field " + name + " not found in " + what + " (expected one of: " + expected + ")");
            }
            if (auto prev = out.entries.find(name); prev != out.entries.end())
                fail(key, "mapping key \"" + name + "\" already defined at line " +
                              std::to_string(pos_of(prev->second.first).line));
            out.entries.emplace(name, std::make_pair(key, it->second));
        }
        return out;
    }

    std::string scalar(const YAML::Node& node, const std::string& what) const {
        if (!node.IsScalar()) fail(node, what + " must be a string");
        return node.Scalar();
    }

    Duration duration(const YAML::Node& node, const std::string& what) const {
        const std::string text = scalar(node, what);
        auto d = parse_duration(text);
        if (!d) fail(node, "not a valid duration string: \"" + text + "\" (" + what + ")");
        return *d;
    }

    void load_prometheus_rule(const Fields& top, RuleSet& out) {
        for (const char* required : {"apiVersion", "kind", "spec"})
            if (!top.has(required)) fail(top.map, std::string("PrometheusRule: field ") + required + " must be set");
        const std::string api = scalar(*top.get("apiVersion"), "apiVersion");
        if (api != "monitoring.coreos.com/v1")
            fail(*top.get("apiVersion"), "apiVersion must be monitoring.coreos.com/v1, got \"" + api + "\"");
        const std::string kind = scalar(*top.get("kind"), "kind");
        if (kind != "PrometheusRule") fail(*top.get("kind"), "kind must be PrometheusRule, got \"" + kind + "\"");
        const Fields spec = fields(*top.get("spec"), {"groups"}, "PrometheusRule spec");
        // A Kubernetes object is no rule file to promtool: it names the first field it does not know.
        document_beyond_ = BeyondPromtool{pos_of(top.entries.at("apiVersion").first),
                                          "field apiVersion not found in type rulefmt.RuleGroups"};
        load_groups(spec, "PrometheusRule spec", out);
        document_beyond_.reset();
    }

    void load_groups(const Fields& holder, const std::string& what, RuleSet& out) {
        if (!holder.has("groups")) fail(holder.map, what + ": field groups must be set");
        const YAML::Node& groups = *holder.get("groups");
        if (!groups.IsSequence()) fail(groups, "groups must be a list");
        std::set<std::string> names;  // unique per document, as each PrometheusRule is its own file
        for (const auto& g : groups) {
            out.groups.push_back(group(g));
            if (!names.insert(out.groups.back().name()).second)
                fail(g, "groupname: \"" + out.groups.back().name() + "\" is repeated in the same file");
        }
    }

    Group group(const YAML::Node& node) {
        context_.clear();
        const Fields f = fields(node, {"name", "interval", "query_offset", "limit", "rules"}, "rule group");
        GroupSpec spec;
        spec.file = file_;
        spec.pos = pos_of(node);
        if (f.has("name")) spec.name = scalar(*f.get("name"), "group name");
        if (spec.name.empty()) fail(node, "Groupname must not be empty");
        if (f.has("interval")) {
            const Duration d = duration(*f.get("interval"), "interval");
            if (!d.is_zero()) spec.interval = d;  // 0s means the global evaluation interval
        }
        if (f.has("query_offset")) spec.query_offset = duration(*f.get("query_offset"), "query_offset");
        spec.beyond_promtool = document_beyond_;
        if (const auto it = f.entries.find("query_offset"); it != f.entries.end() && !spec.beyond_promtool)
            spec.beyond_promtool =
                BeyondPromtool{pos_of(it->second.first), "field query_offset not found in type rulefmt.RuleGroup"};
        if (f.has("limit")) spec.limit = integer(*f.get("limit"), "limit");

        std::vector<std::unique_ptr<Rule>> rules;
        if (f.has("rules")) {
            const YAML::Node& list = *f.get("rules");
            if (!list.IsSequence()) fail(list, "rules must be a list");
            int index = 0;
            for (const auto& r : list) rules.push_back(rule(r, spec.name, ++index));
        }
        context_.clear();
        return Group(std::move(spec), std::move(rules));
    }

    // Any integer: Prometheus treats a limit of 0 or below as no limit.
    int integer(const YAML::Node& node, const std::string& what) const {
        const std::string text = scalar(node, what);
        int v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size())
            fail(node, what + " must be an integer, got \"" + text + "\"");
        return v;
    }

    // The name error messages use, read before the rule is validated: `alert` wins, as in
    // Prometheus' messages.
    static std::string rule_name(const YAML::Node& node) {
        if (!node.IsMap()) return "";
        for (const char* key : {"alert", "record"}) {
            const YAML::Node n = node[key];
            if (n && n.IsScalar() && !n.Scalar().empty()) return n.Scalar();
        }
        return "";
    }

    std::unique_ptr<Rule> rule(const YAML::Node& node, const std::string& group_name, int index) {
        context_ = "group \"" + group_name + "\", rule " + std::to_string(index) + ", \"" + rule_name(node) + "\": ";
        const Fields f = fields(node, {"record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"}, "rule");
        const std::string record = f.has("record") ? scalar(*f.get("record"), "record") : "";
        const std::string alert = f.has("alert") ? scalar(*f.get("alert"), "alert") : "";

        if (!record.empty() && !alert.empty()) fail(*f.get("record"), "only one of 'record' and 'alert' must be set");
        if (record.empty() && alert.empty()) fail(node, "one of 'record' or 'alert' must be set");
        if (!f.has("expr")) fail(node, "field 'expr' must be set in rule");
        const YAML::Node& expr_node = *f.get("expr");
        const std::string expr_text = scalar(expr_node, "expr");
        if (expr_text.empty()) fail(expr_node, "field 'expr' must be set in rule");
        promql::ExprPtr expr;
        try {
            expr = promql::parse(expr_text);
        } catch (const promql::ParseError& e) {
            // Prometheus' message carries the position inside the expression too.
            const auto inner = promql::line_col(expr_text, e.pos().start);
            throw InputError(file_, pos_inside(expr_node, expr_text, e.pos().start),
                             context_ + "could not parse expression: " + std::to_string(inner.line) + ":" +
                                 std::to_string(inner.column) + ": parse error: " + e.what());
        }

        if (!record.empty()) {
            if (f.has("annotations")) fail(*f.get("record"), "invalid field 'annotations' in recording rule");
            if (f.has("for")) fail(*f.get("record"), "invalid field 'for' in recording rule");
            if (f.has("keep_firing_for")) fail(*f.get("record"), "invalid field 'keep_firing_for' in recording rule");
            if (!is_valid_name(record, true)) fail(*f.get("record"), "invalid recording rule name: " + record);
            std::vector<tsdb::Label> labels;
            for (auto& entry : named_values(f, "labels", "label")) labels.push_back({entry.name, entry.value});
            return std::make_unique<RecordingRule>(record, pos_of(node), expr_text, std::move(expr), std::move(labels));
        }

        AlertingRuleSpec spec;
        if (f.has("for")) spec.hold = duration(*f.get("for"), "for");
        if (f.has("keep_firing_for")) spec.keep_firing_for = duration(*f.get("keep_firing_for"), "keep_firing_for");
        spec.annotations = templates(f, "annotations", "annotation");
        auto labels = templates(f, "labels", "label");
        return std::make_unique<AlertingRule>(alert, pos_of(node), expr_text, std::move(expr), std::move(labels),
                                              std::move(spec));
    }

    // A `labels` or `annotations` entry with the node of its value, for positions.
    struct NamedValue {
        std::string name;
        std::string value;
        YAML::Node node;
    };

    // `labels` or `annotations`, names validated, in file order.
    std::vector<NamedValue> named_values(const Fields& f, const std::string& key, const std::string& what) const {
        std::vector<NamedValue> out;
        if (!f.has(key)) return out;
        const YAML::Node& map = *f.get(key);
        if (!map.IsMap()) fail(map, key + " must be a mapping");
        std::set<std::string> seen;
        for (auto it = map.begin(); it != map.end(); ++it) {
            const std::string name = scalar(it->first, what + " name");
            if (!is_valid_name(name, false) || (what == "label" && name == tsdb::kMetricName))
                fail(it->first, "invalid " + what + " name: " + name);
            if (!seen.insert(name).second) fail(it->first, "mapping key \"" + name + "\" already defined");
            out.push_back({name, it->second.IsNull() ? "" : scalar(it->second, what + " value"), it->second});
        }
        return out;
    }

    // Alerting rules only: Prometheus expands (and so checks) templates for nothing else.
    std::vector<TemplatedField> templates(const Fields& f, const std::string& key, const std::string& what) const {
        std::vector<TemplatedField> out;
        for (const auto& entry : named_values(f, key, what)) {
            try {
                out.push_back({entry.name, Template(entry.value)});
            } catch (const TemplateError& e) {
                throw InputError(file_, pos_inside(entry.node, entry.value, e.offset()),
                                 context_ + what + " \"" + entry.name + "\": template: " + e.what());
            }
        }
        return out;
    }

    SourcePos pos_inside(const YAML::Node& node, const std::string& value, int offset) const {
        return position_in_scalar(text_, node, value, offset);
    }

    const std::string& text_;
    const std::string& file_;
    std::string context_;
    std::optional<BeyondPromtool> document_beyond_;  // set while reading a PrometheusRule object
};

}  // namespace

RuleSet RuleSet::clone() const {
    RuleSet out;
    out.groups.reserve(groups.size());
    for (const auto& g : groups) out.groups.push_back(g.clone());
    return out;
}

RuleSet load_rule_text(const std::string& text, const std::string& file_name) {
    return Loader(text, file_name).load();
}

std::string read_rule_file(const std::string& path) {
    return read_input_file(path, "cannot open rule file");
}

RuleSet load_rule_file(const std::string& path) { return load_rule_text(read_rule_file(path), path); }

}  // namespace sim::alerting
