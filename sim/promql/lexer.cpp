#include "sim/promql/lexer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#include "sim/tsdb/labels.hpp"

namespace sim::promql {

namespace {

constexpr char32_t kRuneError = 0xFFFD;
constexpr char32_t kEndOfInput = 0xFFFFFFFF;  // what next_rune() yields past the end, as Go's eof

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_alpha(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

struct Rune {
    char32_t value;
    std::size_t width;
};

// Go's utf8.DecodeRuneInString: an invalid sequence is RuneError of width 1.
Rune decode_rune(std::string_view s, std::size_t pos) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[pos + i]); };
    const unsigned char c = b(0);
    if (c < 0x80) return {c, 1};
    const std::size_t left = s.size() - pos;
    const auto cont = [&](std::size_t i) { return i < left && (b(i) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF && cont(1)) return {static_cast<char32_t>((c & 0x1F) << 6 | (b(1) & 0x3F)), 2};
    if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
        const char32_t r = (c & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
        if (r >= 0x800 && (r < 0xD800 || r > 0xDFFF)) return {r, 3};
    }
    if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
        const char32_t r = (c & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
        if (r >= 0x10000 && r <= 0x10FFFF) return {r, 4};
    }
    return {kRuneError, 1};
}

void append_utf8(std::string& out, char32_t r) {
    if (r < 0x80) {
        out += static_cast<char>(r);
    } else if (r < 0x800) {
        out += static_cast<char>(0xC0 | (r >> 6));
        out += static_cast<char>(0x80 | (r & 0x3F));
    } else if (r < 0x10000) {
        out += static_cast<char>(0xE0 | (r >> 12));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (r & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (r >> 18));
        out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (r & 0x3F));
    }
}

// Go's %q of a rune, for the ASCII cases messages meet; other characters are shown as written.
std::string quote_rune(char32_t r) {
    switch (r) {
        case '\'': return R"('\'')";
        case '\\': return R"('\\')";
        case '\n': return R"('\n')";
        case '\r': return R"('\r')";
        case '\t': return R"('\t')";
        case kEndOfInput: return R"('�')";
        default: break;
    }
    std::string out = "'";
    if (r < 0x20 || r == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(r));
        out += buf;
    } else {
        append_utf8(out, r);
    }
    return out + "'";
}

// Go's %#U: `U+0071 'q'`, the character itself unescaped when printable.
std::string unicode_name(char32_t r) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(r));
    std::string out = buf;
    if (r >= 0x20 && r != 0x7F && r != kEndOfInput) {
        out += " '";
        append_utf8(out, r);
        out += "'";
    }
    return out;
}

int digit_value(char32_t c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
    return 16;  // larger than any digit
}

// \a \b \f \n \r \t \v \\ (the quote character itself is also allowed).
constexpr std::string_view kSimpleEscapes = "abfnrtv\\";

bool is_simple_escape(char32_t c) { return c < 0x80 && kSimpleEscapes.find(static_cast<char>(c)) != std::string_view::npos; }

char simple_escape_value(char c) {
    switch (c) {
        case 'a': return '\a';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        default: return c;  // \\, \' and \"
    }
}

struct NumericEscape {
    int digits;
    std::uint32_t base;
    std::uint32_t max;
};

// \xhh (a byte), \uhhhh and \Uhhhhhhhh (a code point); nullptr for other introducers.
const NumericEscape* hex_escape(char32_t introducer) {
    static constexpr NumericEscape kByte{2, 16, 255}, kShort{4, 16, 0x10FFFF}, kLong{8, 16, 0x10FFFF};
    switch (introducer) {
        case 'x': return &kByte;
        case 'u': return &kShort;
        case 'U': return &kLong;
        default: return nullptr;
    }
}

struct Keyword {
    std::string_view word;
    TokenKind kind;
};

// Matched case-insensitively, as Prometheus does.
constexpr std::array<Keyword, 16> kKeywords{{
    {"and", TokenKind::And},           {"or", TokenKind::Or},
    {"unless", TokenKind::Unless},     {"atan2", TokenKind::Atan2},
    {"offset", TokenKind::Offset},     {"by", TokenKind::By},
    {"without", TokenKind::Without},   {"on", TokenKind::On},
    {"ignoring", TokenKind::Ignoring}, {"group_left", TokenKind::GroupLeft},
    {"group_right", TokenKind::GroupRight}, {"bool", TokenKind::Bool},
    {"start", TokenKind::Start},       {"end", TokenKind::End},
    {"inf", TokenKind::Number},        {"nan", TokenKind::Number},
}};

