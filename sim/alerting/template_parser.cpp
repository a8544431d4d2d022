#include "sim/alerting/template_parser.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <utility>
#include <string>
#include <vector>

#include "sim/promql/lexer.hpp"

namespace sim::alerting {

namespace {

using Node = Template::Node;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

[[noreturn]] void fail(std::size_t at, const std::string& message) {
    throw TemplateError(static_cast<int>(at), message);
}

// Go's keywords: they start control actions and are never function names.
constexpr std::array<std::string_view, 10> kKeywords{"if",    "else",  "end",  "range",    "with",
                                                     "break", "continue", "define", "template", "block"};

// Go's IsEmptyTree: a body of blank text only, which another definition of its name may replace.
bool is_empty_body(const std::vector<Node>& list) {
    return std::all_of(list.begin(), list.end(), [](const Node& n) {
        return n.kind == Node::Kind::Text &&
               std::all_of(n.text.begin(), n.text.end(), [](char c) { return is_space(c) || c == '\v' || c == '\f'; });
    });
}

// A `{{ ... }}` with its trim markers removed: [begin, end) is the content.
struct RawAction {
    std::size_t open;
    std::size_t begin;
    std::size_t end;
};

// The text between actions and the actions, in order, trim markers applied and comments dropped.
struct Item {
    bool is_action;
    std::size_t pos;
    std::string text;
    RawAction action{};
};

// The end of an action's content: the `}}` that is not inside a quoted string.
std::size_t find_close(std::string_view s, std::size_t from, std::size_t open) {
    for (std::size_t i = from; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '}' && i + 1 < s.size() && s[i + 1] == '}') return i;
        if (c == '"' || c == '\'' || c == '`') {
            const auto start = i;
            for (++i; i < s.size() && s[i] != c; ++i) {
                if (c != '`' && s[i] == '\\') ++i;
                else if (c != '`' && s[i] == '\n') break;
            }
            if (i >= s.size() || s[i] != c)
                fail(start, c == '`' ? "unterminated raw quoted string"
                                     : c == '"' ? "unterminated quoted string" : "unterminated character constant");
        }
    }
    fail(open, "unclosed action");
}

std::vector<Item> scan(std::string_view text) {
    std::vector<Item> items;
    std::string pending;
    std::size_t pending_pos = 0;
    std::size_t i = 0;
    auto flush = [&] {
        if (!pending.empty()) items.push_back({false, pending_pos, std::move(pending)});
        pending.clear();
    };
    for (;;) {
        const auto open = text.find("{{", i);
        if (pending.empty()) pending_pos = i;
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
        std::size_t close;
        bool trim_right = false;
        // A comment starts right after the delimiter (and its trim marker) and ends right before
        // the closing one (or its ` -` trim marker).
        if (text.substr(begin, 2) == "/*") {
            const auto comment_end = text.find("*/", begin + 2);
            if (comment_end == std::string_view::npos) fail(begin, "unclosed comment");
            close = comment_end + 2;
            if (close + 1 < text.size() && is_space(text[close]) && text.substr(close + 1, 3) == "-}}") {
                trim_right = true;
                close += 2;
            } else if (text.substr(close, 2) != "}}") {
                fail(begin, "comment ends before closing delimiter");
            }
        } else {
            close = find_close(text, begin, open);
            std::size_t end = close;
            if (end >= begin + 2 && text[end - 1] == '-' && is_space(text[end - 2])) {
                trim_right = true;
                end -= 1;
            }
            flush();
            items.push_back({true, open, {}, RawAction{open, begin, end}});
        }
        i = close + 2;
        if (trim_right)
            while (i < text.size() && is_space(text[i])) ++i;
    }
    flush();
    return items;
}

// Why parse_list stopped.
enum class Stop { Eof, End, Else };

class Parser {
public:
    explicit Parser(std::string_view text) : s_(text), items_(scan(text)) {
        vars_.assign(kAlertVariables.begin(), kAlertVariables.end());
    }

    Node parse() {
        root_.kind = Node::Kind::List;
        std::size_t stop_at = 0;
        if (parse_list(root_.list, stop_at) != Stop::Eof) fail(stop_at, "unexpected {{" + keyword_at(stop_at) + "}}");
        return std::move(root_);
    }

private:
    // ---- the sequence of text and actions -----------------------------------------------------

