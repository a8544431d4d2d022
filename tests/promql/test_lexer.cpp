#include <catch2/catch.hpp>

#include <vector>

#include "sim/promql/lexer.hpp"

using namespace sim::promql;
using K = TokenKind;

namespace {

std::vector<Token> lex_all(std::string_view text) {
    Lexer lexer(text);
    std::vector<Token> out;
    for (;;) {
        out.push_back(lexer.next());
        if (out.back().kind == K::Eof || out.back().kind == K::Error) return out;
    }
}

std::vector<K> kinds(std::string_view text) {
    std::vector<K> out;
    for (const auto& t : lex_all(text)) out.push_back(t.kind);
    return out;
}

Token first(std::string_view text) { return Lexer(text).next(); }

Token last(std::string_view text) { return lex_all(text).back(); }

}  // namespace

TEST_CASE("an expression lexes into its tokens in order") {
    CHECK(kinds(R"(sum by (job) (rate(x{a="b"}[5m])) > 0.5)") ==
          std::vector<K>{K::Aggregator, K::By,       K::LeftParen,  K::Identifier,   K::RightParen, K::LeftParen,
                         K::Identifier, K::LeftParen, K::Identifier, K::LeftBrace,    K::Identifier, K::Assign,
                         K::String,     K::RightBrace, K::LeftBracket, K::Duration,   K::RightBracket, K::RightParen,
                         K::RightParen, K::Gtr,       K::Number,     K::Eof});
}

TEST_CASE("tokens carry the byte range and text they were read from") {
    const auto tokens = lex_all("  foo  +\tbar_1");
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[0].pos.start == 2);
    CHECK(tokens[0].pos.end == 5);
    CHECK(tokens[0].text == "foo");
    CHECK(tokens[1].pos.start == 7);
    CHECK(tokens[2].text == "bar_1");
    CHECK(tokens[2].pos.start == 9);
    CHECK(tokens[3].pos.start == 14);  // end of input sits at the end
}

TEST_CASE("numbers are decimal, hexadecimal, scientific, Inf or NaN in any case") {
    for (const char* n : {"1", "1.5", ".5", "5.", "1e3", "1.5E-3", "0x1F", "0XaB", "017", "Inf", "inf", "INF", "NaN", "nan"}) {
        INFO(n);
        const Token t = first(n);
        CHECK(t.kind == K::Number);
        CHECK(t.text == n);
    }
    CHECK(first("Infinity").kind == K::Identifier);
}

TEST_CASE("a number running into letters is a duration or an error") {
    CHECK(first("5m").kind == K::Duration);
    CHECK(first("1h30m").kind == K::Duration);
    CHECK(first("500ms").kind == K::Duration);
    const Token bad = first("1_000");
    CHECK(bad.kind == K::Error);
    CHECK(bad.message == R"(bad number or duration syntax: "1")");
}

TEST_CASE("right after [ only a duration may follow") {
    CHECK(kinds("x[1h30m:1m]") ==
          std::vector<K>{K::Identifier, K::LeftBracket, K::Duration, K::Colon, K::Duration, K::RightBracket, K::Eof});
    CHECK(last("x[5]").message == "missing unit character in duration");
    CHECK(last("x[5M]").message == R"(bad duration syntax: "5")");
}

TEST_CASE("inside brackets a letter reads as the subquery colon, as in Prometheus 2.42") {
    CHECK(kinds("x[5m s]") == std::vector<K>{K::Identifier, K::LeftBracket, K::Duration, K::Colon, K::RightBracket, K::Eof});
    const Token second_colon = last("x[5m:1m:]");
    CHECK(second_colon.kind == K::Error);
    CHECK(second_colon.message == "unexpected colon ':'");
    CHECK(second_colon.pos.start == 7);
}

TEST_CASE("identifiers with a colon are metric identifiers") {
    CHECK(first("job:rate5m:sum").kind == K::MetricIdentifier);
    CHECK(first(":x").kind == K::MetricIdentifier);
    CHECK(first("rate").kind == K::Identifier);
}

TEST_CASE("keywords are recognised case-insensitively outside braces only") {
    CHECK(kinds("a AND b or c unless d atan2 e") ==
          std::vector<K>{K::Identifier, K::And, K::Identifier, K::Or, K::Identifier, K::Unless, K::Identifier, K::Atan2,
                         K::Identifier, K::Eof});
    CHECK(kinds("by without on ignoring group_left group_right bool offset start end") ==
          std::vector<K>{K::By, K::Without, K::On, K::Ignoring, K::GroupLeft, K::GroupRight, K::Bool, K::Offset, K::Start,
                         K::End, K::Eof});
    for (const char* agg : {"sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk",
                            "count_values", "quantile", "SUM"}) {
        INFO(agg);
        CHECK(first(agg).kind == K::Aggregator);
    }
    CHECK(kinds(R"({by="x", offset!~"y"})") == std::vector<K>{K::LeftBrace, K::Identifier, K::Assign, K::String, K::Comma,
                                                            K::Identifier, K::NeqRegex, K::String, K::RightBrace, K::Eof});
}