// The aggregation keywords are the names of the AggOps.
constexpr std::array<AggOp, 12> kAggregations{AggOp::Sum,    AggOp::Min,     AggOp::Max,      AggOp::Avg,
                                              AggOp::Count,  AggOp::Group,   AggOp::Stddev,   AggOp::Stdvar,
                                              AggOp::Topk,   AggOp::Bottomk, AggOp::Quantile, AggOp::CountValues};

const AggOp* find_aggregation(std::string_view lower_name) {
    const auto it = std::find_if(kAggregations.begin(), kAggregations.end(),
                                 [&](AggOp op) { return to_string(op) == lower_name; });
    return it == kAggregations.end() ? nullptr : &*it;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; });
    return out;
}

// Go's %.10q: at most ten characters of `s`, quoted.
std::string quote_prefix(std::string_view s, std::size_t runes) {
    std::size_t end = 0;
    for (std::size_t n = 0; end < s.size() && n < runes; ++n) end += decode_rune(s, end).width;
    return tsdb::quote(s.substr(0, end));
}

}  // namespace

Token Lexer::next() {
    if (finished_) {
        const int end = static_cast<int>(input_.size());
        return Token{TokenKind::Eof, {end, end}, {}, {}};
    }
    Token t;
    switch (mode_) {
        case Mode::Statements: t = lex_statement(); break;
        case Mode::InsideBraces: t = lex_inside_braces(); break;
        case Mode::Duration: t = lex_duration(); break;
    }
    finished_ = t.kind == TokenKind::Eof || t.kind == TokenKind::Error;
    return t;
}

bool Lexer::accept(std::string_view valid) {
    if (at_end() || valid.find(input_[pos_]) == std::string_view::npos) return false;
    ++pos_;
    return true;
}

void Lexer::accept_run(std::string_view valid) {
    while (accept(valid)) {
    }
}

char32_t Lexer::next_rune() {
    if (at_end()) return kEndOfInput;
    const Rune r = decode_rune(input_, pos_);
    pos_ += r.width;
    return r.value;
}

Token Lexer::emit(TokenKind kind) {
    Token t{kind, {static_cast<int>(start_), static_cast<int>(pos_)}, input_.substr(start_, pos_ - start_), {}};
    start_ = pos_;
    return t;
}

// Like Prometheus, a lexing error covers the rest of the input from where the failed token began.
Token Lexer::error(std::string message) {
    return Token{TokenKind::Error, {static_cast<int>(start_), static_cast<int>(input_.size())}, {}, std::move(message)};
}

void Lexer::skip_space_and_comment() {
    for (;;) {
        if (!at_end() && is_space(input_[pos_])) {
            ++pos_;
        } else if (!at_end() && input_[pos_] == '#') {
            while (!at_end() && input_[pos_] != '\n' && input_[pos_] != '\r') ++pos_;
        } else {
            break;
        }
    }
    start_ = pos_;
}

Token Lexer::lex_statement() {
    skip_space_and_comment();
    if (at_end()) {
        if (paren_depth_ != 0) return error("unclosed left parenthesis");
        if (bracket_open_) return error("unclosed left bracket");
        return emit(TokenKind::Eof);
    }
    const char c = input_[pos_++];
    switch (c) {
        case ',': return emit(TokenKind::Comma);
        case '*': return emit(TokenKind::Mul);
        case '/': return emit(TokenKind::Div);
        case '%': return emit(TokenKind::Mod);
        case '+': return emit(TokenKind::Add);
        case '-': return emit(TokenKind::Sub);
        case '^': return emit(TokenKind::Pow);
        case '@': return emit(TokenKind::At);
        case '=':
            if (accept("=")) return emit(TokenKind::Eqlc);
            if (peek() == '~') return error("unexpected character after '=': '~'");
            return emit(TokenKind::Assign);
        case '!': {
            const char32_t r = next_rune();
            if (r != '=') return error("unexpected character after '!': " + quote_rune(r));
            return emit(TokenKind::Neq);
        }
        case '<': return emit(accept("=") ? TokenKind::Lte : TokenKind::Lss);
        case '>': return emit(accept("=") ? TokenKind::Gte : TokenKind::Gtr);
        case '(':
            ++paren_depth_;
            return emit(TokenKind::LeftParen);
        case ')': {
            Token t = emit(TokenKind::RightParen);
            if (--paren_depth_ < 0) return error("unexpected right parenthesis ')'");
            return t;
        }
        case '{':
            mode_ = Mode::InsideBraces;
            return emit(TokenKind::LeftBrace);
        case '[': {
            if (bracket_open_) return error("unexpected left bracket '['");
            got_colon_ = false;
            Token t = emit(TokenKind::LeftBracket);
            while (!at_end() && is_space(input_[pos_])) ++pos_;
            start_ = pos_;
            bracket_open_ = true;
            mode_ = Mode::Duration;
            return t;
        }
        case ']':
            if (!bracket_open_) return error("unexpected right bracket ']'");
            bracket_open_ = false;
            return emit(TokenKind::RightBracket);
        case '"':
        case '\'':
        case '`': return lex_string(c);
        default: break;
    }
    if (is_digit(c) || (c == '.' && is_digit(peek()))) {
        --pos_;
        return lex_number_or_duration();
    }
    if (is_alpha(c) || c == ':') {
        if (!bracket_open_) {
            --pos_;
            return lex_keyword_or_identifier();
        }
        // Prometheus 2.42 reads any letter inside brackets as the subquery colon.
        if (got_colon_) return error("unexpected colon " + quote_rune(static_cast<unsigned char>(c)));
        got_colon_ = true;
        return emit(TokenKind::Colon);
    }
    --pos_;
    return error("unexpected character: " + quote_rune(next_rune()));
}

