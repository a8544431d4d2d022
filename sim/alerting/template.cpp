#include "sim/alerting/template.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <variant>
#include <vector>

#include "sim/alerting/template_functions.hpp"
#include "sim/promql/lexer.hpp"

namespace sim::alerting {

namespace {

// A path of field names from the template's data (`.`): `$labels.job` is {"Labels", "job"}.
struct FieldPath {
    std::vector<std::string> fields;
};

using Operand = std::variant<TemplateValue, FieldPath>;

struct FunctionDef {
    std::string_view name;
    int arity;  // -1: at least one (printf)
    std::string (*call)(const std::vector<TemplateValue>&);
};

std::string call_printf(const std::vector<TemplateValue>& args) {
    const auto* format = std::get_if<std::string>(&args.front().v);
    if (!format) throw std::runtime_error("wrong type for value; expected string; got " + to_go_string(args.front()));
    return go_sprintf(*format, std::vector<TemplateValue>(args.begin() + 1, args.end()));
}

constexpr std::array<FunctionDef, 8> kFunctions{{
    {"humanize", 1, [](const std::vector<TemplateValue>& a) { return humanize(a[0]); }},
    {"humanize1024", 1, [](const std::vector<TemplateValue>& a) { return humanize1024(a[0]); }},
    {"humanizeDuration", 1, [](const std::vector<TemplateValue>& a) { return humanize_duration(a[0]); }},
    {"humanizePercentage", 1, [](const std::vector<TemplateValue>& a) { return humanize_percentage(a[0]); }},
    {"humanizeTimestamp", 1, [](const std::vector<TemplateValue>& a) { return humanize_timestamp(a[0]); }},
    {"toUpper", 1, [](const std::vector<TemplateValue>& a) { return to_upper(a[0]); }},
    {"toLower", 1, [](const std::vector<TemplateValue>& a) { return to_lower(a[0]); }},
    {"printf", -1, call_printf},
}};

// Names Go or Prometheus define that we do not implement: named in the error so the user knows
// the template is valid Prometheus but outside the twin's subset.
constexpr std::array<std::string_view, 50> kUnsupportedNames{
    "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue", "nil",
    "true", "false", "query", "first", "label", "value", "strvalue", "args", "reReplaceAll",
    "safeHtml", "match", "title", "graphLink", "tableLink", "sortByLabel",
    "stripPort", "stripDomain", "toTime", "pathPrefix", "externalURL",
    "parseDuration", "and", "or", "not", "len", "index", "slice", "print", "println", "html", "js",
    "urlquery", "call", "eq", "ne", "lt", "le", "gt", "ge"};

// One stage of a pipeline: a function with its arguments, or a lone operand.
struct Command {
    const FunctionDef* function = nullptr;
    std::vector<Operand> args;
};

struct Action {
    std::vector<Command> pipeline;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

class ActionParser {
public:
    ActionParser(std::string_view text, std::size_t begin, std::size_t end) : s_(text), i_(begin), end_(end) {}

    Action parse() {
        Action action;
        for (;;) {
            action.pipeline.push_back(command(!action.pipeline.empty()));
            skip_space();
            if (i_ >= end_) break;
            if (s_[i_] != '|') fail(i_, "unexpected " + quote_char(s_[i_]) + " in command");
            ++i_;
        }
        return action;
    }

private:
    [[noreturn]] void fail(std::size_t at, const std::string& message) {
        throw TemplateError(static_cast<int>(at), message);
    }
    static std::string quote_char(char c) { return std::string("\"") + c + "\""; }

    void skip_space() {
        while (i_ < end_ && is_space(s_[i_])) ++i_;
    }

    std::string identifier() {
        const auto start = i_;
        while (i_ < end_ && is_ident_char(s_[i_])) ++i_;
        return std::string(s_.substr(start, i_ - start));
    }

    // `.a.b` after a variable or at the start of a field chain.
    void fields(FieldPath& path) {
        while (i_ < end_ && s_[i_] == '.' && i_ + 1 < end_ && is_ident_char(s_[i_ + 1])) {
            ++i_;
            path.fields.push_back(identifier());
        }
    }