TEST_CASE("every operator has its own token") {
    CHECK(kinds("+ - * / % ^ == != <= < >= > @") == std::vector<K>{K::Add, K::Sub, K::Mul, K::Div, K::Mod, K::Pow, K::Eqlc,
                                                                   K::Neq, K::Lte, K::Lss, K::Gte, K::Gtr, K::At, K::Eof});
    CHECK(kinds(R"({a="1",b!="2",c=~"3",d!~"4"})") ==
          std::vector<K>{K::LeftBrace, K::Identifier, K::Assign, K::String, K::Comma, K::Identifier, K::Neq, K::String,
                         K::Comma, K::Identifier, K::EqlRegex, K::String, K::Comma, K::Identifier, K::NeqRegex, K::String,
                         K::RightBrace, K::Eof});
}

TEST_CASE("comments run to the end of the line and produce no token") {
    CHECK(kinds("x # a comment\n+ y") == std::vector<K>{K::Identifier, K::Add, K::Identifier, K::Eof});
    CHECK(kinds("{a=\"b\" # inside braces\n}") ==
          std::vector<K>{K::LeftBrace, K::Identifier, K::Assign, K::String, K::RightBrace, K::Eof});
    CHECK(kinds("# only a comment") == std::vector<K>{K::Eof});
}

TEST_CASE("strings take three quote styles and Go escapes") {
    CHECK(unquote(first(R"("a\"b\n\t\\")").text) == "a\"b\n\t\\");
    CHECK(unquote(first(R"('it\'s')").text) == "it's");
    CHECK(unquote(first(R"(`raw\n`)").text) == "raw\\n");
    CHECK(unquote(first(R"("\x41\101\u00e9\U0001F600")").text) == "AA\xC3\xA9\xF0\x9F\x98\x80");
    CHECK(unquote(first(R"("\a\b\f\v\r")").text) == "\a\b\f\v\r");
    CHECK(first("`multi\nline`").kind == K::String);
}

TEST_CASE("malformed strings are lexing errors at the opening quote") {
    struct Case {
        const char* text;
        const char* message;
    };
    for (const Case c : {Case{R"(x + "abc)", "unterminated quoted string"},
                         Case{"x + \"a\nb\"", "unterminated quoted string"},
                         Case{"x + `abc", "unterminated raw string"},
                         Case{R"(x + "a\qb")", "unknown escape sequence U+0071 'q'"},
                         Case{R"(x + "a\'b")", "unknown escape sequence U+0027 '''"},
                         Case{R"(x + "\400")", "escape sequence is an invalid Unicode code point"},
                         Case{R"(x + "\uD800")", "escape sequence is an invalid Unicode code point"},
                         Case{R"(x + "\xZ1")", "illegal character U+005A 'Z' in escape sequence"},
                         Case{"x + \"\\", "escape sequence not terminated"},
                         Case{"x + \"\xff\"", "invalid UTF-8 rune"}}) {
        INFO(c.text);
        const Token t = last(c.text);
        CHECK(t.kind == K::Error);
        CHECK(t.message == c.message);
        CHECK(t.pos.start == 4);
    }
}

TEST_CASE("stray characters and unbalanced brackets are lexing errors") {
    struct Case {
        const char* text;
        const char* message;
        int start;
    };
    for (const Case c : {Case{"x ~ y", "unexpected character: '~'", 2}, Case{"x !y", "unexpected character after '!': 'y'", 2},
                         Case{"x =~ y", "unexpected character after '=': '~'", 2}, Case{"x)", "unexpected right parenthesis ')'", 2},
                         Case{"sum(x", "unclosed left parenthesis", 5}, Case{"x[5m", "unclosed left bracket", 4},
                         Case{"x]", "unexpected right bracket ']'", 1}, Case{"x[5m:[", "unexpected left bracket '['", 5},
                         Case{"x{a=\"b\"", "unexpected end of input inside braces", 7},
                         Case{"x{a:b=\"c\"}", "unexpected character inside braces: ':'", 3},
                         Case{"x{{", "unexpected left brace '{'", 2},
                         Case{"x{a!b}", "unexpected character after '!' inside braces: 'b'", 3}}) {
        INFO(c.text);
        const Token t = last(c.text);
        CHECK(t.kind == K::Error);
        CHECK(t.message == c.message);
        CHECK(t.pos.start == c.start);
        CHECK(t.pos.end == static_cast<int>(std::string_view(c.text).size()));
    }
}

TEST_CASE("after the end of input or an error the lexer keeps returning end of input") {
    Lexer lexer("x ~");
    CHECK(lexer.next().kind == K::Identifier);
    CHECK(lexer.next().kind == K::Error);
    CHECK(lexer.next().kind == K::Eof);
    CHECK(lexer.next().kind == K::Eof);
}

TEST_CASE("tokens are described as Prometheus names them in messages") {
    const auto tokens = lex_all(R"(x a:b 5 5m "s" by + sum ( start ) "abcdefghijkl")");
    std::vector<std::string> described;
    for (const auto& t : tokens) described.push_back(describe(t));
    CHECK(described == std::vector<std::string>{R"(identifier "x")", R"(metric identifier "a:b")", R"(number "5")",
                                                R"(duration "5m")", R"(string "\"s\"")", "<by>", "<op:+>", "<aggr:sum>",
                                                R"~("(")~", R"("start")", R"~(")")~", R"(string "\"abcdefghi"...)", "end of input"});
}
