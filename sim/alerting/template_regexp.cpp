#include "sim/alerting/template_regexp.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "sim/tsdb/labels.hpp"

namespace sim::alerting {

namespace {

std::unique_ptr<RE2> compile(const std::string& pattern) {
    RE2::Options opts;
    opts.set_log_errors(false);
    return std::make_unique<RE2>(pattern, opts);
}

// Go's regexp quoting: backquoted where strconv.CanBackquote allows.
std::string go_regexp_quote(const std::string& s) {
    const bool plain = std::none_of(s.begin(), s.end(), [](char c) {
        return c == '`' || (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F;
    });
    return plain ? "`" + s + "`" : tsdb::quote(s);
}

// Go's regexp/syntax error text for RE2's error (`missing closing ): `(``); RE2 and Go may
// quote a different fragment of the pattern.
std::string go_regexp_error(const RE2& re) {
    static constexpr std::pair<RE2::ErrorCode, std::string_view> kGoWording[] = {
        {RE2::ErrorBadEscape, "invalid escape sequence"},
        {RE2::ErrorBadCharClass, "invalid character class"},
        {RE2::ErrorBadCharRange, "invalid character class range"},
        {RE2::ErrorMissingBracket, "missing closing ]"},
        {RE2::ErrorMissingParen, "missing closing )"},
        {RE2::ErrorUnexpectedParen, "unexpected )"},
        {RE2::ErrorTrailingBackslash, "trailing backslash at end of expression"},
        {RE2::ErrorRepeatArgument, "missing argument to repetition operator"},
        {RE2::ErrorRepeatSize, "invalid repeat count"},
        {RE2::ErrorRepeatOp, "invalid nested repetition operator"},
        {RE2::ErrorBadPerlOp, "invalid or unsupported Perl syntax"},
        {RE2::ErrorBadUTF8, "invalid UTF-8"},
        {RE2::ErrorBadNamedCapture, "invalid named capture"},
    };
    std::string_view code = "regexp/syntax: internal error";
    for (const auto& [error, wording] : kGoWording)
        if (error == re.error_code()) code = wording;
    return "error parsing regexp: " + std::string(code) + ": `" + re.error_arg() + "`";
}

// Go's Regexp.Expand of a replacement template: `$1`, `${1}`, `$name`, `${name}`, `$$`. A name
// is the longest run of letters, digits and underscores, so `$1x` names group "1x".
void expand(std::string& out, const std::string& repl, const RE2& re, const std::vector<re2::StringPiece>& groups) {
    auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (std::size_t i = 0; i < repl.size();) {
        if (repl[i] != '$' || i + 1 >= repl.size()) {
            out += repl[i++];
            continue;
        }
        if (repl[i + 1] == '$') {
            out += '$';
            i += 2;
            continue;
        }
        std::string name;
        std::size_t next = i + 1;
        if (repl[next] == '{') {
            const auto close = repl.find('}', next);
            std::size_t j = next + 1;
            while (j < repl.size() && is_name_char(repl[j])) ++j;
            if (close == std::string::npos || j != close || j == next + 1) {
                out += repl[i++];  // malformed: the `$` is literal text
                continue;
            }
            name = repl.substr(next + 1, j - next - 1);
            next = close + 1;
        } else {
            while (next < repl.size() && is_name_char(repl[next])) ++next;
            if (next == i + 1) {
                out += repl[i++];
                continue;
            }
            name = repl.substr(i + 1, next - i - 1);
        }
        i = next;
        int group = -1;
        if (std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            group = name.size() > 9 ? -1 : std::atoi(name.c_str());
        } else {
            const auto& named = re.NamedCapturingGroups();
            if (const auto it = named.find(name); it != named.end()) group = it->second;
        }
        if (group >= 0 && group < static_cast<int>(groups.size()) && groups[group].data())
            out.append(groups[group].data(), groups[group].size());
    }
}

}  // namespace

std::string go_replace_all(const std::string& pattern, const std::string& repl, const std::string& text) {
    const auto re = compile(pattern);
    if (!re->ok()) throw std::runtime_error("regexp: Compile(" + go_regexp_quote(pattern) + "): " + go_regexp_error(*re));
    std::vector<re2::StringPiece> groups(re->NumberOfCapturingGroups() + 1);
    std::string out;
    std::size_t search = 0, last_end = 0;
    const re2::StringPiece input(text);
    while (search <= text.size()) {
        if (!re->Match(input, search, text.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size())))
            break;
        const auto begin = static_cast<std::size_t>(groups[0].data() - text.data());
        const auto end = begin + groups[0].size();
        out.append(text, last_end, begin - last_end);
        if (end > last_end || begin == 0) expand(out, repl, *re, groups);
        last_end = end;
        std::size_t width = 0;
        if (search < text.size()) {
            const auto lead = static_cast<unsigned char>(text[search]);
            width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            width = std::min(width, text.size() - search);
        }
        if (search + width > end) search += width;
        else if (search + 1 > end) ++search;
        else search = end;
    }
    out.append(text, last_end, std::string::npos);
    return out;
}

bool go_match(const std::string& pattern, const std::string& text) {
    const auto re = compile(pattern);
    if (!re->ok()) throw std::runtime_error(go_regexp_error(*re));
    return RE2::PartialMatch(text, *re);
}

}  // namespace sim::alerting