    std::string keyword_at(std::size_t at) const {
        std::size_t e = at;
        while (e < s_.size() && is_ident_char(s_[e])) ++e;
        return std::string(s_.substr(at, e - at));
    }

    // Parses items into `out` until {{end}}, {{else}} or the end of the text. For Else, `else_rest`
    // is where the content after `else` starts (an `if` there makes an else-if chain).
    Stop parse_list(std::vector<Node>& out, std::size_t& stop_at, std::size_t* else_rest = nullptr) {
        while (next_ < items_.size()) {
            const Item& item = items_[next_++];
            if (!item.is_action) {
                Node text;
                text.kind = Node::Kind::Text;
                text.pos = static_cast<int>(item.pos);
                text.text = item.text;
                out.push_back(std::move(text));
                continue;
            }
            begin_action(item.action);
            skip_space();
            const auto word_at = i_;
            const std::string word = is_ident_char(peek()) ? keyword_at(i_) : "";
            if (std::find(kKeywords.begin(), kKeywords.end(), word) == kKeywords.end()) {
                Node action;
                action.kind = Node::Kind::Action;
                action.pos = static_cast<int>(word_at);
                action.pipe = pipeline("command", false);
                out.push_back(std::move(action));
                continue;
            }
            i_ += word.size();
            if (word == "define") {
                // Only the top level may define; elsewhere Go reads `define` as a misplaced keyword.
                if (&out != &root_.list) fail(word_at, "unexpected <define> in command");
                definition();
                continue;
            }
            if (word == "template" || word == "block") {
                out.push_back(template_call(word));
                continue;
            }
            if (word == "end") {
                expect_end_of_action("end");
                stop_at = word_at;
                return Stop::End;
            }
            if (word == "else") {
                stop_at = word_at;
                if (else_rest) *else_rest = i_;
                return Stop::Else;
            }
            if (word == "break" || word == "continue") {
                if (range_depth_ == 0) fail(word_at, "{{" + word + "}} outside {{range}}");
                expect_end_of_action(word);
                Node jump;
                jump.kind = word == "break" ? Node::Kind::Break : Node::Kind::Continue;
                jump.pos = static_cast<int>(word_at);
                out.push_back(std::move(jump));
                continue;
            }
            out.push_back(control(word, word_at));
        }
        return Stop::Eof;
    }

    // {{if}}, {{with}}, {{range}}: the pipeline, the body, an optional else part, {{end}}.
    Node control(const std::string& word, std::size_t word_at) {
        const NestingGuard guard(*this, word_at);
        const auto scope = vars_.size();
        Node node;
        node.kind = word == "if" ? Node::Kind::If : word == "with" ? Node::Kind::With : Node::Kind::Range;
        node.pos = static_cast<int>(word_at);
        node.pipe = pipeline(word, word == "range");
        std::size_t stop_at = 0, else_rest = 0;
        if (word == "range") ++range_depth_;
        Stop stop = parse_list(node.list, stop_at, &else_rest);
        if (word == "range") --range_depth_;
        if (stop == Stop::Else) {
            node.has_else = true;
            begin_action_at(else_rest);
            skip_space();
            if (word == "if" && keyword_at(i_) == "if") {
                // `{{else if x}}` is `{{else}}{{if x}}...{{end}}` sharing the outer {{end}}.
                const auto inner_at = i_;
                i_ += 2;
                node.else_list.push_back(control("if", inner_at));
                vars_.resize(scope);
                return node;
            }
            if (keyword_at(i_) == "if") fail(i_, "unexpected <if> in input");
            expect_end_of_action("else");
            stop = parse_list(node.else_list, stop_at);
            if (stop == Stop::Else) fail(stop_at, "expected end; found {{else}}");
        }
        if (stop == Stop::Eof) fail(s_.size(), "unexpected EOF");
        vars_.resize(scope);
        return node;
    }

    // ---- named templates ----------------------------------------------------------------------

    // `{{define "name"}}body{{end}}`, after the keyword.
    void definition() {
        const auto [name, name_at] = template_name("define clause");
        expect_end_of_action("define clause");
        define(name, body("define clause"), name_at);
    }

