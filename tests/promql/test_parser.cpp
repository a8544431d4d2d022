#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "sim/promql/parser.hpp"

using namespace sim;
using namespace sim::promql;

namespace {

template <typename T>
const T& as(const Expr& e) {
    return dynamic_cast<const T&>(e);
}

// A fully bracketed rendering of the tree, so tests can state how an expression grouped.
std::string shape(const Expr& e) {
    std::ostringstream out;
    switch (e.kind) {
        case ExprKind::Number: out << as<NumberLiteral>(e).value; break;
        case ExprKind::String: out << '"' << as<StringLiteral>(e).value << '"'; break;
        case ExprKind::VectorSelector: out << as<VectorSelector>(e).name; break;
        case ExprKind::MatrixSelector: out << shape(*as<MatrixSelector>(e).selector) << "[]"; break;
        case ExprKind::Subquery: out << shape(*as<SubqueryExpr>(e).expr) << "[:]"; break;
        case ExprKind::Paren: out << "(paren " << shape(*as<ParenExpr>(e).expr) << ")"; break;
        case ExprKind::Unary: out << "(" << as<UnaryExpr>(e).op << shape(*as<UnaryExpr>(e).expr) << ")"; break;
        case ExprKind::Binary: {
            const auto& b = as<BinaryExpr>(e);
            out << "(" << shape(*b.lhs) << " " << to_string(b.op) << " " << shape(*b.rhs) << ")";
            break;
        }
        case ExprKind::Aggregate: out << to_string(as<AggregateExpr>(e).op) << "(" << shape(*as<AggregateExpr>(e).expr) << ")"; break;
        case ExprKind::Call: {
            const auto& c = as<Call>(e);
            out << c.func->name << "(";
            for (std::size_t i = 0; i < c.args.size(); ++i) out << (i ? ", " : "") << shape(*c.args[i]);
            out << ")";
            break;
        }
    }
    return out.str();
}

std::string shape_of(std::string_view text) { return shape(*parse(text)); }

// The ParseError that `parse_text(text)` raises; fails the test when there is none.
template <typename ParseFn>
ParseError error_of(ParseFn parse_text, std::string_view text) {
    try {
        parse_text(text);
    } catch (const ParseError& e) {
        return e;
    }
    FAIL("parsed without error: " << text);
    throw std::logic_error("unreachable");
}

ParseError expression_error(std::string_view text) { return error_of([](std::string_view t) { parse(t); }, text); }

// The matchers of a selector as `name op value` text, in order.
std::vector<std::string> matchers_of(const VectorSelector& s) {
    std::vector<std::string> out;
    for (const auto& m : s.matchers) out.push_back(m.to_string());
    return out;
}

}  // namespace

TEST_CASE("a metric name becomes a trailing __name__ matcher") {
    const auto e = parse(R"(http_requests_total{job="api", code!="200", path=~"/v1/.*", method!~"GET|HEAD"})");
    const auto& s = as<VectorSelector>(*e);
    CHECK(s.name == "http_requests_total");
    CHECK(matchers_of(s) == std::vector<std::string>{R"(job="api")", R"(code!="200")", R"(path=~"/v1/.*")",
                                                     R"(method!~"GET|HEAD")", R"(__name__="http_requests_total")"});
    CHECK(s.offset.is_zero());
    CHECK(s.pos.start == 0);
    CHECK(s.pos.end == static_cast<int>(std::string_view(R"(http_requests_total{job="api", code!="200", path=~"/v1/.*", method!~"GET|HEAD"})").size()));
}

TEST_CASE("a selector may be braces only, name the metric inside them, or be a keyword") {
    const auto inside = parse(R"({__name__="up", job="x"})");
    CHECK(as<VectorSelector>(*inside).name.empty());
    CHECK(matchers_of(as<VectorSelector>(*inside)) == std::vector<std::string>{R"(__name__="up")", R"(job="x")"});
    for (const char* keyword : {"sum", "by", "and", "offset", "start", "end", "without"}) {
        INFO(keyword);
        CHECK(as<VectorSelector>(*parse(keyword)).name == keyword);
    }
    CHECK(as<VectorSelector>(*parse(R"(sum{a="b"})")).name == "sum");
    CHECK(as<VectorSelector>(*parse("x{}")).matchers.size() == 1);
    CHECK(as<VectorSelector>(*parse(R"(x{a="b",})")).matchers.size() == 2);
}

