// The `@` modifier as Prometheus 2.42 parses, prints and evaluates it. Expected values and
// messages were taken from promtool 2.42 (tests/promtool/cases/105-117 pin the same behaviour
// end to end).
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

#include "eval_fixture.hpp"

using namespace eval_test;

namespace {

const VectorSelector& selector_of(const Expr& e) {
    if (e.kind == ExprKind::MatrixSelector) return static_cast<const VectorSelector&>(*static_cast<const MatrixSelector&>(e).selector);
    return dynamic_cast<const VectorSelector&>(e);
}

// "line:col: message" of the parse error, as promtool prints it after "parse error: ".
std::string parse_error(std::string_view text) {
    try {
        parse(text);
    } catch (const ParseError& e) {
        const auto lc = line_col(text, e.pos().start);
        return std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + e.what();
    }
    return "<no error>";
}

const Time kEvalTime = at(600);

// foo grows by 10 a minute: 0 at 0s, 100 at the evaluation time (600s), 120 at 720s.
Db counter() {
    Db db;
    db.series("foo", {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120});
    return db;
}

struct ExpectedValue {
    const char* expr;
    double value;
};

// Each expression evaluated at kEvalTime gives one element with this value.
void check_values(const Db& db, std::initializer_list<ExpectedValue> cases) {
    for (const auto& c : cases) {
        INFO(c.expr);
        CHECK(db.only(c.expr, kEvalTime) == c.value);
    }
}

// An expression and what it should give (an error, a printed form).
struct TextCase {
    const char* text;
    const char* expected;
};

}  // namespace

