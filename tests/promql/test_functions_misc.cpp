#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

TEST_CASE("absent returns 1 labelled by the selector's single equality matchers") {
    Db db;
    db.series(R"(up{job="a"})", {1});
    CHECK(db.vec("absent(up)", at(0)).empty());
    const auto v = db.vec(R"(absent(nothing{job="x",a=~"b",c="d",c="e"}))", at(0));
    REQUIRE(v.size() == 1);
    CHECK(v[0].metric == parse_metric(R"({job="x"})"));  // c is matched twice, so unknown
    CHECK(v[0].v == 1);
    CHECK(db.vec(R"(absent(sum(nothing{job="x"})))", at(0))[0].metric.empty());
    CHECK(db.vec(R"(absent((nothing{job="x"})))", at(0))[0].metric == parse_metric(R"({job="x"})"));
}

TEST_CASE("scalar is NaN unless the vector has exactly one element; vector wraps a scalar") {
    Db db;
    db.series(R"(x{a="1"})", {4});
    db.series(R"(x{a="2"})", {5});
    CHECK(db.scalar(R"(scalar(x{a="1"}))", at(0)) == 4);
    CHECK(std::isnan(db.scalar("scalar(x)", at(0))));
    CHECK(std::isnan(db.scalar("scalar(nothing)", at(0))));
    const auto v = db.vec("vector(7)", at(0));
    REQUIRE(v.size() == 1);
    CHECK(v[0].metric.empty());
    CHECK(v[0].v == 7);
}

TEST_CASE("time is the evaluation time and timestamp the sample's own time for a selector") {
    Db db;
    db.series("x", {1, 2});
    CHECK(db.scalar("time()", at(90.5)) == 90.5);
    CHECK(db.only("timestamp(x)", at(90)) == 60);
    CHECK(db.only("timestamp((x))", at(90)) == 60);
    CHECK(db.only("timestamp(x offset 30s)", at(90)) == 60);
    CHECK(db.only("timestamp(-x)", at(90)) == 90);  // any other expression: the evaluation time
}

TEST_CASE("sort and sort_desc order by value with NaN last") {
    Db db;
    db.series(R"(v{a="1"})", {kNaN});
    db.series(R"(v{a="2"})", {3});
    db.series(R"(v{a="3"})", {1});
    const auto up = db.vec("sort(v)", at(0));
    REQUIRE(up.size() == 3);
    CHECK(up[0].v == 1);
    CHECK(up[1].v == 3);
    CHECK(std::isnan(up[2].v));
    const auto down = db.vec("sort_desc(v)", at(0));
    CHECK(down[0].v == 3);
    CHECK(std::isnan(down[2].v));
    CHECK(down[0].metric.get("__name__") == "v");
}
