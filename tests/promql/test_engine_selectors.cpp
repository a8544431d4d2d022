#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

TEST_CASE("an instant selector returns the newest sample within the lookback, labelled and stamped at the evaluation time") {
    Db db;
    db.series(R"(up{job="a"})", {1, 2, 3});  // at 0s, 60s, 120s
    const auto v = db.vec("up", at(150));
    REQUIRE(v.size() == 1);
    CHECK(v[0].v == 3);
    CHECK(v[0].metric == parse_metric(R"(up{job="a"})"));
    CHECK(v[0].t == at(150));
    CHECK(db.only("up", at(90)) == 2);
}

TEST_CASE("a sample exactly one lookback old is seen in 2.x mode and not in left-open mode") {
    Db db;
    db.series("x", {7});
    CHECK(db.only("x", at(300)) == 7);  // 0s is exactly 5m before 300s
    CHECK(db.vec("x", at(300.001)).empty());
    db.options.ranges = tsdb::RangeBoundary::LeftOpen;
    CHECK(db.vec("x", at(300)).empty());
}

TEST_CASE("a stale marker ends a series until the next sample") {
    Db db;
    db.series("x", {1, kStale, kNone, 4});
    CHECK(db.only("x", at(30)) == 1);
    CHECK(db.vec("x", at(60)).empty());
    CHECK(db.vec("x", at(150)).empty());
    CHECK(db.only("x", at(180)) == 4);
}

TEST_CASE("offset reads the past, a negative offset the future") {
    Db db;
    db.series("x", {1, 2, 3, 4});
    CHECK(db.only("x offset 2m", at(180)) == 2);
    CHECK(db.only("x offset -1m", at(60)) == 3);
    CHECK(db.vec("x offset 10m", at(180)).empty());
}

TEST_CASE("a range selector returns raw samples of the closed window, stale markers dropped") {
    Db db;
    db.series("x", {1, 2, kStale, 4, 5});
    const auto m = std::get<Matrix>(db.eval("x[3m]", at(240)));
    REQUIRE(m.size() == 1);
    // [60s, 240s]: samples at 60, 120 (stale, dropped), 180, 240.
    REQUIRE(m[0].points.size() == 3);
    CHECK(m[0].points[0].t == at(60));
    CHECK(m[0].points[0].v == 2);
    CHECK(m[0].metric.get("__name__") == "x");
    db.options.ranges = tsdb::RangeBoundary::LeftOpen;
    CHECK(std::get<Matrix>(db.eval("x[3m]", at(240)))[0].points.size() == 2);
}

TEST_CASE("subquery steps sit on absolute multiples of the step inside the window") {
    Db db;
    db.series("c", {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200});
    // Window [14m30s, 19m30s] with a 2m step: steps at 16m and 18m.
    const auto m = std::get<Matrix>(db.eval("c[5m:2m]", at(19 * 60 + 30)));
    REQUIRE(m.size() == 1);
    REQUIRE(m[0].points.size() == 2);
    CHECK(m[0].points[0].t == at(16 * 60));
    CHECK(m[0].points[0].v == 160);
    CHECK(m[0].points[1].t == at(18 * 60));
    // Window [15m, 20m]: the multiples of 2m inside it are 16m, 18m and 20m.
    CHECK(db.only("count_over_time(c[5m:2m])", at(20 * 60)) == 3);
    // Window [10m, 20m] with 5m steps: 10m, 15m, 20m in 2.x; the 10m step is dropped when left-open.
    CHECK(db.only("sum_over_time(c[10m:5m])", at(20 * 60)) == 100 + 150 + 200);
    db.options.ranges = tsdb::RangeBoundary::LeftOpen;
    CHECK(db.only("sum_over_time(c[10m:5m])", at(20 * 60)) == 150 + 200);
}

TEST_CASE("a subquery without a step uses the default step, and its offset moves the window") {
    Db db;
    db.series("c", {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100});
    db.options.default_subquery_step = Duration::seconds(30);
    // [5m, 10m] every 30s: 11 steps.
    CHECK(db.only("count_over_time(c[5m:])", at(600)) == 11);
    // offset 2m: [3m, 8m] every minute: 30 + 40 + ... + 80.
    CHECK(db.only("sum_over_time(c[5m:1m] offset 2m)", at(600)) == 30 + 40 + 50 + 60 + 70 + 80);
}

TEST_CASE("functions over a subquery see the inner expression evaluated at each step") {
    Db db;
    db.series(R"(c{job="a"})", {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100});
    // c grows 10/min, so rate(c[2m]) is 1/6 at every step once two samples exist.
    CHECK(db.only("max_over_time(rate(c[2m])[5m:1m])", at(600)) == Approx(1.0 / 6));
    // The inner series keeps its name, the outer function drops it.
    CHECK(db.vec("min_over_time(c[5m:1m])", at(600))[0].metric == parse_metric(R"({job="a"})"));
}

TEST_CASE("issue 15.3: a subquery with more steps than the sample limit is an evaluation error before any step runs") {
    Db db;
    db.series("c", kSteady);
    // 1 ms steps over a year: 3.2e10 steps, far beyond the 50,000,000 default; refused at once.
    CHECK_THROWS_WITH(db.eval("count_over_time(c[1y:1ms])", at(600)),
                      "query processing would load too many samples into memory in query execution (limit 50000000)");
    CHECK(db.only("count_over_time(c[5m:1m])", at(600)) == 6);
}
