#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

TEST_CASE("math functions apply to each element and drop the metric name") {
    Db db;
    db.series(R"(v{a="1"})", {-2.5});
    db.series(R"(v{a="2"})", {2.5});
    CHECK(db.value("abs(v)", at(0), R"({a="1"})") == 2.5);
    CHECK(db.value("ceil(v)", at(0), R"({a="1"})") == -2);
    CHECK(db.value("floor(v)", at(0), R"({a="1"})") == -3);
    CHECK(db.value("sgn(v)", at(0), R"({a="1"})") == -1);
    CHECK(std::isnan(*db.value("sqrt(v)", at(0), R"({a="1"})")));
}

TEST_CASE("round breaks ties upwards and rounds to a multiple of its second argument") {
    Db db;
    db.series(R"(v{a="1"})", {-2.5});
    db.series(R"(v{a="2"})", {2.5});
    db.series(R"(v{a="3"})", {2.35});
    CHECK(db.value("round(v)", at(0), R"({a="1"})") == -2);  // floor(-2.5 + 0.5)
    CHECK(db.value("round(v)", at(0), R"({a="2"})") == 3);
    CHECK(db.value("round(v, 0.1)", at(0), R"({a="3"})") == 2.4);  // floor(23.5 + 0.5) / 10
    CHECK(db.value("round(v, 5)", at(0), R"({a="2"})") == 5);
}

TEST_CASE("clamp limits values, and returns nothing when the bounds are crossed") {
    Db db;
    db.series(R"(v{a="1"})", {-2});
    db.series(R"(v{a="2"})", {7});
    CHECK(db.value("clamp(v, 0, 5)", at(0), R"({a="1"})") == 0);
    CHECK(db.value("clamp(v, 0, 5)", at(0), R"({a="2"})") == 5);
    CHECK(db.vec("clamp(v, 5, 0)", at(0)).empty());
    CHECK(db.value("clamp_min(v, 0)", at(0), R"({a="1"})") == 0);
    CHECK(db.value("clamp_max(v, 0)", at(0), R"({a="2"})") == 0);
    CHECK(std::isnan(db.only("clamp(vector(NaN), 0, 1)", at(0))));
}

TEST_CASE("logarithms and exp give Go's results") {
    Db db;
    CHECK(db.only("log2(vector(8))", at(0)) == 3);  // exact for powers of two
    CHECK(db.only("log10(vector(1000))", at(0)) == 3);  // promtool: 3E+00
    CHECK(db.only("ln(vector(10))", at(0)) == 2.302585092994046);
    CHECK(db.only("exp(vector(1))", at(0)) == 2.718281828459045);
    CHECK(db.only("ln(vector(0))", at(0)) == -std::numeric_limits<double>::infinity());
    CHECK(db.only("exp(vector(1000))", at(0)) == std::numeric_limits<double>::infinity());
}

TEST_CASE("trigonometric and hyperbolic functions give Go's results, not the C library's") {
    Db db;
    // Values printed by promtool 2.42; glibc differs in the last digit for each of these.
    CHECK(db.only("sin(vector(1.7))", at(0)) == 0.9916648104524687);   // glibc: ...686
    CHECK(db.only("tanh(vector(0.999))", at(0)) == 0.7611738616605699);  // glibc: 0.76117386166057
    CHECK(db.only("acos(vector(0.3))", at(0)) == 1.266103672779499);   // glibc: ...4992
    CHECK(db.only("acosh(vector(2.9))", at(0)) == 1.7267108656228922);  // glibc: ...892
    CHECK(db.only("vector(1) atan2 vector(10)", at(0)) == 0.09966865249116204);  // glibc: ...202
    CHECK(db.only("deg(vector(0.3))", at(0)) == 0.3 * 180 / 3.141592653589793);
}