Token Lexer::lex_inside_braces() {
    skip_space_and_comment();
    if (at_end()) return error("unexpected end of input inside braces");
    const char c = input_[pos_++];
    switch (c) {
        case ',': return emit(TokenKind::Comma);
        case '"':
        case '\'':
        case '`': return lex_string(c);
        case '=': return emit(accept("~") ? TokenKind::EqlRegex : TokenKind::Assign);
        case '!': {
            const char32_t r = next_rune();
            if (r == '~') return emit(TokenKind::NeqRegex);
            if (r == '=') return emit(TokenKind::Neq);
            return error("unexpected character after '!' inside braces: " + quote_rune(r));
        }
        case '{': return error("unexpected left brace '{'");
        case '}':
            mode_ = Mode::Statements;
            return emit(TokenKind::RightBrace);
        default: break;
    }
    if (is_alpha(c)) {
        --pos_;
        return lex_identifier();
    }
    --pos_;
    return error("unexpected character inside braces: " + quote_rune(next_rune()));
}

Token Lexer::lex_duration() {
    mode_ = Mode::Statements;
    if (scan_number()) return error("missing unit character in duration");
    if (!accept_remaining_duration()) return error("bad duration syntax: " + tsdb::quote(input_.substr(start_, pos_ - start_)));
    return emit(TokenKind::Duration);
}

Token Lexer::lex_number_or_duration() {
    if (scan_number()) return emit(TokenKind::Number);
    if (accept_remaining_duration()) return emit(TokenKind::Duration);
    return error("bad number or duration syntax: " + tsdb::quote(input_.substr(start_, pos_ - start_)));
}

// Scans what may be a number; whether it is a valid one the parser decides.
bool Lexer::scan_number() {
    std::string_view digits = "0123456789";
    if (accept("0") && accept("xX")) digits = "0123456789abcdefABCDEF";
    accept_run(digits);
    if (accept(".")) accept_run(digits);
    if (accept("eE")) {
        accept("+-");
        accept_run("0123456789");
    }
    return !is_alnum(peek());
}

// The unit part of a duration after its first number; unit order is checked when it is parsed.
bool Lexer::accept_remaining_duration() {
    if (!accept("smhdwy")) return false;
    accept("s");  // ms
    while (accept("0123456789")) {
        accept_run("0123456789");
        if (!accept("smhdw")) return false;
        accept("s");
    }
    if (is_alnum(peek())) {
        ++pos_;  // Prometheus shows the offending character in the message
        return false;
    }
    return true;
}

Token Lexer::lex_keyword_or_identifier() {
    while (!at_end() && (is_alnum(input_[pos_]) || input_[pos_] == ':')) ++pos_;
    const std::string_view word = input_.substr(start_, pos_ - start_);
    const std::string key = lower(word);
    for (const auto& k : kKeywords)
        if (k.word == key) return emit(k.kind);
    if (find_aggregation(key)) return emit(TokenKind::Aggregator);
    return emit(word.find(':') == std::string_view::npos ? TokenKind::Identifier : TokenKind::MetricIdentifier);
}

Token Lexer::lex_identifier() {
    while (!at_end() && is_alnum(input_[pos_])) ++pos_;
    return emit(TokenKind::Identifier);
}

