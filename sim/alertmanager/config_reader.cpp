#include "sim/alertmanager/config_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "sim/alerting/yaml_documents.hpp"
#include "sim/alerting/yaml_merge_keys.hpp"
#include "sim/alertmanager/address_syntax.hpp"
#include "sim/alertmanager/integrations.hpp"
#include "sim/alertmanager/matcher_syntax.hpp"
#include "sim/base/input_file.hpp"

namespace sim::alertmanager {

namespace {

// Every key `global:` may hold (Alertmanager 0.25 GlobalConfig); only resolve_timeout matters here.
const std::vector<std::string_view> kGlobalKeys{
    "resolve_timeout", "http_config", "smtp_from", "smtp_hello", "smtp_smarthost", "smtp_auth_username",
    "smtp_auth_password", "smtp_auth_password_file", "smtp_auth_secret", "smtp_auth_identity",
    "smtp_require_tls", "slack_api_url", "slack_api_url_file", "pagerduty_url", "opsgenie_api_url",
    "opsgenie_api_key", "opsgenie_api_key_file", "wechat_api_url", "wechat_api_secret", "wechat_api_corp_id",
    "victorops_api_url", "victorops_api_key", "victorops_api_key_file", "telegram_api_url", "webex_api_url"};

// Prometheus' label-name syntax, as model.LabelName checks it.
bool is_label_name(std::string_view s) {
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

// A mapping's values by key, each key checked against the ones its type allows (yaml.v2 strict).
class Fields {
public:
    explicit Fields(std::map<std::string, YAML::Node> entries) : entries_(std::move(entries)) {}

    // The value, or an undefined node when the key is absent or null (Go's zero value).
    YAML::Node operator[](const std::string& key) const {
        const auto it = entries_.find(key);
        if (it == entries_.end() || it->second.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
        return it->second;
    }
    bool has(const std::string& key) const { return (*this)[key].IsDefined(); }

private:
    std::map<std::string, YAML::Node> entries_;
};

class Reader {
public:
    Reader(const std::string& text, const std::string& file) : text_(text), file_(file) {}

    Config read() {
        YAML::Node doc;
        try {
            auto docs = alerting::load_yaml_documents(text_);
            if (!docs.empty()) doc = docs.front();
            alerting::resolve_merge_keys(doc, {alerting::MergeDialect::yaml_v2_strict,
                                               {"match", "match_re", "source_match", "source_match_re",
                                                "target_match", "target_match_re"}});
        } catch (const YAML::Exception& e) {
            throw InputError(file_, to_pos(e.mark), "invalid YAML: " + e.msg);
        }
        Config cfg;
        cfg.file = file_;
        const Fields top = fields(doc, "the configuration",
                                  {"global", "route", "inhibit_rules", "receivers", "templates",
                                   "mute_time_intervals", "time_intervals"});
        if (top.has("global")) read_global(top["global"], cfg);
        for (const auto& r : sequence(top["receivers"], "receivers")) read_receiver(r, cfg);
        if (!top.has("route")) fail(doc, "no route provided in config");
        read_root(top["route"], cfg);
        for (const char* key : {"mute_time_intervals", "time_intervals"})
            for (const auto& ti : sequence(top[key], key)) read_time_interval(ti, key, cfg);
        check_time_intervals(cfg.root, top["route"], cfg);
        for (const auto& r : sequence(top["inhibit_rules"], "inhibit_rules")) cfg.inhibit_rules.push_back(inhibit_rule(r));
        strings(top["templates"], "templates");
        return cfg;
    }

private:
    // A node without a place in the text is the (empty) document itself: its start.
    static SourcePos to_pos(const YAML::Mark& m) {
        if (m.is_null()) return {1, 1};
        return {m.line + 1, m.column + 1};
    }
    [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
        throw InputError(file_, to_pos(at.Mark()), message);
    }

    Fields fields(const YAML::Node& node, const std::string& what, const std::vector<std::string_view>& allowed) const {
        std::map<std::string, YAML::Node> entries;
        if (!node.IsDefined() || node.IsNull()) return Fields(std::move(entries));
        if (!node.IsMap()) fail(node, what + " must be a mapping");
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string key = scalar(it->first, "a key");
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                fail(it->first, "field " + key + " not found in " + what);
            if (!entries.emplace(key, it->second).second)
                fail(it->first, "field " + key + " already set in " + what);
        }
        return Fields(std::move(entries));
    }

    std::vector<YAML::Node> sequence(const YAML::Node& node, const std::string& what) const {
        std::vector<YAML::Node> out;
        if (!node.IsDefined() || node.IsNull()) return out;
        if (!node.IsSequence()) fail(node, what + " must be a list");
        for (const auto& item : node) out.push_back(item);
        return out;
    }

    std::string scalar(const YAML::Node& node, const std::string& what) const {
        if (!node.IsDefined() || node.IsNull()) return "";
        if (!node.IsScalar()) fail(node, what + " must be a string");
        return node.Scalar();
    }

    std::vector<std::string> strings(const YAML::Node& node, const std::string& what) const {
        std::vector<std::string> out;
        for (const auto& item : sequence(node, what)) out.push_back(scalar(item, "each of " + what));
        return out;
    }

    bool boolean(const YAML::Node& node, const std::string& what) const {
        bool out = false;
        // A quoted "true" is a string to yaml.v2, which refuses it where a bool belongs.
        if (node.Tag() == "!" || !YAML::convert<bool>::decode(node, out))
            fail(node, what + " must be true or false, not \"" + node.Scalar() + "\"");
        return out;
    }

    std::optional<Duration> duration(const YAML::Node& node, const std::string& what) const {
        if (!node.IsDefined()) return std::nullopt;
        const std::string text = scalar(node, what);
        const auto d = parse_duration(text);
        if (!d) fail(node, "not a valid duration string: \"" + text + "\" (" + what + ")");
        return d;
    }

    void read_global(const YAML::Node& node, Config& cfg) {
        const Fields f = fields(node, "global", kGlobalKeys);
        check_values(f, "global", kGlobalKeys);
        if (auto d = duration(f["resolve_timeout"], "resolve_timeout")) cfg.resolve_timeout = *d;
        for (auto key : kGlobalKeys)
            if (is_set(f[std::string(key)])) global_.insert(std::string(key));
    }

    void read_receiver(const YAML::Node& node, Config& cfg) const {
        std::vector<std::string_view> allowed{"name"};
        for (const auto& type : integration_types()) allowed.push_back(type.key);
        const Fields f = fields(node, "receiver", allowed);
        Receiver r;
        r.name = scalar(f["name"], "name");
        if (r.name.empty()) fail(node, "missing name in receiver");
        if (cfg.receiver(r.name)) fail(node, "notification config name \"" + r.name + "\" is not unique");
        for (const auto& type : integration_types()) {
            for (const auto& integration : sequence(f[std::string(type.key)], std::string(type.key))) {
                r.is_null = false;
                r.send_resolved = r.send_resolved || sends_resolved(integration, type);
            }
        }
        cfg.receivers.push_back(std::move(r));
    }

    // Checks one integration's fields and required settings; whether it sends resolved notifications.
    bool sends_resolved(const YAML::Node& node, const IntegrationType& type) const {
        if (!node.IsMap()) fail(node, "each of " + std::string(type.key) + " must be a mapping");
        const Fields f = fields(node, "an entry of " + std::string(type.key), type.fields);
        check_values(f, type.key, type.fields);
        for (const auto& req : type.requirements) {
            const auto set_here = [&](std::string_view key) { return is_set(f[std::string(key)]); };
            const auto set_globally = [&](std::string_view key) { return global_.count(std::string(key)) > 0; };
            if (std::none_of(req.fields.begin(), req.fields.end(), set_here) &&
                std::none_of(req.global_fields.begin(), req.global_fields.end(), set_globally))
                fail(node, std::string(req.message));
        }
        return f.has("send_resolved") ? boolean(f["send_resolved"], "send_resolved") : type.sends_resolved_by_default;
    }

    // The URLs, host:port pairs and booleans among `keys`, where set.
    void check_values(const Fields& f, std::string_view owner, const std::vector<std::string_view>& keys) const {
        for (const auto key : keys) {
            const YAML::Node value = f[std::string(key)];
            if (!value.IsDefined()) continue;
            const std::string what(key);
            switch (field_kind(owner, key)) {
                case FieldKind::Text: break;
                case FieldKind::Bool: boolean(value, what); break;
                case FieldKind::Url:
                case FieldKind::SecretUrl: {
                    const std::string url = scalar(value, what);
                    parsed(value, [&] { check_url(url, field_kind(owner, key) == FieldKind::SecretUrl); });
                    break;
                }
                case FieldKind::HostPort: {
                    const std::string address = scalar(value, what);
                    parsed(value, [&] { check_host_port(address); });
                    break;
                }
            }
        }
    }

    // Go's zero values (null, "", an empty list or map) count as unset.
    static bool is_set(const YAML::Node& n) { return n.IsDefined() && !n.IsNull() && (n.IsScalar() ? !n.Scalar().empty() : n.size() > 0); }

    // `matchers` (a list of matcher-list strings), `match` and `match_re` (label maps), ANDed and
    // sorted as Alertmanager sorts them. A `match_re` value is held anchored, as Alertmanager holds it.
    std::vector<tsdb::Matcher> matchers(const Fields& f, const std::string& matchers_key, const std::string& match_key,
                                        const std::string& match_re_key) const {
        std::vector<tsdb::Matcher> out;
        for (const auto& [equal, key] : {std::pair{true, match_key}, std::pair{false, match_re_key}}) {
            const YAML::Node map = f[key];
            if (!map.IsDefined()) continue;
            if (!map.IsMap()) fail(map, key + " must be a mapping of label names to values");
            std::set<std::string> names;
            for (auto it = map.begin(); it != map.end(); ++it) {
                const std::string name = scalar(it->first, key + " label name");
                if (!is_label_name(name)) fail(it->first, "invalid label name \"" + name + "\"");
                if (!names.insert(name).second) fail(it->first, "key \"" + name + "\" already set in map");
                const std::string value = scalar(it->second, key + " value");
                try {
                    out.emplace_back(name, equal ? tsdb::MatchOp::Equal : tsdb::MatchOp::Regex,
                                     equal ? value : "^(?:" + value + ")$");
                } catch (const std::invalid_argument& e) {
                    fail(it->second, "error parsing regexp: " + std::string(e.what()) + ": `" + value + "`");
                }
            }
        }
        for (const auto& line : sequence(f[matchers_key], matchers_key)) {
            try {
                for (auto& m : parse_matchers(scalar(line, "each of " + matchers_key))) out.push_back(std::move(m));
            } catch (const std::invalid_argument& e) {
                fail(line, e.what());
            }
        }
        sort_matchers(out);
        return out;
    }

    GroupBy group_by(const YAML::Node& node) const {
        GroupBy out;
        bool any_label = false;
        for (const auto& item : sequence(node, "group_by")) {
            const std::string name = scalar(item, "each of group_by");
            if (name == "...") {
                out.all_labels = true;
                continue;
            }
            if (!is_label_name(name)) fail(item, "invalid label name \"" + name + "\" in group_by list");
            if (std::find(out.labels.begin(), out.labels.end(), name) != out.labels.end())
                fail(item, "duplicated label \"" + name + "\" in group_by");
            out.labels.push_back(name);
            any_label = true;
        }
        if (any_label && out.all_labels)
            fail(node, "cannot have wildcard group_by (`...`) and other other labels at the same time");
        std::sort(out.labels.begin(), out.labels.end());
        return out;
    }

    void read_root(const YAML::Node& node, Config& cfg) {
        const Fields f = route_fields(node);
        if (f.has("continue") && boolean(f["continue"], "continue")) fail(node, "cannot have continue in root route");
        if (scalar(f["receiver"], "receiver").empty()) fail(node, "root route must specify a default receiver");
        // Empty lists and maps count as absent, as in Go.
        for (const char* key : {"match", "match_re", "matchers"})
            if (f[key].size() > 0) fail(f[key], "root route must not have any matchers");
        if (f["mute_time_intervals"].size() > 0)
            fail(f["mute_time_intervals"], "root route must not have any mute time intervals");
        if (f["active_time_intervals"].size() > 0)
            fail(f["active_time_intervals"], "root route must not have any active time intervals");
        cfg.root = route(node, f, nullptr, cfg);
    }

    Fields route_fields(const YAML::Node& node) const {
        return fields(node, "route",
                      {"receiver", "group_by", "match", "match_re", "matchers", "mute_time_intervals",
                       "active_time_intervals", "continue", "routes", "group_wait", "group_interval",
                       "repeat_interval"});
    }

    // A route with its parent's settings where it sets none (dispatch/route.go NewRoute); the
    // time intervals are the route's own, never inherited.
    Route route(const YAML::Node& node, const Fields& f, const Route* parent, const Config& cfg) {
        // The parent's settings (or DefaultRouteOpts); every field not inherited is set below. The
        // parent's children are attached only once all are built, so this copies no subtree.
        Route r = parent ? *parent : Route{};
        r.pos = to_pos(node.Mark());
        if (const std::string receiver = scalar(f["receiver"], "receiver"); !receiver.empty()) {
            if (!cfg.receiver(receiver)) fail(f["receiver"], "undefined receiver \"" + receiver + "\" used in route");
            r.receiver = receiver;
        }
        const GroupBy own = group_by(f["group_by"]);
        if (!own.labels.empty()) r.group_by = own;
        else if (own.all_labels) r.group_by.all_labels = true;
        if (auto d = duration(f["group_wait"], "group_wait")) r.group_wait = *d;
        if (auto d = duration(f["group_interval"], "group_interval")) {
            if (d->is_zero()) fail(f["group_interval"], "group_interval cannot be zero");
            r.group_interval = *d;
        }
        if (auto d = duration(f["repeat_interval"], "repeat_interval")) {
            if (d->is_zero()) fail(f["repeat_interval"], "repeat_interval cannot be zero");
            r.repeat_interval = *d;
        }
        r.matchers = matchers(f, "matchers", "match", "match_re");
        r.continue_matching = f.has("continue") && boolean(f["continue"], "continue");
        r.mute_time_intervals = strings(f["mute_time_intervals"], "mute_time_intervals");
        r.active_time_intervals = strings(f["active_time_intervals"], "active_time_intervals");
        r.key = (parent ? parent->key + "/" : "") + format_matchers(r.matchers);
        std::vector<Route> children;
        for (const auto& child : sequence(f["routes"], "routes")) children.push_back(route(child, route_fields(child), &r, cfg));
        r.routes = std::move(children);
        return r;
    }

    // Every time interval a route names is defined (checked once all are read, as Alertmanager does).
    void check_time_intervals(const Route& r, const YAML::Node& node, const Config& cfg) const {
        const Fields f = route_fields(node);
        for (const char* key : {"mute_time_intervals", "active_time_intervals"})
            for (const auto& item : sequence(f[key], key))
                if (!cfg.time_intervals.count(item.Scalar()))
                    fail(item, "undefined time interval \"" + item.Scalar() + "\" used in route");
        const auto children = sequence(f["routes"], "routes");
        for (std::size_t i = 0; i < children.size(); ++i) check_time_intervals(r.routes[i], children[i], cfg);
    }

    InhibitRule inhibit_rule(const YAML::Node& node) const {
        const Fields f = fields(node, "inhibit rule",
                                {"source_match", "source_match_re", "source_matchers", "target_match",
                                 "target_match_re", "target_matchers", "equal"});
        InhibitRule rule;
        rule.pos = to_pos(node.Mark());
        rule.source_matchers = matchers(f, "source_matchers", "source_match", "source_match_re");
        rule.target_matchers = matchers(f, "target_matchers", "target_match", "target_match_re");
        for (const auto& item : sequence(f["equal"], "equal")) {
            const std::string name = scalar(item, "each of equal");
            if (!is_label_name(name)) fail(item, "\"" + name + "\" is not a valid label name");
            rule.equal.push_back(name);
        }
        return rule;
    }

    void read_time_interval(const YAML::Node& node, const std::string& list, Config& cfg) const {
        const Fields f = fields(node, "time interval", {"name", "time_intervals"});
        TimeInterval ti;
        ti.name = scalar(f["name"], "name");
        if (ti.name.empty()) fail(node, list == "time_intervals" ? "missing name in time interval" : "missing name in mute time interval");
        if (cfg.time_intervals.count(ti.name))
            fail(f["name"], std::string(list == "time_intervals" ? "time interval" : "mute time interval") + " \"" + ti.name +
                                "\" is not unique");
        for (const auto& entry : sequence(f["time_intervals"], "time_intervals")) ti.entries.push_back(time_interval_entry(entry));
        cfg.time_intervals.emplace(ti.name, std::move(ti));
    }

    // Runs one of the time_interval.hpp parsers, turning its complaint into a positioned error.
    template <typename Parse>
    auto parsed(const YAML::Node& at, Parse parse) const -> decltype(parse()) {
        try {
            return parse();
        } catch (const std::invalid_argument& e) {
            fail(at, e.what());
        }
    }

    template <typename Parse>
    std::vector<InclusiveRange> ranges(const YAML::Node& node, const std::string& what, Parse parse) const {
        std::vector<InclusiveRange> out;
        for (const auto& item : sequence(node, what)) {
            const std::string text = scalar(item, "each of " + what);
            out.push_back(parsed(item, [&] { return parse(text); }));
        }
        return out;
    }

    TimeIntervalEntry time_interval_entry(const YAML::Node& node) const {
        const Fields f = fields(node, "time interval entry", {"times", "weekdays", "days_of_month", "months", "years", "location"});
        TimeIntervalEntry e;
        for (const auto& item : sequence(f["times"], "times")) {
            const Fields t = fields(item, "time range", {"start_time", "end_time"});
            const std::string start = scalar(t["start_time"], "start_time");
            const std::string end = scalar(t["end_time"], "end_time");
            e.times.push_back(parsed(item, [&] { return parse_time_range(start, end); }));
        }
        e.weekdays = ranges(f["weekdays"], "weekdays", parse_weekday_range);
        e.days_of_month = ranges(f["days_of_month"], "days_of_month", parse_day_of_month_range);
        e.months = ranges(f["months"], "months", parse_month_range);
        e.years = ranges(f["years"], "years", parse_year_range);
        if (f.has("location")) {
            const std::string loc = scalar(f["location"], "location");
            e.location = parsed(f["location"], [&] { return Location::load(loc); });
        }
        return e;
    }

    const std::string& text_;
    std::string file_;
    std::set<std::string> global_;  // the `global:` keys set, which integrations may rely on
};

}  // namespace

Config parse_config(const std::string& text, const std::string& file) { return Reader(text, file).read(); }

Config load_config(const std::string& path) {
    return parse_config(read_input_file(path, "cannot read Alertmanager configuration"), path);
}

}  // namespace sim::alertmanager