    // `{{template "name" [pipeline]}}` or `{{block "name" pipeline}}body{{end}}`, after the keyword.
    Node template_call(const std::string& word) {
        const std::string context = word + " clause";
        const auto [name, name_at] = template_name(context);
        Node call;
        call.kind = Node::Kind::Template;
        call.pos = static_cast<int>(name_at);
        call.text = name;
        skip_space();
        // The pipeline's variables stay declared in the enclosing scope, as in Go.
        if (word == "block" || i_ < end_) call.pipe = pipeline(context, false);
        if (word == "block") define(name, body(context), name_at);
        return call;
    }

    // A template's name: a quoted string.
    std::pair<std::string, std::size_t> template_name(const std::string& context) {
        skip_space();
        const auto at = i_;
        if (peek() != '"' && peek() != '`') fail(at, "unexpected " + token_description() + " in " + context);
        Operand op{};
        op.pos = static_cast<int>(at);
        return {std::get<std::string>(string_literal(op).literal.v), at};
    }

    // How Go's lexer item at the parse position prints in "unexpected X in Y".
    std::string token_description() const {
        if (i_ >= end_) return "\"}}\"";
        const std::string word = keyword_at(i_);
        if (peek() == '.' && !(i_ + 1 < end_ && is_ident_char(s_[i_ + 1]))) return "<.>";
        if (std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end()) return "<" + word + ">";
        return "\"" + (word.empty() ? std::string(1, peek()) : word) + "\"";
    }

    // A template body up to its {{end}}: a scope of its own, where only `$` is declared.
    std::vector<Node> body(const std::string& context) {
        const NestingGuard guard(*this, i_);
        auto outer_vars = std::exchange(vars_, {"$"});
        const int outer_range_depth = std::exchange(range_depth_, 0);
        std::vector<Node> list;
        std::size_t stop_at = 0;
        const Stop stop = parse_list(list, stop_at);
        if (stop == Stop::Else) fail(stop_at, "unexpected {{else}} in " + context);
        if (stop == Stop::Eof) fail(s_.size(), "unexpected EOF");
        vars_ = std::move(outer_vars);
        range_depth_ = outer_range_depth;
        return list;
    }

    // Go's Tree.add: a name defined twice must have one of its bodies blank.
    void define(const std::string& name, std::vector<Node> list, std::size_t at) {
        auto& defs = root_.definitions;
        const auto it = std::find_if(defs.begin(), defs.end(), [&](const Node& d) { return d.text == name; });
        if (it != defs.end() && !is_empty_body(it->list)) {
            if (!is_empty_body(list)) fail(at, "template: multiple definition of template " + tsdb::quote(name));
            return;
        }
        Node def;
        def.kind = Node::Kind::List;
        def.pos = static_cast<int>(at);
        def.text = name;
        def.list = std::move(list);
        if (it != defs.end()) *it = std::move(def);
        else defs.push_back(std::move(def));
    }

    // ---- inside one action ------------------------------------------------------------------

    void begin_action(const RawAction& a) {
        i_ = a.begin;
        end_ = a.end;
    }
    // Continues in the current action (whose end is unchanged) from `at`.
    void begin_action_at(std::size_t at) { i_ = at; }

    char peek() const { return i_ < end_ ? s_[i_] : '\0'; }
    void skip_space() {
        while (i_ < end_ && is_space(s_[i_])) ++i_;
    }

    void expect_end_of_action(const std::string& word) {
        skip_space();
        if (i_ < end_) fail(i_, "unexpected " + token_description() + " in " + word);
    }

    std::string identifier() {
        const auto start = i_;
        while (i_ < end_ && is_ident_char(s_[i_])) ++i_;
        return std::string(s_.substr(start, i_ - start));
    }

    bool defined(const std::string& var) const { return std::find(vars_.begin(), vars_.end(), var) != vars_.end(); }