    Command command(bool piped) {
        Command cmd;
        const auto start = i_;
        bool first = true;
        for (;;) {
            skip_space();
            if (i_ >= end_ || s_[i_] == '|') break;
            const auto at = i_;
            const char c = s_[i_];
            if (is_ident_char(c) && !(c >= '0' && c <= '9')) {
                const std::string name = identifier();
                const auto* def = std::find_if(kFunctions.begin(), kFunctions.end(),
                                               [&](const FunctionDef& f) { return f.name == name; });
                if (def == kFunctions.end()) {
                    if (std::find(kUnsupportedNames.begin(), kUnsupportedNames.end(), name) != kUnsupportedNames.end())
                        fail(at, "unsupported template construct \"" + name + "\"");
                    fail(at, "function \"" + name + "\" not defined");
                }
                if (!first) fail(at, "function \"" + name + "\" used as an argument");
                cmd.function = def;
            } else {
                cmd.args.push_back(operand());
            }
            first = false;
        }
        if (first) fail(start, piped ? "missing command after \"|\"" : "missing value for command");
        const int given = static_cast<int>(cmd.args.size()) + (piped ? 1 : 0);
        if (!cmd.function) {
            if (piped) fail(start, "non-function in pipeline stage");
            if (given > 1) fail(start, "can't give argument to non-function");
        } else if (cmd.function->arity >= 0 ? given != cmd.function->arity : given < 1) {
            fail(start, "wrong number of args for " + std::string(cmd.function->name) + ": want " +
                            (cmd.function->arity >= 0 ? std::to_string(cmd.function->arity) : "at least 1") +
                            " got " + std::to_string(given));
        }
        return cmd;
    }

    Operand operand() {
        const auto at = i_;
        const char c = s_[i_];
        if (c == '"') return TemplateValue{quoted()};
        if (c == '`') {
            const auto close = s_.find('`', i_ + 1);
            if (close == std::string_view::npos || close >= end_) fail(at, "unterminated raw quoted string");
            std::string raw(s_.substr(i_ + 1, close - i_ - 1));
            i_ = close + 1;
            return TemplateValue{raw};
        }
        if ((c >= '0' && c <= '9') || c == '-' || c == '+') return number();
        if (c == '$') {
            ++i_;
            const std::string var = identifier();
            const auto after = s_.find_first_not_of(" \t\r\n", i_);
            if (after < end_ && (s_.substr(after, 2) == ":=" || s_[after] == '='))
                fail(at, "unsupported template construct \"variable assignment\"");
            FieldPath path;
            if (var == "labels") path.fields = {"Labels"};
            else if (var == "value") path.fields = {"Value"};
            else if (var == "externalLabels") path.fields = {"ExternalLabels"};
            else if (var == "externalURL") path.fields = {"ExternalURL"};
            else if (!var.empty()) fail(at, "undefined variable \"$" + var + "\"");
            fields(path);
            return path;
        }
        if (c == '.') {
            FieldPath path;
            if (i_ + 1 < end_ && is_ident_char(s_[i_ + 1]))
                fields(path);
            else
                ++i_;
            return path;
        }
        if (c == '(') fail(at, "unsupported template construct \"parenthesized pipeline\"");
        fail(at, "unexpected " + quote_char(c) + " in operand");
    }

    // A Go interpreted string literal; its escapes are Go's, as in PromQL strings.
    std::string quoted() {
        const auto at = i_;
        for (++i_; i_ < end_ && s_[i_] != '"' && s_[i_] != '\n'; ++i_)
            if (s_[i_] == '\\') ++i_;
        if (i_ >= end_ || s_[i_] != '"') fail(at, "unterminated quoted string");
        ++i_;
        return promql::unquote(s_.substr(at, i_ - at));
    }

    Operand number() {
        const auto at = i_;
        while (i_ < end_ && !is_space(s_[i_]) && s_[i_] != '|') ++i_;
        const std::string text(s_.substr(at, i_ - at));
        char* parsed_end = nullptr;
        const bool integral = text.find_first_of(".eEpPxX") == std::string::npos || text.starts_with("0x");
        if (integral) {
            const long long v = std::strtoll(text.c_str(), &parsed_end, 0);
            if (parsed_end == text.c_str() + text.size()) return TemplateValue{v};
        } else {
            const double v = std::strtod(text.c_str(), &parsed_end);
            if (parsed_end == text.c_str() + text.size()) return TemplateValue{v};
        }
        fail(at, "bad number syntax: \"" + text + "\"");
    }

