#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

TEST_CASE("rate with samples on both window edges is the plain slope") {
    Db db;
    db.series("c", kSteady);
    // [5m, 10m] holds 50..100: increase 50 over 300s. Prometheus scales by the factor 1/300, so
    // the result is 50 * (1/300) = 0.16666666666666669 (promtool prints that), not 50/300.
    CHECK(db.only("rate(c[5m])", at(600)) == 0.16666666666666669);
    CHECK(db.only("increase(c[5m])", at(600)) == 50);
    CHECK(db.only("delta(c[5m])", at(600)) == 50);
}

TEST_CASE("rate extrapolates to an edge within 1.1 sample intervals, else by half an interval") {
    Db db;
    db.series("c", {kNone, kNone, kNone, kNone, 7, 8, 9, 10});  // 7..10 at 4m..7m
    // At 10m over [5m, 10m]: 8, 9, 10 at 5m..7m, average gap 60s, threshold 66s. Start gap 0;
    // end gap 180s, so only 30s is added: 2 * (120 + 30) / 120 = 2.5.
    CHECK(db.only("increase(c[5m])", at(600)) == 2.5);
    // Over [4m30s, 9m30s]: the same samples; start gap 30s is extrapolated fully, end gap 150s
    // gets 30s: 2 * (120 + 30 + 30) / 120 = 3.
    CHECK(db.only("increase(c[5m])", at(570)) == 3);
}

TEST_CASE("a counter is not extrapolated below zero, and 2.42 clamps before the threshold test") {
    Db db;
    db.series("k", {kNone, kNone, kNone, kNone, kNone, 10, 20, 30, 40, 50, 60});
    // [0, 10m]: 10..60 at 5m..10m, increase 50 over 300s, average gap 60s, threshold 66s.
    // The zero point lies 300 * 10/50 = 60s before the first sample, which replaces the 300s
    // start gap; 60s < 66s, so it is extrapolated fully: 50 * (300 + 60) / 300 = 60.
    // (Prometheus 3 tests the threshold first and would add 30s: 55.)
    CHECK(db.only("increase(k[10m])", at(600)) == 60);
    // delta() is not a counter: the start gets half an interval, 50 * 330 / 300 = 55.
    CHECK(db.only("delta(k[10m])", at(600)) == Approx(55));
}

TEST_CASE("increase adds back the value before a counter reset, delta does not") {
    Db db;
    db.series("c", {100, 110, 5, 15, 25, 35, 45, 55, 65, 75, 85});
    // 85 - 100 + 110 (lost at the reset) over the whole [0, 10m] window.
    CHECK(db.only("increase(c[10m])", at(600)) == 95);
    CHECK(db.only("delta(c[10m])", at(600)) == -15);
    CHECK(db.only("resets(c[10m])", at(600)) == 1);
}

TEST_CASE("rate needs two samples in the window") {
    Db db;
    db.series("c", {1, 2});
    CHECK(db.vec("rate(c[30s])", at(60)).empty());
    CHECK(db.vec("irate(c[30s])", at(60)).empty());
    CHECK(db.vec("rate(nothing[5m])", at(60)).empty());
}

TEST_CASE("irate and idelta use the last two samples, irate treating a drop as a reset") {
    Db db;
    db.series("c", {5, 10, 3});
    CHECK(db.only("irate(c[5m])", at(120)) == 3.0 / 60);  // reset: the counter restarted at 0
    CHECK(db.only("idelta(c[5m])", at(120)) == -7);
    CHECK(db.only("irate(c[5m])", at(60)) == 5.0 / 60);
}

TEST_CASE("changes ignores NaN followed by NaN, resets counts decreases") {
    Db db;
    db.series("g", {1, kNaN, kNaN, 2, 2, 3});
    CHECK(db.only("changes(g[10m])", at(300)) == 3);  // 1->NaN, NaN->2, 2->3
    db.series("r", {5, 3, 4, 1, 1});
    CHECK(db.only("resets(r[10m])", at(300)) == 2);
}

TEST_CASE("range functions drop the metric name and honour offset") {
    Db db;
    db.series(R"(c{job="a"})", kSteady);
    const auto v = db.vec("increase(c[2m] offset 5m)", at(600));
    REQUIRE(v.size() == 1);
    CHECK(v[0].metric == parse_metric(R"({job="a"})"));
    CHECK(v[0].v == 20);  // [3m, 5m]: 30 -> 50
}

TEST_CASE("the left-open window of Prometheus 3 leaves out a sample on the left edge") {
    Db db;
    db.series("c", kSteady);
    db.options.ranges = tsdb::RangeBoundary::LeftOpen;
    // (5m, 10m]: 60..100 at 6m..10m, start gap 60s < 66s: 40 * 300/240 = 50.
    CHECK(db.only("increase(c[5m])", at(600)) == 50);
    CHECK(db.only("count_over_time(c[5m])", at(600)) == 5);
}
