#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

namespace {
Db pods() {
    Db db;
    db.series(R"(x{a="1",b="1"})", {2});
    db.series(R"(x{a="1",b="2"})", {4});
    db.series(R"(x{a="2",b="1"})", {6});
    db.series(R"(y{a="1"})", {10});
    db.series(R"(y{a="2"})", {-3});
    db.series(R"(y{a="3"})", {0});
    return db;
}
}  // namespace

TEST_CASE("scalar arithmetic follows Go: % is fmod, ^ is math.Pow, comparisons need bool") {
    Db db;
    CHECK(db.scalar("1 + 2 * 3", at(0)) == 7);
    CHECK(db.scalar("5 % -3", at(0)) == 2);    // fmod keeps the dividend's sign
    CHECK(db.scalar("-5 % 3", at(0)) == -2);
    CHECK(db.scalar("2 ^ 10", at(0)) == 1024);
    CHECK(db.scalar("3 > bool 2", at(0)) == 1);
    CHECK(db.scalar("3 < bool 2", at(0)) == 0);
    CHECK(std::isnan(db.scalar("0 / 0", at(0))));
}

TEST_CASE("vector-scalar arithmetic drops the metric name, comparisons filter and keep it") {
    const Db db = pods();
    CHECK(db.value("y * 2", at(0), R"({a="1"})") == 20);
    const auto kept = db.vec("y > 0", at(0));
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].metric == parse_metric(R"(y{a="1"})"));
    CHECK(kept[0].v == 10);
}

TEST_CASE("a comparison with the scalar on the left still yields the vector's value") {
    const Db db = pods();
    const auto v = db.vec("0 > y", at(0));
    REQUIRE(v.size() == 1);
    CHECK(v[0].v == -3);
    CHECK(v[0].metric.get("__name__") == "y");
}

TEST_CASE("bool comparisons return 0 or 1 for every element and drop the metric name") {
    const Db db = pods();
    CHECK(db.value("y > bool 0", at(0), R"({a="1"})") == 1);
    CHECK(db.value("y > bool 0", at(0), R"({a="2"})") == 0);
    CHECK(db.value("y == bool 0", at(0), R"({a="3"})") == 1);
    CHECK(db.value(R"(x{b="1"} < bool on(a) y)", at(0), R"({a="1"})") == 1);
}

TEST_CASE("one-to-one matching with on() keeps only the listed labels, ignoring() drops them") {
    const Db db = pods();
    CHECK(db.value(R"(x{b="1"} + on(a) y)", at(0), R"({a="1"})") == 12);
    CHECK(db.value(R"(x{b="1"} - ignoring(b) y)", at(0), R"({a="2"})") == 9);  // 6 - (-3)
    CHECK(db.vec("x + y", at(0)).empty());  // x has a `b` label y lacks
}

TEST_CASE("group_left keeps the many side's labels and copies included labels from the one side") {
    Db db = pods();
    db.series(R"(info{a="1",owner="team"})", {1});
    const auto v = db.vec("x * on(a) group_left(owner) info", at(0));
    REQUIRE(v.size() == 2);
    CHECK(db.value("x * on(a) group_left(owner) info", at(0), R"({a="1",b="2",owner="team"})") == 4);
    // group_right: the right side is the many side; values still go lhs op rhs.
    CHECK(db.value("y - on(a) group_right x", at(0), R"({a="1",b="2"})") == 6);  // 10 - 4
}

TEST_CASE("comparisons and atan2 between vectors keep the left side's metric name") {
    const Db db = pods();
    // 2 > 10 and 4 > 10 fail; 6 > -3 holds and keeps x's value and name.
    CHECK(db.vec("x > on(a) group_left y", at(0)).size() == 1);
    CHECK(db.value("x > on(a) group_left y", at(0), R"(x{a="2",b="1"})") == 6);
    // atan2(6, -3) = pi - atan(2) = 2.0344439357957027 (Go's math.Atan2).
    CHECK(db.value("x atan2 on(a) group_left y", at(0), R"(x{a="2",b="1"})") == 2.0344439357957027);
}

TEST_CASE("duplicate series on the one side is a many-to-many error worded as Prometheus") {
    const Db db = pods();
    CHECK(db.error("y + on(a) x", at(0)) ==
          R"(found duplicate series for the match group {a="1"} on the right hand-side of the operation: )"
          R"([{__name__="x", a="1", b="2"}, {__name__="x", a="1", b="1"}];many-to-many matching not allowed: )"
          R"(matching labels must be unique on one side)");
    CHECK(db.error("x + on(a) group_right y", at(0)).find("on the left hand-side") != std::string::npos);
    CHECK(db.error("x + on(a) y", at(0)) ==
          "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
    CHECK(db.error("x + on(a) group_left y", at(0)).find("<no error>") != std::string::npos);
}

TEST_CASE("many-to-one results that collide are refused") {
    Db db = pods();
    db.series(R"(z1{a="1"})", {1});
    db.series(R"(z2{a="1"})", {1});
    // Both results would be {a="1"} once `+` drops the names.
    CHECK(db.error(R"({__name__=~"z1|z2"} + on(a) group_left y)", at(0)) ==
          "multiple matches for labels: grouping labels must ensure unique matches");
}

TEST_CASE("an empty side short-circuits matching, even with duplicates on the other side") {
    const Db db = pods();
    CHECK(db.vec("nothing + on(a) x", at(0)).empty());
}

TEST_CASE("and, or and unless match on all labels but the name unless told otherwise") {
    const Db db = pods();
    CHECK(db.vec(R"(x and on(a) y{a="1"})", at(0)).size() == 2);
    CHECK(db.vec("x and y", at(0)).empty());
    CHECK(db.vec("y or x", at(0)).size() == 6);
    // x{a="1",b="1"} matches no y element on all labels, so or adds every x element.
    CHECK(db.vec("y or on(a) x", at(0)).size() == 3);  // every x has an `a` already present in y
    CHECK(db.vec(R"(x unless on(a) y{a="1"})", at(0)).size() == 1);
    const auto kept = db.vec("x and on(a) y", at(0));
    CHECK(kept[0].metric.get("__name__") == "x");  // set operators keep names
}

TEST_CASE("unary minus drops the name and refuses the collisions that creates") {
    Db db = pods();
    CHECK(db.value("-y", at(0), R"({a="2"})") == 3);
    db.series(R"(w{a="1"})", {1});
    CHECK(db.error(R"(-{__name__=~"y|w",a="1"})", at(0)) == "vector cannot contain metrics with the same labelset");
    CHECK(db.vec(R"(+{__name__=~"y|w",a="1"})", at(0)).size() == 2);  // unary plus changes nothing
}

TEST_CASE("arithmetic that merges two metrics into one label set is an error") {
    Db db;
    db.series(R"(a{job="x"})", {1});
    db.series(R"(b{job="x"})", {2});
    CHECK(db.error(R"({__name__=~"a|b"} * 2)", at(0)) == "vector cannot contain metrics with the same labelset");
}

TEST_CASE("integer powers use Go's repeated squaring, not the C library's pow") {
    Db db;
    // 0.3 = 0.6 * 2^-1; squaring gives 0.6 * 0.72 = 0.432 (rounded), times 2^-4 = 0.027, which
    // promtool prints; C's correctly rounded pow(0.3, 3) is 0.026999999999999996.
    CHECK(db.scalar("0.3 ^ 3", at(0)) == 0.027);
    CHECK(db.scalar("2 ^ 0.5", at(0)) == std::sqrt(2.0));
    CHECK(std::isnan(db.scalar("(-8) ^ (1/3)", at(0))));  // a negative base with a fractional power
}