TEST_CASE("string values in matchers are unquoted") {
    const auto e = parse("x{a='it\\'s', b=`raw\\d`, c=\"tab\\t\"}");
    CHECK(matchers_of(as<VectorSelector>(*e)) ==
          std::vector<std::string>{R"(a="it's")", R"(b="raw\\d")", R"(c="tab\t")", R"(__name__="x")"});
}

TEST_CASE("ranges, subqueries and offsets attach to what they follow") {
    const auto m = parse("x[1h30m] offset -5m");
    const auto& ms = as<MatrixSelector>(*m);
    CHECK(ms.range == Duration::minutes(90));
    CHECK(as<VectorSelector>(*ms.selector).offset == -Duration::minutes(5));
    CHECK(ms.pos.end == 19);

    const auto v = parse("x offset 1d");
    CHECK(as<VectorSelector>(*v).offset == Duration::hours(24));

    const auto s = parse("rate(x[5m])[30m:1m] offset 1h");
    const auto& sq = as<SubqueryExpr>(*s);
    CHECK(sq.range == Duration::minutes(30));
    CHECK(sq.step == Duration::minutes(1));
    CHECK(sq.offset == Duration::hours(1));
    CHECK(sq.expr->kind == ExprKind::Call);

    const auto default_step = parse("x[5m:]");
    CHECK(as<SubqueryExpr>(*default_step).step.is_zero());

    const auto offset_then_subquery = parse("x offset 5m [10m:]");
    CHECK(as<VectorSelector>(*as<SubqueryExpr>(*offset_then_subquery).expr).offset == Duration::minutes(5));
}

TEST_CASE("aggregations take their grouping before or after the body, and a parameter where needed") {
    const auto before = parse("sum by (job, instance) (x)");
    const auto after = parse("sum(x) by (job, instance)");
    for (const auto* e : {before.get(), after.get()}) {
        const auto& a = as<AggregateExpr>(*e);
        CHECK(a.op == AggOp::Sum);
        CHECK(a.grouping == std::vector<std::string>{"job", "instance"});
        CHECK_FALSE(a.without);
        CHECK(a.explicit_grouping);
        CHECK(a.param == nullptr);
    }
    CHECK(as<AggregateExpr>(*after).pos.end == 25);

    const ExprPtr w_tree = parse("avg without (pod) (x)");
    const auto& w = as<AggregateExpr>(*w_tree);
    CHECK(w.without);
    CHECK(w.grouping == std::vector<std::string>{"pod"});

    const ExprPtr plain_tree = parse("count(x)");
    const auto& plain = as<AggregateExpr>(*plain_tree);
    CHECK_FALSE(plain.explicit_grouping);
    CHECK(as<AggregateExpr>(*parse("max by () (x)")).explicit_grouping);

    const ExprPtr topk_tree = parse("topk(5, x)");
    const auto& topk = as<AggregateExpr>(*topk_tree);
    CHECK(topk.op == AggOp::Topk);
    CHECK(as<NumberLiteral>(*topk.param).value == 5);
    const ExprPtr cv_tree = parse(R"(count_values("v", x))");
    const auto& cv = as<AggregateExpr>(*cv_tree);
    CHECK(as<StringLiteral>(*cv.param).value == "v");
    CHECK(as<AggregateExpr>(*parse("quantile(0.9, x)")).op == AggOp::Quantile);
    CHECK(as<AggregateExpr>(*parse("bottomk(1, x)")).op == AggOp::Bottomk);
    CHECK(as<AggregateExpr>(*parse("SUM(x) BY (a)")).op == AggOp::Sum);
    CHECK(as<AggregateExpr>(*parse(R"(COUNT_VALUES("v", x))")).op == AggOp::CountValues);
    CHECK(as<AggregateExpr>(*parse("sum by (sum, on, bool, offset, group_left) (x)")).grouping ==
          std::vector<std::string>{"sum", "on", "bool", "offset", "group_left"});
}

TEST_CASE("binary modifiers are recorded on the vector matching") {
    const ExprPtr b_tree = parse("a > bool on (x, y) group_left (z) b");
    const auto& b = as<BinaryExpr>(*b_tree);
    CHECK(b.op == BinOp::Gtr);
    CHECK(b.return_bool);
    REQUIRE(b.matching);
    CHECK(b.matching->on);
    CHECK(b.matching->explicit_grouping);
    CHECK(b.matching->matching_labels == std::vector<std::string>{"x", "y"});
    CHECK(b.matching->include == std::vector<std::string>{"z"});
    CHECK(b.matching->card == Cardinality::ManyToOne);

    const ExprPtr r_tree = parse("a * ignoring (x) group_right b");
    const auto& r = as<BinaryExpr>(*r_tree);
    CHECK_FALSE(r.matching->on);
    CHECK(r.matching->card == Cardinality::OneToMany);
    CHECK(r.matching->include.empty());

    const ExprPtr plain_tree = parse("a - b");
    const auto& plain = as<BinaryExpr>(*plain_tree);
    REQUIRE(plain.matching);
    CHECK(plain.matching->card == Cardinality::OneToOne);
    CHECK_FALSE(plain.matching->explicit_grouping);
}

TEST_CASE("vector matching exists only between two instant vectors, and set operators are many-to-many") {
    CHECK_FALSE(as<BinaryExpr>(*parse("a + 1")).matching);
    CHECK_FALSE(as<BinaryExpr>(*parse("1 + a")).matching);
    CHECK_FALSE(as<BinaryExpr>(*parse("1 + 2")).matching);
    CHECK_FALSE(as<BinaryExpr>(*parse("a + on () 1")).matching);
    for (const char* op : {"and", "or", "unless"}) {
        INFO(op);
        const auto e = parse(std::string("a ") + op + " b");
        CHECK(as<BinaryExpr>(*e).matching->card == Cardinality::ManyToMany);
    }
}

TEST_CASE("operators group by Prometheus precedence and associativity") {
    CHECK(shape_of("a or b and c") == "(a or (b and c))");
    CHECK(shape_of("a and b or c") == "((a and b) or c)");
    CHECK(shape_of("a unless b and c") == "((a unless b) and c)");
    CHECK(shape_of("a and b == c") == "(a and (b == c))");
    CHECK(shape_of("a > b + c") == "(a > (b + c))");
    CHECK(shape_of("a == b != c") == "((a == b) != c)");
    CHECK(shape_of("a + b * c") == "(a + (b * c))");
    CHECK(shape_of("a - b - c") == "((a - b) - c)");
    CHECK(shape_of("a / b % c atan2 d") == "(((a / b) % c) atan2 d)");
    CHECK(shape_of("a * b ^ c") == "(a * (b ^ c))");
    CHECK(shape_of("a ^ b ^ c") == "(a ^ (b ^ c))");
    CHECK(shape_of("(a + b) * c") == "((paren (a + b)) * c)");
    CHECK(shape_of("a + b offset 5m") == "(a + b)");
    CHECK(as<VectorSelector>(*as<BinaryExpr>(*parse("a + b offset 5m")).rhs).offset == Duration::minutes(5));
}

TEST_CASE("a unary sign binds tighter than * but looser than ^, and folds into a number") {
    CHECK(shape_of("-a * b") == "((-a) * b)");
    CHECK(shape_of("-a ^ b") == "(-(a ^ b))");
    CHECK(shape_of("a + -b * c") == "(a + ((-b) * c))");
    CHECK(shape_of("a ^ -b ^ c") == "(a ^ (-(b ^ c)))");
    CHECK(shape_of("-2 ^ 2") == "(-(2 ^ 2))");
    CHECK(shape_of("+a") == "(+a)");
    CHECK(shape_of("-x offset 5m") == "(-x)");
    const auto folded = parse("-5");
    CHECK(as<NumberLiteral>(*folded).value == -5);
    CHECK(folded->pos.start == 0);
    CHECK(as<NumberLiteral>(*parse("- -5")).value == 5);
    CHECK(shape_of("-(5)") == "(-(paren 5))");
}

TEST_CASE("numbers parse as Go parses them") {
    CHECK(as<NumberLiteral>(*parse("0x1F")).value == 31);
    CHECK(as<NumberLiteral>(*parse("017")).value == 15);  // a leading zero means octal
    CHECK(as<NumberLiteral>(*parse("08")).value == 8);
    CHECK(as<NumberLiteral>(*parse("1.5e3")).value == 1500);
    CHECK(as<NumberLiteral>(*parse(".5")).value == 0.5);
    CHECK(as<NumberLiteral>(*parse("1e-400")).value == 0);
    CHECK(as<NumberLiteral>(*parse("99999999999999999999")).value == 1e20);
    CHECK(std::isinf(as<NumberLiteral>(*parse("Inf")).value));
    CHECK(as<NumberLiteral>(*parse("-inf")).value < 0);
    CHECK(std::isnan(as<NumberLiteral>(*parse("NaN")).value));
}

TEST_CASE("function calls resolve their signature") {
    const std::string text = R"~(label_replace(up, "dst", "$1", "src", "(.*)"))~";
    const auto e = parse(text);
    const auto& c = as<Call>(*e);
    REQUIRE(c.func != nullptr);
    CHECK(c.func->name == "label_replace");
    CHECK(c.args.size() == 5);
    CHECK(c.pos.start == 0);
    CHECK(c.pos.end == static_cast<int>(text.size()));
    CHECK(as<Call>(*parse("time()")).args.empty());
    CHECK(as<Call>(*parse("round(x)")).args.size() == 1);
    CHECK(as<Call>(*parse("round(x, 5)")).args.size() == 2);
    CHECK(as<Call>(*parse(R"(label_join(x, "d", ",", "a", "b", "c"))")).args.size() == 6);
    CHECK(as<Call>(*parse("hour()")).args.empty());
}

TEST_CASE("the function table follows Prometheus 2.42 signatures") {
    const FunctionSignature* rate = lookup_function("rate");
    REQUIRE(rate);
    CHECK(rate->arg_types == std::vector<ValueType>{ValueType::Matrix});
    CHECK(rate->return_type == ValueType::Vector);
    CHECK(lookup_function("scalar")->return_type == ValueType::Scalar);
    CHECK(lookup_function("time")->arg_types.empty());
    CHECK(lookup_function("label_join")->variadic == -1);
    CHECK(lookup_function("round")->variadic == 1);
    CHECK(lookup_function("histogram_quantile")->arg_types == std::vector<ValueType>{ValueType::Scalar, ValueType::Vector});
    CHECK(lookup_function("nope") == nullptr);
    CHECK(lookup_function("RATE") == nullptr);
}

TEST_CASE("every expression has the static type Prometheus gives it") {
    CHECK(parse("1")->type() == ValueType::Scalar);
    CHECK(parse(R"("s")")->type() == ValueType::String);
    CHECK(parse("x")->type() == ValueType::Vector);
    CHECK(parse("x[5m]")->type() == ValueType::Matrix);
    CHECK(parse("x[5m:]")->type() == ValueType::Matrix);
    CHECK(parse("(1)")->type() == ValueType::Scalar);
    CHECK(parse("-x")->type() == ValueType::Vector);
    CHECK(parse("1 + 2")->type() == ValueType::Scalar);
    CHECK(parse("1 + x")->type() == ValueType::Vector);
    CHECK(parse("sum(x)")->type() == ValueType::Vector);
    CHECK(parse("scalar(x)")->type() == ValueType::Scalar);
    CHECK(parse("vector(1)")->type() == ValueType::Vector);
}

TEST_CASE("node positions cover their text") {
    const std::string text = "sum(rate(x[5m])) / 2";
    const auto e = parse(text);
    const auto& b = as<BinaryExpr>(*e);
    CHECK(b.pos.start == 0);
    CHECK(b.pos.end == static_cast<int>(text.size()));
    CHECK(b.lhs->pos.end == 16);
    CHECK(b.rhs->pos.start == 19);
    const auto& call = as<Call>(*as<AggregateExpr>(*b.lhs).expr);
    CHECK(call.pos.start == 4);
    CHECK(call.args[0]->pos.start == 9);
    CHECK(call.args[0]->pos.end == 14);
}

TEST_CASE("comments and newlines are allowed anywhere between tokens") {
    CHECK(shape_of("a # first\n  + # second\n b") == "(a + b)");
    CHECK(as<VectorSelector>(*parse("x{a=\"b\" # c\n}")).matchers.size() == 2);
}

namespace {

struct ErrorCase {
    const char* text;
    const char* message;
    int line;
    int column;
};

// Messages and positions as promtool 2.42 reports them (`promtool check rules`); the @ modifier's
// are in test_at_modifier.cpp.
const std::vector<ErrorCase> kErrors{
    {"", "no expression found in input", 1, 1},
    {"   # comment", "no expression found in input", 1, 1},
    {"rate(x)", R"(expected type range vector in call to function "rate", got instant vector)", 1, 6},
    {"1 < 2", "comparisons between scalars must use BOOL modifier", 1, 3},
    {"a and on(x) group_left b", R"(no grouping allowed for "and" operation)", 1, 1},
    {"a or on(x) group_right b", R"(no grouping allowed for "or" operation)", 1, 1},
    {"foo offset 5m [5m]", "no offset modifiers allowed before range", 1, 15},
    {R"({__name__=~".*"})", "vector selector must contain at least one non-empty matcher", 1, 1},
    {R"({a=""})", "vector selector must contain at least one non-empty matcher", 1, 1},
    {R"(x{__name__="y"})", R"(metric name must not be set twice: "x" or "y")", 1, 1},
    {"x[0s]", "duration must be greater than 0", 1, 3},
    {"x offset 0s", "duration must be greater than 0", 1, 10},
    {"x offset -0s", "duration must be greater than 0", 1, 11},
    {"x[5m:0s]", "duration must be greater than 0", 1, 6},
    {"x[5m1h]", R"(not a valid duration string: "5m1h")", 1, 3},
    {"x[1.5h]", R"(not a valid duration string: "1.5h")", 1, 3},
    {"x[5]", "missing unit character in duration", 1, 3},
    {"x offset 5", R"(unexpected number "5" in offset, expected duration)", 1, 10},
    {"x offset 5m offset 3m", "offset may not be set multiple times", 1, 1},
    {"x[5m] offset 5m offset 3m", "offset may not be set multiple times", 1, 1},
    {"x[5m:][10m:]", "subquery is only allowed on instant vector, got matrix instead", 1, 1},
    {"sum(x) offset 5m", "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery", 1, 1},
    {"(x)[5m]", "ranges only allowed for vector selectors", 1, 4},
    {"x[5m][5m]", "ranges only allowed for vector selectors", 1, 6},
    {"-x[5m]", R"(unary expression only allowed on expressions of type scalar or instant vector, got "range vector")", 1, 1},
    {R"(-"a")", R"(unary expression only allowed on expressions of type scalar or instant vector, got "string")", 1, 1},
    {"5m", R"(unexpected duration "5m")", 1, 1},
    {"1e", R"(error parsing number: strconv.ParseFloat: parsing "1e": invalid syntax)", 1, 1},
    {"1e400", R"(error parsing number: strconv.ParseFloat: parsing "1e400": value out of range)", 1, 1},
    {"0x1.5", R"(error parsing number: strconv.ParseFloat: parsing "0x1.5": invalid syntax)", 1, 1},
    {"0x1g", R"(bad number or duration syntax: "0x1")", 1, 1},
    {"sum()", "no arguments for aggregate expression provided", 1, 1},
    {"topk(x)", "wrong number of arguments for aggregate expression provided, expected 2, got 1", 1, 1},
    {"sum(x, y)", "wrong number of arguments for aggregate expression provided, expected 1, got 2", 1, 1},
    {"foo(x)", R"(unknown function with name "foo")", 1, 1},
    {"RATE(x[5m])", R"(unknown function with name "RATE")", 1, 1},
    {"on", "unexpected <on>", 1, 1},
    {"bool", "unexpected <bool>", 1, 1},
    {"x and", "unexpected end of input", 1, 6},
    {"x y (", R"(unexpected identifier "y")", 1, 3},
    {"sum(x", "unclosed left parenthesis", 1, 6},
    {"x)", "unexpected right parenthesis ')'", 1, 3},
    {"()", R"~(unexpected ")")~", 1, 2},
    {R"(x{a="b")", "unexpected end of input inside braces", 1, 8},
    {"x{a=b}", R"(unexpected identifier "b" in label matching, expected string)", 1, 5},
    {"x{a}", R"(unexpected "}" in label matching, expected label matching operator)", 1, 4},
    {R"(x{"a"="b"})", R"(unexpected string "\"a\"" in label matching, expected identifier or "}")", 1, 3},
    {R"(x{a="b",,})", R"(unexpected "," in label matching, expected identifier or "}")", 1, 9},
    {R"(x{a="b" c})", R"(unexpected identifier "c" in label matching, expected "," or "}")", 1, 9},
    {R"(x{a="b"}{c="d"})", R"(unexpected "{")", 1, 9},
    {"rate(x[5m)", R"~(unexpected ")" in subquery or range, expected ":" or "]")~", 1, 10},
    {"x[5m", "unclosed left bracket", 1, 5},
    {"x[5m:1m:]", "unexpected colon ':'", 1, 8},
    {"sum by (a:b) (x)", R"~(unexpected metric identifier "a:b" in grouping opts, expected label)~", 1, 9},
    {"sum by a (x)", R"~(unexpected identifier "a" in grouping opts, expected "(")~", 1, 8},
    {"sum by (a) x", R"(unexpected identifier "x" in aggregation)", 1, 12},
    {"sum by (a,,) (x)", R"(unexpected "," in grouping opts, expected label)", 1, 11},
    {"sum by (inf) (x)", R"(unexpected number "inf" in grouping opts, expected label)", 1, 9},
    {"sum by (without) (x)", "unexpected <without> in grouping opts, expected label", 1, 9},
    {"sum(x) by (a) by (b)", "unexpected <by>", 1, 15},
    {"rate(x[5m]) by (a)", "unexpected <by>", 1, 13},
    {"sum x", R"(unexpected identifier "x")", 1, 5},
    {"a:b(x)", R"~(unexpected "(")~", 1, 4},
    {"a + on(x) bool b", "unexpected <bool>", 1, 11},
    {"a + group_left b", "unexpected <group_left>", 1, 5},
    {"rate(x[5m],)", "trailing commas not allowed in function call args", 1, 11},
    {"rate(x[5m] y)", R"(unexpected identifier "y")", 1, 12},
    {R"("a" "b")", R"(unexpected string "\"b\"")", 1, 5},
    {R"~(x{a=~"("})~", "error parsing regexp: missing closing ): `^(?:()$`", 1, 3},
    {"1 and x", R"(set operator "and" not allowed in binary scalar expression)", 1, 1},
    {R"(x + "a")", "binary expression must contain only scalar and instant vector types", 1, 5},
    {"x[5m] + 1", "binary expression must contain only scalar and instant vector types", 1, 1},
    {"1 + on(x) 2", "vector matching only allowed between instant vectors", 1, 1},
    {"x + on(a) group_left(a) y", R"(label "a" must not occur in ON and GROUP clause at once)", 1, 3},
    {"a + bool b", "bool modifier can only be used on comparison operators", 1, 3},
    {"a   +  bool b", "bool modifier can only be used on comparison operators", 1, 5},
    {R"(topk("a", x))", "expected type scalar in aggregation parameter, got string", 1, 6},
    {"count_values(1, x)", "expected type string in aggregation parameter, got scalar", 1, 14},
    {"quantile(0.5, x[5m])", "expected type instant vector in aggregation expression, got range vector", 1, 15},
    {"rate(x[5m], 1)", R"(expected 1 argument(s) in call to "rate", got 2)", 1, 1},
    {"round(x, 1, 2)", R"(expected at most 2 argument(s) in call to "round", got 3)", 1, 1},
    {"label_join(x)", R"(expected at least 3 argument(s) in call to "label_join", got 1)", 1, 1},
    {R"(label_join(x, "a", ",", "b", 1))", R"(expected type string in call to function "label_join", got scalar)", 1, 30},
    {"time(1)", R"(expected 0 argument(s) in call to "time", got 1)", 1, 1},
    {"vector(x)", R"(expected type scalar in call to function "vector", got instant vector)", 1, 8},
    {"abs()", R"(expected 1 argument(s) in call to "abs", got 0)", 1, 1},
    {"x\n  + rate(y)", R"(expected type range vector in call to function "rate", got instant vector)", 2, 10},
    {"x @ 5 @ 6", "@ <timestamp> may not be set multiple times", 1, 1},
};

}  // namespace

TEST_CASE("invalid expressions raise ParseError with Prometheus' message and position") {
    for (const auto& c : kErrors) {
        INFO(c.text);
        const ParseError e = expression_error(c.text);
        CHECK(std::string(e.what()) == c.message);
        const LineCol lc = line_col(c.text, e.pos().start);
        CHECK(lc.line == c.line);
        CHECK(lc.column == c.column);
        CHECK(e.pos().start <= e.pos().end);
    }
}

TEST_CASE("line_col maps a byte offset to a 1-based line and column") {
    const std::string text = "ab\ncd\n\nef";
    CHECK(line_col(text, 0).line == 1);
    CHECK(line_col(text, 0).column == 1);
    CHECK(line_col(text, 2).column == 3);
    CHECK(line_col(text, 3).line == 2);
    CHECK(line_col(text, 3).column == 1);
    CHECK(line_col(text, 7).line == 4);
    CHECK(line_col(text, 100).line == 4);  // past the end clamps to the end
    CHECK(line_col(text, 100).column == 3);
    CHECK(line_col(text, -1).column == 1);
}

TEST_CASE("parse_metric reads a series description into labels") {
    const tsdb::Labels l = parse_metric(R"(up{job="api", instance='a:1',})");
    CHECK(l == tsdb::Labels{{"__name__", "up"}, {"job", "api"}, {"instance", "a:1"}});
    CHECK(parse_metric(R"({a="b"})") == tsdb::Labels{{"a", "b"}});
    CHECK(parse_metric("job:rate:sum") == tsdb::Labels{{"__name__", "job:rate:sum"}});
    CHECK(parse_metric("sum{}") == tsdb::Labels{{"__name__", "sum"}});
    CHECK(parse_metric(R"({__name__="x", y="1"})") == tsdb::Labels{{"__name__", "x"}, {"y", "1"}});
    CHECK(parse_metric(R"(x{a="\n"})").get("a") == "\n");
}

TEST_CASE("parse_metric rejects what is not a label set") {
    struct Case {
        const char* text;
        const char* message;
    };
    for (const Case c : {Case{R"(x{a=~"b"})", R"(unexpected <op:=~> in label set, expected "=")"},
                         Case{"x{a=b}", R"(unexpected identifier "b" in label set, expected string)"},
                         Case{R"(x{a="b" c="d"})", R"(unexpected identifier "c" in label set, expected "," or "}")"},
                         Case{R"(x{"a"="b"})", R"(unexpected string "\"a\"" in label set, expected identifier or "}")"},
                         Case{"x y", R"(unexpected identifier "y")"}, Case{R"(x{a="b")", "unexpected end of input inside braces"},
                         Case{"5", R"(unexpected number "5")"}}) {
        INFO(c.text);
        CHECK(std::string(error_of(parse_metric, c.text).what()) == c.message);
    }
}

TEST_CASE("deeply nested input is refused instead of exhausting the stack") {
    const auto nested = [](int depth) { return std::string(depth, '(') + "x" + std::string(depth, ')'); };
    CHECK(parse(nested(500))->kind == ExprKind::Paren);
    std::string chain = "x";
    for (int i = 0; i < 500; ++i) chain += " + x";
    CHECK(parse(chain)->kind == ExprKind::Binary);
    for (int i = 0; i < 5000; ++i) chain += " + x";
    for (const std::string& text : {nested(5000), chain, std::string(5000, '-') + "x"}) {
        CHECK(std::string(expression_error(text).what()) == "expression nested too deeply");
    }
}