Token Lexer::lex_string(char quote) {
    const bool raw = quote == '`';
    for (;;) {
        if (at_end()) return error(raw ? "unterminated raw string" : "unterminated quoted string");
        const char32_t r = next_rune();
        if (r == kRuneError) return error("invalid UTF-8 rune");
        if (!raw && r == '\\') {
            if (std::string problem = scan_escape(quote); !problem.empty()) return error(std::move(problem));
            continue;
        }
        if (!raw && r == '\n') return error("unterminated quoted string");
        if (r == static_cast<unsigned char>(quote)) return emit(TokenKind::String);
    }
}

// Go's escape rules (go/scanner), which Prometheus adopted for "..." and '...' strings.
std::string Lexer::scan_escape(char quote) {
    char32_t ch = next_rune();
    if (is_simple_escape(ch) || ch == static_cast<unsigned char>(quote)) return {};
    if (ch == kEndOfInput) return "escape sequence not terminated";
    NumericEscape spec{3, 8, 255};  // octal: the introducer is the first digit
    if (const NumericEscape* hex = hex_escape(ch)) {
        spec = *hex;
        ch = next_rune();
    } else if (ch < '0' || ch > '7') {
        return "unknown escape sequence " + unicode_name(ch);
    }
    std::uint32_t x = 0;
    for (int n = spec.digits; n > 0; --n) {
        const auto d = static_cast<std::uint32_t>(digit_value(ch));
        if (d >= spec.base) {
            if (ch == kEndOfInput) return "escape sequence not terminated";
            return "illegal character " + unicode_name(ch) + " in escape sequence";
        }
        x = x * spec.base + d;
        if (n > 1) ch = next_rune();
    }
    if (x > spec.max || (x >= 0xD800 && x < 0xE000)) return "escape sequence is an invalid Unicode code point";
    return {};
}

std::string describe(const Token& token) {
    const std::string text(token.text);
    switch (token.kind) {
        case TokenKind::Eof: return "end of input";
        case TokenKind::Error: return token.message;
        case TokenKind::Identifier: return "identifier " + tsdb::quote(text);
        case TokenKind::MetricIdentifier: return "metric identifier " + tsdb::quote(text);
        case TokenKind::Number:
        case TokenKind::String:
        case TokenKind::Duration: {
            const char* what = token.kind == TokenKind::Number ? "number " : token.kind == TokenKind::String ? "string " : "duration ";
            return what + (text.size() > 10 ? quote_prefix(text, 10) + "..." : tsdb::quote(text));
        }
        case TokenKind::Add: case TokenKind::Sub: case TokenKind::Mul: case TokenKind::Div: case TokenKind::Mod:
        case TokenKind::Pow: case TokenKind::Eqlc: case TokenKind::Neq: case TokenKind::Lte: case TokenKind::Lss:
        case TokenKind::Gte: case TokenKind::Gtr: case TokenKind::EqlRegex: case TokenKind::NeqRegex:
        case TokenKind::At: case TokenKind::And: case TokenKind::Or: case TokenKind::Unless: case TokenKind::Atan2:
            return "<op:" + text + ">";
        case TokenKind::Aggregator: return "<aggr:" + text + ">";
        case TokenKind::Bool: case TokenKind::By: case TokenKind::Without: case TokenKind::On:
        case TokenKind::Ignoring: case TokenKind::GroupLeft: case TokenKind::GroupRight: case TokenKind::Offset:
            return "<" + text + ">";
        default: return tsdb::quote(text);  // punctuation, start, end
    }
}

AggOp aggregation(const Token& token) {
    const AggOp* op = find_aggregation(lower(token.text));
    return op ? *op : AggOp::Sum;  // unreachable: the lexer makes Aggregator tokens of these names only
}

std::string unquote(std::string_view token) {
    if (token.size() < 2) return {};
    const char quote = token.front();
    const std::string_view body = token.substr(1, token.size() - 2);
    if (quote == '`') return std::string(body);
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 >= body.size()) {
            out += body[i];
            continue;
        }
        const char c = body[++i];
        // Reads the escape's digits; for octal the introducer is the first of them.
        const auto number = [&](int digits, std::uint32_t base) {
            std::uint32_t x = 0;
            for (int k = 0; k < digits && i + 1 < body.size(); ++k) x = x * base + digit_value(body[++i]);
            return x;
        };
        if (const NumericEscape* hex = hex_escape(static_cast<unsigned char>(c))) {
            const std::uint32_t x = number(hex->digits, 16);
            if (c == 'x')
                out += static_cast<char>(x);  // a byte, not a character
            else
                append_utf8(out, x);
        } else if (c >= '0' && c <= '7') {
            --i;
            out += static_cast<char>(number(3, 8));
        } else {
            out += simple_escape_value(c);
        }
    }
    return out;
}

}  // namespace sim::promql