TEST_CASE("issue 16.1: @ takes signed, fractional, exponent and hex seconds and rounds them to milliseconds") {
    struct Case {
        const char* text;
        std::int64_t unix_ms;
    };
    for (const auto& c : {Case{"foo @ 300", 300'000}, Case{"foo @ -5", -5'000}, Case{"foo @ + 5", 5'000},
                          Case{"foo @ 1e3", 1'000'000}, Case{"foo @ .5e1", 5'000}, Case{"foo @ 0x12c", 300'000},
                          Case{"foo @ 299.9995", 300'000}, Case{"foo @ 1.0005", 1'001}}) {
        INFO(c.text);
        const auto e = parse(c.text);
        const auto& vs = selector_of(*e);
        CHECK(vs.at.kind == AtModifier::Kind::Timestamp);
        CHECK(vs.at.unix_ms == c.unix_ms);
        CHECK(e->pos.end == static_cast<int>(std::string_view(c.text).size()));
    }
}

TEST_CASE("issue 16.1: @ and offset combine in either order on selectors, ranges and subqueries") {
    const auto a = parse("foo offset 1m @ 300");
    const auto b = parse("foo @ 300 offset 1m");
    CHECK(equal(*a, *b));
    CHECK(selector_of(*a).offset == Duration::minutes(1));

    const auto range = parse("foo[5m] @ end() offset -2m");
    CHECK(selector_of(*range).at.kind == AtModifier::Kind::End);
    CHECK(selector_of(*range).offset == -Duration::minutes(2));

    const auto sq = parse("foo[5m:1m] @ start() offset 1m");
    const auto& s = dynamic_cast<const SubqueryExpr&>(*sq);
    CHECK(s.at.kind == AtModifier::Kind::Start);
    CHECK(s.offset == Duration::minutes(1));

    // 2.42 refuses a timestamp before a range but lets start()/end() through.
    CHECK(selector_of(*parse("foo @ start() [5m]")).at.kind == AtModifier::Kind::Start);
}

TEST_CASE("issue 16.1: misplaced or repeated @ fails with 2.42's message and position") {
    for (const auto& c : {
             TextCase{"foo @ 5 @ 6", "1:1: @ <timestamp> may not be set multiple times"},
             TextCase{"foo @ start() offset 5m @ end()", "1:1: @ <timestamp> may not be set multiple times"},
             TextCase{"foo[5m] @ 3 @ 4", "1:1: @ <timestamp> may not be set multiple times"},
             TextCase{"sum(foo) @ 5", "1:1: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"},
             TextCase{"1 @ 5", "1:1: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"},
             TextCase{"foo @ Inf", "1:1: timestamp out of bounds for @ modifier: +Inf"},
             TextCase{"foo @ NaN", "1:1: timestamp out of bounds for @ modifier: NaN"},
             TextCase{"foo @ 9.3e18", "1:1: timestamp out of bounds for @ modifier: 9300000000000000000.000000"},
             TextCase{"foo @ 5m", "1:7: unexpected duration \"5m\" in @, expected timestamp"},
             TextCase{"foo @", "1:6: unexpected end of input in @, expected timestamp"},
             TextCase{"foo @ start", "1:12: unexpected end of input in @, expected timestamp"},
             TextCase{"foo @ start x", "1:13: unexpected identifier \"x\" in @, expected timestamp"},
             TextCase{"foo @ start(5)", "1:13: unexpected number \"5\" in @, expected timestamp"},
             TextCase{"foo @ bar", "1:7: unexpected identifier \"bar\" in @, expected timestamp"},
             TextCase{"foo @ 1 [5m]", "1:9: no @ modifiers allowed before range"},
         }) {
        INFO(c.text);
        CHECK(parse_error(c.text) == c.expected);
    }
}

TEST_CASE("issue 16.1: @ prints before offset with three decimals, and the text parses back to the same tree") {
    for (const auto& c : {
             TextCase{"foo offset 1m @ 300", "foo @ 300.000 offset 1m"},
             TextCase{"foo{b=\"x\",a=\"y\"} @ 1.0005", "foo{a=\"y\",b=\"x\"} @ 1.001"},
             TextCase{"foo @ -5", "foo @ -5.000"},
             TextCase{"rate(foo[5m] @ 300 offset 1m)", "rate(foo[5m] @ 300.000 offset 1m)"},
             TextCase{"foo @ start() [5m]", "foo[5m] @ start()"},
             TextCase{"max_over_time(foo[5m:1m] @ end() offset -1m)", "max_over_time(foo[5m:1m] @ end() offset -1m)"},
         }) {
        INFO(c.text);
        const auto e = parse(c.text);
        CHECK(to_string(*e) == c.expected);
        CHECK(equal(*parse(to_string(*e)), *e));
    }
}

TEST_CASE("issue 16.1: a pinned selector reads at the @ time minus its offset, whatever the evaluation time") {
    const Db db = counter();
    check_values(db, {{"foo @ 300", 50},
                      {"foo @ 300 offset 1m", 40},
                      {"foo offset 1m @ 300", 40},
                      {"foo @ start()", 100},
                      {"timestamp(foo @ 300)", 300},  // the sample's own time
                      {"timestamp(foo @ 300 offset 1m)", 240},
                      {"timestamp(sum(foo @ 300))", 600},  // an aggregate is stamped at the evaluation time
                      {"time() - timestamp(foo @ 300)", 300}});
    CHECK(db.only("foo @ end()", at(720)) == 120);
    CHECK(db.vec("foo @ -5", kEvalTime).empty());
    CHECK(db.vec("foo @ 300", kEvalTime)[0].t == kEvalTime);
}

TEST_CASE("issue 16.1: a pinned range reads the window ending at the @ time minus its offset") {
    check_values(counter(), {{"rate(foo[5m] @ 300)", 0.16666666666666669},
                             {"count_over_time(foo[10m] @ end() offset -2m)", 11},  // 120s..720s, both ends in
                             {"sum_over_time(foo @ start() [2m])", 270},
                             // predict_linear still predicts for the evaluation time, not the @ time.
                             {"predict_linear(foo[5m] @ 300, 0)", 100}});
}

TEST_CASE("issue 16.1: inside a subquery @ is absolute and start()/end() are the outer query's time") {
    check_values(counter(), {{"max_over_time((foo @ 300)[5m:1m])", 50},
                             {"max_over_time(foo[5m:1m] @ 300)", 50},
                             {"max_over_time(foo[5m:1m] @ 300 offset 1m)", 40},
                             {"max_over_time((foo @ start())[5m:1m] offset 2m)", 100},
                             {"max_over_time(timestamp(foo @ 300)[5m:1m])", 300},
                             {"min_over_time((time() + 0 * (foo @ 300))[5m:1m])", 300}});
}

TEST_CASE("issue 16.5: absent() derives labels from the matchers in order, as written and as a rule prints them") {
    Db db;
    struct Case {
        const char* expr;
        const char* as_written;  // promql_expr_test
        const char* as_printed;  // a rule: matchers sorted as text
    };
    for (const auto& c : {
             Case{R"(absent(nope{b="x",a="y"}))", R"({a="y",b="x"})", R"({a="y",b="x"})"},
             Case{R"(absent(nope{a="x",a="y"}))", "{}", "{}"},
             Case{R"(absent(nope{a="y",a="y"}))", "{}", "{}"},
             Case{R"(absent(nope{a="",a="y"}))", "{}", "{}"},
             Case{R"(absent(nope{a="y",a=""}))", "{}", "{}"},
             Case{R"(absent(nope{a="",b="x"}))", R"({b="x"})", R"({b="x"})"},
             Case{R"(absent(nope{job="a", job=~"b"}))", "{}", "{}"},
             Case{R"(absent(nope{job=~"b", job="a"}))", R"({job="a"})", "{}"},
             Case{R"(absent_over_time(nope{job=~"b", job="a"}[5m]))", R"({job="a"})", "{}"},
             Case{R"(absent(nope{job!="b", job="a"} @ 300))", R"({job="a"})", R"({job="a"})"},
         }) {
        INFO(c.expr);
        const auto written = db.vec(c.expr, at(600));
        REQUIRE(written.size() == 1);
        CHECK(written[0].metric == parse_metric(c.as_written));
        const auto printed = db.vec(to_string(*parse(c.expr)), at(600));
        REQUIRE(printed.size() == 1);
        CHECK(printed[0].metric == parse_metric(c.as_printed));
    }
}