    // Declarations (`$x :=`, `$x =`, and for range `$k, $v :=`), then commands joined by `|`,
    // up to the end of the action or, inside parentheses, the `)`.
    Pipe pipeline(const std::string& context, bool allow_two, bool in_parens = false) {
        skip_space();
        Pipe pipe;
        pipe.pos = static_cast<int>(i_);
        declarations(pipe, context, allow_two);
        for (;;) {
            skip_space();
            if (i_ >= end_) {
                if (in_parens) fail(i_, "unclosed left paren");
                break;
            }
            if (in_parens && peek() == ')') {
                ++i_;
                break;
            }
            if (!pipe.commands.empty()) {
                if (peek() != '|') fail(i_, "unexpected \"" + std::string(1, peek()) + "\" in " + context);
                ++i_;
                skip_space();
                if (i_ >= end_ && !in_parens) break;  // Go accepts a trailing `|`
            }
            if (!starts_operand(peek())) fail(i_, "unexpected \"" + std::string(1, peek()) + "\" in " + context);
            pipe.commands.push_back(command(context, in_parens));
        }
        if (pipe.commands.empty()) fail(pipe.pos, "missing value for " + context);
        for (std::size_t c = 1; c < pipe.commands.size(); ++c) {
            const auto kind = pipe.commands[c].args.front().kind;
            if (kind == Operand::Kind::Literal || kind == Operand::Kind::Dot || kind == Operand::Kind::Nil)
                fail(pipe.commands[c].pos, "non executable command in pipeline stage " + std::to_string(c + 1));
        }
        return pipe;
    }

    static bool starts_operand(char c) {
        return is_ident_char(c) || std::string_view(".$(\"`'+-").find(c) != std::string_view::npos;
    }

    void declarations(Pipe& pipe, const std::string& context, bool allow_two) {
        for (;;) {
            if (peek() != '$') return;
            const auto save = i_;
            ++i_;
            const std::string name = "$" + identifier();
            auto after = i_;
            while (after < end_ && is_space(s_[after])) ++after;
            const auto rest = s_.substr(after, std::min<std::size_t>(2, end_ - after));
            if (rest.starts_with(":=") || (rest.starts_with("=") && !rest.starts_with("=="))) {
                pipe.is_assign = rest[0] == '=';
                pipe.declared.push_back(name);
                i_ = after + (pipe.is_assign ? 1 : 2);
                for (const auto& v : pipe.declared) vars_.push_back(v);
                return;
            }
            if (rest.starts_with(",")) {
                if (!allow_two || !pipe.declared.empty()) fail(after, "too many declarations in " + context);
                pipe.declared.push_back(name);
                i_ = after + 1;
                skip_space();
                if (peek() != '$') fail(i_, "range can only initialize variables");
                continue;
            }
            if (!pipe.declared.empty()) fail(after, "expected := after range variables");
            i_ = save;
            return;
        }
    }

    Command command(const std::string& context, bool in_parens) {
        Command cmd;
        cmd.pos = static_cast<int>(i_);
        for (;;) {
            skip_space();
            if (i_ >= end_ || peek() == '|' || (in_parens && peek() == ')')) break;
            if (!cmd.args.empty() && !is_space(s_[i_ - 1]))
                fail(i_, "unexpected \"" + std::string(1, peek()) + "\" in operand");
            cmd.args.push_back(operand());
        }
        if (cmd.args.empty()) fail(i_, "missing value for " + context);
        return cmd;
    }

    // A term and the `.field` chain that follows it without spaces.
    Operand operand() {
        Operand op = term();
        const auto chain_at = i_;
        std::vector<std::size_t> field_pos;
        while (peek() == '.' && i_ + 1 < end_ && is_ident_char(s_[i_ + 1])) {
            field_pos.push_back(i_++);
            op.fields.push_back(identifier());
        }
        // Go's lexer makes a field chain a node of its own, positioned at the first field that
        // follows the term (a bare field is a term: its chain starts at the second field).
        const std::size_t first_chained = op.kind == Operand::Kind::Field ? 1 : 0;
        if (field_pos.size() > first_chained) op.pos = static_cast<int>(field_pos[first_chained]);
        if (!op.fields.empty() && op.kind != Operand::Kind::Field && op.kind != Operand::Kind::Variable &&
            op.kind != Operand::Kind::Pipe)
            fail(chain_at, "unexpected . after term " + tsdb::quote(term_text(op)));
        return op;
    }

    static std::string term_text(Operand op) {
        op.fields.clear();
        return op.to_string();
    }