    std::string_view s_;
    std::size_t i_;
    std::size_t end_;
};

TemplateValue field(const TemplateValue& of, const std::string& name, const TemplateData& data, bool at_root) {
    if (at_root) {
        if (name == "Labels") return {data.labels};
        if (name == "Value") return {data.value};
        if (name == "ExternalLabels") return {data.external_labels};
        if (name == "ExternalURL") return {data.external_url};
        throw std::runtime_error("can't evaluate field " + name + " in type *template.tmplData");
    }
    if (const auto* map = std::get_if<tsdb::Labels>(&of.v)) return {std::string(map->get(name))};
    throw std::runtime_error("can't evaluate field " + name + " in type " +
                             (std::holds_alternative<double>(of.v) ? "float64" : "string"));
}

TemplateValue resolve(const Operand& op, const TemplateData& data) {
    if (const auto* literal = std::get_if<TemplateValue>(&op)) return *literal;
    const auto& path = std::get<FieldPath>(op);
    if (path.fields.empty()) throw std::runtime_error("printing the template data itself is not supported");
    TemplateValue v;
    for (std::size_t i = 0; i < path.fields.size(); ++i) v = field(v, path.fields[i], data, i == 0);
    return v;
}

}  // namespace

struct Template::Node {
    // Literal text and actions alternate: text[0], actions[0], text[1], ..., text[n].
    std::vector<std::string> text;
    std::vector<Action> actions;
};

Template::Template(std::string_view text) : text_(text), root_(std::make_unique<Node>()) {
    std::string pending;
    std::size_t i = 0;
    for (;;) {
        const auto open = text.find("{{", i);
        if (open == std::string_view::npos) {
            pending += text.substr(i);
            break;
        }
        pending += text.substr(i, open - i);
        std::size_t begin = open + 2;
        if (begin + 1 < text.size() && text[begin] == '-' && is_space(text[begin + 1])) {
            while (!pending.empty() && is_space(pending.back())) pending.pop_back();
            begin += 2;
        }
        const auto close = text.find("}}", begin);
        if (close == std::string_view::npos) throw TemplateError(static_cast<int>(open), "unclosed action");
        std::size_t end = close;
        bool trim_right = false;
        if (end >= begin + 2 && text[end - 1] == '-' && is_space(text[end - 2])) {
            trim_right = true;
            end -= 1;
        }
        std::size_t content = begin;
        while (content < end && is_space(text[content])) ++content;
        if (text.substr(content, 2) == "/*") {
            auto trimmed_end = end;
            while (trimmed_end > content && is_space(text[trimmed_end - 1])) --trimmed_end;
            if (trimmed_end < content + 4 || text.substr(trimmed_end - 2, 2) != "*/")
                throw TemplateError(static_cast<int>(content), "comment ends before closing delimiter");
        } else {
            if (content == end) throw TemplateError(static_cast<int>(open), "missing value for command");
            root_->text.push_back(std::move(pending));
            pending.clear();
            root_->actions.push_back(ActionParser(text, begin, end).parse());
        }
        i = close + 2;
        if (trim_right)
            while (i < text.size() && is_space(text[i])) ++i;
    }
    root_->text.push_back(std::move(pending));
}

Template::~Template() = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

std::string Template::expand(const TemplateData& data) const {
    std::string out = root_->text.front();
    try {
        for (std::size_t a = 0; a < root_->actions.size(); ++a) {
            std::optional<TemplateValue> piped;
            for (const auto& cmd : root_->actions[a].pipeline) {
                std::vector<TemplateValue> args;
                for (const auto& op : cmd.args) args.push_back(resolve(op, data));
                if (piped) args.push_back(*piped);
                piped = cmd.function ? TemplateValue{cmd.function->call(args)} : args.front();
            }
            out += to_go_string(*piped);
            out += root_->text[a + 1];
        }
    } catch (const std::exception& e) {
        return std::string("<error expanding template: ") + e.what() + ">";
    }
    return out;
}

}  // namespace sim::alerting
