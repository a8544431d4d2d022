#include "sim/alertmanager/matcher_syntax.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim::alertmanager {

namespace {

// Go's `\s`: no vertical tab.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Label names in matchers may contain ':' (the parser takes Prometheus' metric-name alphabet).
bool is_name_char(char c, bool first) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    return alpha || (!first && c >= '0' && c <= '9');
}

// The operator at the start of `s`, longest first (`=~` before `=`), and its length.
std::pair<tsdb::MatchOp, std::size_t> read_op(std::string_view s) {
    if (s.starts_with("=~")) return {tsdb::MatchOp::Regex, 2};
    if (s.starts_with("!=")) return {tsdb::MatchOp::NotEqual, 2};
    if (s.starts_with("!~")) return {tsdb::MatchOp::NotRegex, 2};
    if (s.starts_with("=")) return {tsdb::MatchOp::Equal, 1};
    return {tsdb::MatchOp::Equal, 0};
}

// The value after the operator: an optional pair of surrounding quotes, OpenMetrics escapes
// (`\"`, `\\`, `\n`); any other backslash is literal, and a quote may only close the value.
std::string unescape_value(std::string_view raw) {
    const bool quoted = raw.starts_with('"');
    if (quoted) raw.remove_prefix(1);
    bool closed = !quoted;
    std::string out;
    const auto stray = [&] {
        return std::invalid_argument("matcher value contains unescaped double quote: " +
                                     std::string(quoted ? "\"" : "") + std::string(raw));
    };
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
            const char next = raw[++i];
            if (next == 'n') out += '\n';
            else if (next == '"' || next == '\\') out += next;
            else out += std::string{'\\', next};
        } else if (c == '"') {
            if (closed || i + 1 != raw.size()) throw stray();
            closed = true;
        } else {
            out += c;
        }
    }
    if (!closed) throw stray();
    return out;
}

}  // namespace

tsdb::Matcher parse_matcher(std::string_view text) {
    const std::string_view s = trim(text);
    std::size_t i = 0;
    while (i < s.size() && is_name_char(s[i], i == 0)) ++i;
    const std::string_view name = s.substr(0, i);
    const std::string_view rest = trim(s.substr(i));
    const auto [op, op_len] = read_op(rest);
    if (name.empty() || op_len == 0) throw std::invalid_argument("bad matcher format: " + std::string(text));
    const std::string value = unescape_value(trim(rest.substr(op_len)));
    try {
        return tsdb::Matcher(std::string(name), op, value);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("error parsing regexp: " + std::string(e.what()) + ": `" + value + "`");
    }
}

std::vector<tsdb::Matcher> parse_matchers(std::string_view text) {
    if (text.starts_with('{')) text.remove_prefix(1);
    if (text.ends_with('}')) text.remove_suffix(1);
    std::vector<std::string_view> tokens;
    bool inside_quotes = false;
    bool escaped = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ',') {
            // A quoted comma is text, and (as in Alertmanager) leaves a pending escape pending.
            if (inside_quotes) continue;
            tokens.push_back(text.substr(start, i - start));
            start = i + 1;
        } else if (c == '"' && !escaped) {
            inside_quotes = !inside_quotes;
        } else {
            escaped = c == '\\' && !escaped;
        }
    }
    if (auto last = trim(text.substr(start)); !last.empty()) tokens.push_back(last);
    std::vector<tsdb::Matcher> out;
    for (auto token : tokens) out.push_back(parse_matcher(token));
    return out;
}

std::string format_matcher(const tsdb::Matcher& m) {
    std::string out = m.name() + std::string(tsdb::to_string(m.op())) + '"';
    for (char c : m.value()) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '"') out += "\\\"";
        else out += c;
    }
    return out + '"';
}

std::string format_matchers(const std::vector<tsdb::Matcher>& ms) {
    std::string out = "{";
    for (std::size_t i = 0; i < ms.size(); ++i) out += (i ? "," : "") + format_matcher(ms[i]);
    return out + "}";
}

void sort_matchers(std::vector<tsdb::Matcher>& ms) {
    std::sort(ms.begin(), ms.end(), [](const tsdb::Matcher& a, const tsdb::Matcher& b) {
        if (a.name() != b.name()) return a.name() < b.name();
        if (a.value() != b.value()) return a.value() < b.value();
        return a.op() < b.op();
    });
}

}  // namespace sim::alertmanager