    Operand term() {
        Operand op{};
        op.pos = static_cast<int>(i_);
        const char c = peek();
        if (c == '.' && !(i_ + 1 < end_ && is_digit(s_[i_ + 1]))) {
            if (i_ + 1 < end_ && is_ident_char(s_[i_ + 1])) {
                op.kind = Operand::Kind::Field;  // the fields are read by operand()
            } else {
                op.kind = Operand::Kind::Dot;
                ++i_;
            }
            return op;
        }
        if (c == '$') {
            ++i_;
            op.kind = Operand::Kind::Variable;
            op.text = "$" + identifier();
            if (!defined(op.text)) fail(op.pos, "undefined variable \"" + op.text + "\"");
            return op;
        }
        if (c == '(') {
            const NestingGuard guard(*this, i_);
            ++i_;
            op.kind = Operand::Kind::Pipe;
            op.pipe = std::make_shared<const Pipe>(pipeline("parenthesized pipeline", false, true));
            return op;
        }
        if (c == ')') fail(i_, "unexpected right paren");
        if (c == '"' || c == '`') return string_literal(op);
        if (c == '\'') return char_literal(op);
        if (is_digit(c) || c == '-' || c == '+' || c == '.') return number(op);
        if (is_ident_char(c)) {
            const std::string word = identifier();
            if (word == "true" || word == "false") {
                op.kind = Operand::Kind::Literal;
                op.text = word;
                op.literal = {word == "true"};
                return op;
            }
            if (word == "nil") {
                op.kind = Operand::Kind::Nil;
                return op;
            }
            if (std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end())
                fail(op.pos, "unexpected <" + word + "> in operand");
            op.kind = Operand::Kind::Function;
            op.text = word;
            op.function = find_template_function(word);
            if (!op.function) fail(op.pos, "function \"" + word + "\" not defined");
            return op;
        }
        fail(i_, "unexpected \"" + std::string(1, c) + "\" in operand");
    }

