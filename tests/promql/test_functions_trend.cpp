#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

TEST_CASE("deriv is the least-squares slope per second") {
    Db db;
    db.series("c", kSteady);
    CHECK(db.only("deriv(c[5m])", at(600)) == Approx(10.0 / 60));
    db.series("flat", {0.1, 0.1, 0.1, 0.1});
    CHECK(db.only("deriv(flat[5m])", at(180)) == 0);  // exactly, whatever the rounding of the sums
    CHECK(db.vec("deriv(c[30s])", at(600)).empty());  // one sample
}

TEST_CASE("predict_linear anchors the line at the evaluation time, even with an offset") {
    Db db;
    db.series("c", kSteady);
    // The line through the samples is 10/min; at the evaluation time (10m) it is at 100,
    // 60s later at 110 (anchoring at the offset window's end would give 90).
    CHECK(db.only("predict_linear(c[5m] offset 2m, 60)", at(600)) == Approx(110));
    CHECK(db.only("predict_linear(c[5m], 0)", at(600)) == Approx(100));
}

TEST_CASE("holt_winters follows a straight line exactly and validates its factors") {
    Db db;
    db.series("c", kSteady);
    // With a constant trend every smoothed value equals its sample: the result is the last one.
    CHECK(db.only("holt_winters(c[5m], 0.5, 0.5)", at(600)) == Approx(100));
    CHECK(db.error("holt_winters(c[5m], 1.5, 0.5)", at(600)) ==
          "invalid smoothing factor. Expected: 0 < sf < 1, got: 1.500000");
    CHECK(db.error("holt_winters(c[5m], 0.5, 0)", at(600)) ==
          "invalid trend factor. Expected: 0 < tf < 1, got: 0.000000");
    CHECK(db.vec("holt_winters(nothing[5m], 1.5, 0.5)", at(600)).empty());  // checked only with samples
}
