// PromQL tokens, lexed the way Prometheus 2.42's promql/parser/lex.go does: the lexer is modal
// (inside `{...}` every word is a label name, right after `[` only a duration may follow, inside
// `[...]` a letter is read as the subquery colon), so it is pulled one token at a time by the parser.
#pragma once

#include <string>
#include <string_view>

#include "sim/promql/ast.hpp"

namespace sim::promql {

enum class TokenKind {
    Eof,
    Error,  // a lexing error; `message` says what, the parser reports it when it reaches it
    Identifier,
    MetricIdentifier,  // an identifier containing ':'
    Number,
    String,
    Duration,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    Assign,  // `=` (label matchers and label sets)
    // Operators.
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Eqlc,
    Neq,
    Lte,
    Lss,
    Gte,
    Gtr,
    EqlRegex,
    NeqRegex,
    At,
    And,
    Or,
    Unless,
    Atan2,
    // sum, avg, ... (the AggOp is named by the text)
    Aggregator,
    // Keywords.
    Bool,
    By,
    Without,
    On,
    Ignoring,
    GroupLeft,
    GroupRight,
    Offset,
    // `@ start()` / `@ end()` preprocessors.
    Start,
    End,
};

struct Token {
    TokenKind kind = TokenKind::Eof;
    PosRange pos;
    std::string_view text;  // the token as written
    std::string message;    // TokenKind::Error only
};

class Lexer {
public:
    explicit Lexer(std::string_view input) : input_(input) {}

    // The next token; comments are skipped. After Eof or Error it keeps returning Eof.
    Token next();

private:
    enum class Mode { Statements, InsideBraces, Duration };

    Token lex_statement();
    Token lex_inside_braces();
    Token lex_duration();
    Token lex_number_or_duration();
    Token lex_keyword_or_identifier();
    Token lex_identifier();
    Token lex_string(char quote);
    std::string scan_escape(char quote);  // empty, or what is wrong with the escape

    bool scan_number();
    bool accept_remaining_duration();
    void skip_space_and_comment();

    bool at_end() const { return pos_ >= input_.size(); }
    char32_t next_rune();  // decodes and consumes one UTF-8 character
    char peek() const { return at_end() ? '\0' : input_[pos_]; }
    bool accept(std::string_view valid);
    void accept_run(std::string_view valid);
    Token emit(TokenKind kind);
    Token error(std::string message);

    std::string_view input_;
    std::size_t pos_ = 0;
    std::size_t start_ = 0;
    Mode mode_ = Mode::Statements;
    int paren_depth_ = 0;
    bool bracket_open_ = false;
    bool got_colon_ = false;
    bool finished_ = false;
};

// How Prometheus names a token in "unexpected ..." messages: `identifier "x"`, `<by>`, `<op:+>`,
// `"("`, `end of input`.
std::string describe(const Token& token);

// The aggregation a TokenKind::Aggregator token names (keywords are case-insensitive).
AggOp aggregation(const Token& token);

// The value of a string token the lexer accepted (Go escapes resolved; raw strings verbatim).
std::string unquote(std::string_view token);

}  // namespace sim::promql