    // Go's strconv rules for the escapes of a quoted literal's body; `quote` is the one escape
    // of a quote character it allows.
    static bool valid_escapes(std::string_view body, char quote) {
        auto hex_run = [&](std::size_t at, std::size_t n) {
            if (at + n > body.size()) return false;
            return std::all_of(body.begin() + at, body.begin() + at + n,
                               [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
        };
        for (std::size_t i = 0; i < body.size(); ++i) {
            if (body[i] != '\\') continue;
            if (++i >= body.size()) return false;
            const char e = body[i];
            if (std::string_view("abfnrtv\\").find(e) != std::string_view::npos || e == quote) continue;
            const std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
            if (n > 0) {
                if (!hex_run(i + 1, n)) return false;
                i += n;
            } else if (e >= '0' && e <= '7') {
                if (i + 2 >= body.size() || body[i + 1] < '0' || body[i + 1] > '7' || body[i + 2] < '0' ||
                    body[i + 2] > '7' || e > '3')
                    return false;
                i += 2;
            } else {
                return false;
            }
        }
        return true;
    }

    Operand string_literal(Operand& op) {
        const char quote = peek();
        const auto close = quote == '`' ? s_.find('`', i_ + 1) : [&] {
            auto j = i_ + 1;
            while (j < end_ && s_[j] != '"') j += s_[j] == '\\' ? 2 : 1;
            return j;
        }();
        op.kind = Operand::Kind::Literal;
        op.text = std::string(s_.substr(i_, close + 1 - i_));
        if (quote == '"' && !valid_escapes(std::string_view(op.text).substr(1, op.text.size() - 2), '"'))
            fail(op.pos, "invalid syntax");
        op.literal = {quote == '`' ? op.text.substr(1, op.text.size() - 2) : promql::unquote(op.text)};
        i_ = close + 1;
        return op;
    }

    // A Go character constant is an int (its code point).
    Operand char_literal(Operand& op) {
        auto close = i_ + 1;
        while (close < end_ && s_[close] != '\'') close += s_[close] == '\\' ? 2 : 1;
        op.kind = Operand::Kind::Literal;
        op.text = std::string(s_.substr(i_, close + 1 - i_));
        std::string body = op.text.substr(1, op.text.size() - 2);
        if (body.empty() || !valid_escapes(body, '\'')) fail(op.pos, "invalid syntax");
        if (body == "\\'") body = "'";
        const std::string rune = promql::unquote("\"" + body + "\"");
        // The constant is the code point of the one UTF-8 character it must hold.
        const auto lead = static_cast<unsigned char>(rune[0]);
        const std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (rune.size() != len) fail(op.pos, "malformed character constant: " + op.text);
        long long code = len == 1 ? lead : lead & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) code = (code << 6) | (static_cast<unsigned char>(rune[k]) & 0x3F);
        op.literal = {code};
        i_ = close + 1;
        return op;
    }

    // Go's number syntax; like Go's idealConstant, a number with `.`, `e` or `p` (and not hex)
    // is a float64, any other an int.
    Operand number(Operand& op) {
        const auto at = i_;
        if (peek() == '+' || peek() == '-') ++i_;
        while (i_ < end_ && (is_ident_char(s_[i_]) || s_[i_] == '.' ||
                             ((s_[i_] == '+' || s_[i_] == '-') && std::string_view("eEpP").find(s_[i_ - 1]) !=
                                                                      std::string_view::npos)))
            ++i_;
        op.kind = Operand::Kind::Literal;
        op.text = std::string(s_.substr(at, i_ - at));
        std::string digits;
        std::copy_if(op.text.begin(), op.text.end(), std::back_inserter(digits), [](char d) { return d != '_'; });
        const bool hex = digits.find("0x") != std::string::npos || digits.find("0X") != std::string::npos;
        const bool is_float = digits.find_first_of(hex ? "pP." : ".eEpP") != std::string::npos;
        char* parsed_end = nullptr;
        if (is_float) {
            op.literal = {std::strtod(digits.c_str(), &parsed_end)};
        } else {
            const bool octal_prefix = digits.find("0o") != std::string::npos || digits.find("0O") != std::string::npos;
            if (octal_prefix) digits.erase(digits.find_first_of("oO"), 1);
            const auto binary_at = std::min(digits.find("0b"), digits.find("0B"));
            const bool binary = binary_at != std::string::npos;
            if (binary) digits.erase(binary_at, 2);
            errno = 0;
            op.literal = {std::strtoll(digits.c_str(), &parsed_end, binary ? 2 : 0)};
            if (errno == ERANGE) fail(at, "integer overflow: \"" + op.text + "\"");
        }
        if (digits.empty() || digits == "-" || digits == "+" || parsed_end != digits.c_str() + digits.size())
            fail(at, "bad number syntax: \"" + op.text + "\"");
        return op;
    }

    // Templates are parsed, printed and executed recursively, so their nesting is bounded to keep
    // hostile input from exhausting the stack (Go grows its stacks instead; real templates nest a
    // few levels). The bound counts control structures and parentheses together.
    static constexpr int kMaxNesting = 1000;

    struct NestingGuard {
        NestingGuard(Parser& p, std::size_t at) : parser(p) {
            if (++parser.nesting_ > kMaxNesting)
                fail(at, "nested too deeply (more than " + std::to_string(kMaxNesting) +
                                    " control structures and parentheses)");
        }
        ~NestingGuard() { --parser.nesting_; }
        NestingGuard(const NestingGuard&) = delete;
        NestingGuard& operator=(const NestingGuard&) = delete;
        Parser& parser;
    };

    std::string_view s_;
    Node root_;  // its definitions fill in as they are parsed
    std::vector<Item> items_;
    std::size_t next_ = 0;
    std::size_t i_ = 0;
    std::size_t end_ = 0;
    std::vector<std::string> vars_;
    int range_depth_ = 0;
    int nesting_ = 0;  // control structures and parentheses enclosing the parse position
};

}  // namespace

std::string Operand::to_string() const {
    std::string out;
    switch (kind) {
        case Kind::Literal: out = text; break;
        case Kind::Dot: out = "."; break;
        case Kind::Nil: out = "nil"; break;
        case Kind::Field: break;
        case Kind::Variable: out = text; break;
        case Kind::Function: out = text; break;
        case Kind::Pipe: out = "(" + pipe->to_string() + ")"; break;
    }
    for (const auto& f : fields) out += "." + f;
    return out;
}

std::string Command::to_string() const {
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i) out += (i ? " " : "") + args[i].to_string();
    return out;
}

std::string Template::Node::template_call_text() const {
    return "{{template " + tsdb::quote(text) + (pipe.commands.empty() ? "" : " " + pipe.to_string()) + "}}";
}

std::string Pipe::to_string() const {
    std::string out;
    for (std::size_t i = 0; i < declared.size(); ++i) out += (i ? ", " : "") + declared[i];
    if (!declared.empty()) out += " := ";
    for (std::size_t i = 0; i < commands.size(); ++i) out += (i ? " | " : "") + commands[i].to_string();
    return out;
}

Template::Node parse_template(std::string_view text) { return Parser(text).parse(); }

}  // namespace sim::alerting
