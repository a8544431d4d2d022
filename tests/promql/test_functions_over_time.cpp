#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

TEST_CASE("sum_over_time and avg_over_time use compensated sums") {
    Db db;
    db.series("big", {1e100, 1, -1e100, 3});
    // A plain sum loses the 1 next to 1e100 and gives 3; Kahan-Neumaier keeps it (promtool: 4).
    CHECK(db.only("sum_over_time(big[10m])", at(180)) == 4);
    // The compensated incremental mean (promtool: 0.75).
    CHECK(db.only("avg_over_time(big[10m])", at(180)) == 0.75);
    db.series("y", {0.1, 0.2, 0.3, 0.7, 0.11, 0.9});
    // promtool prints 3.8499999999999995E-01 where 2.31/6 would be 0.385.
    CHECK(db.only("avg_over_time(y[10m])", at(300)) == 0.38499999999999995);
}

TEST_CASE("min, max, count and last over time") {
    Db db;
    db.series(R"(g{a="1"})", {kNaN, 3, 1, 2});
    CHECK(db.only("min_over_time(g[10m])", at(180)) == 1);  // NaN loses to any number
    CHECK(db.only("max_over_time(g[10m])", at(180)) == 3);
    CHECK(db.only("count_over_time(g[10m])", at(180)) == 4);
    CHECK(db.only("count_over_time(g[1m])", at(180)) == 2);
    const auto last = db.vec("last_over_time(g[10m])", at(180));
    REQUIRE(last.size() == 1);
    CHECK(last[0].v == 2);
    CHECK(last[0].metric.get("__name__") == "g");  // the one range function that keeps it
}

TEST_CASE("quantile, stddev and stdvar over time") {
    Db db;
    db.series("q", {1, 2, 3, 4, 5});
    CHECK(db.only("quantile_over_time(0.25, q[10m])", at(240)) == 2);    // rank 0.25 * 4 = 1
    CHECK(db.only("quantile_over_time(0.1, q[10m])", at(240)) == Approx(1.4));  // rank 0.4
    db.series("s", {2, 4, 4, 4, 5, 5, 7, 9});
    // Mean 5, squared deviations 9 1 1 1 0 0 4 16 = 32, / 8 = 4.
    CHECK(db.only("stdvar_over_time(s[10m])", at(420)) == 4);
    CHECK(db.only("stddev_over_time(s[10m])", at(420)) == 2);
}

TEST_CASE("present_over_time is 1 per series with samples, absent_over_time 1 when none has any") {
    Db db;
    db.series(R"(p{job="a"})", {1, kNone, kNone, kNone});
    CHECK(db.only("present_over_time(p[1m])", at(60)) == 1);
    CHECK(db.vec("present_over_time(p[1m])", at(180)).empty());
    CHECK(db.vec(R"(absent_over_time(p{job="a"}[1m]))", at(60)).empty());
    const auto absent = db.vec(R"(absent_over_time(p{job="a",x=~"y"}[1m]))", at(180));
    REQUIRE(absent.size() == 1);
    CHECK(absent[0].metric == parse_metric(R"({job="a"})"));
    CHECK(absent[0].v == 1);
}
