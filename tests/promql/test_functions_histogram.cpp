#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

namespace {
Db buckets() {
    Db db;
    db.series(R"(h{job="a",le="0.1"})", {10});
    db.series(R"(h{job="a",le="1"})", {20});
    db.series(R"(h{job="a",le="+Inf"})", {30});
    return db;
}
}  // namespace

TEST_CASE("histogram_quantile interpolates linearly inside the bucket holding the rank") {
    const Db db = buckets();
    // rank 15 falls in (0.1, 1] holding 10 observations, 5 of them below the rank: 0.1 + 0.9 * 0.5.
    CHECK(db.only("histogram_quantile(0.5, h)", at(0)) == Approx(0.55));
    // rank 7.5 in the lowest bucket, which starts at 0: 0.1 * 7.5 / 10.
    CHECK(db.only("histogram_quantile(0.25, h)", at(0)) == Approx(0.075));
    // A rank in the +Inf bucket answers the highest finite bound.
    CHECK(db.only("histogram_quantile(0.99, h)", at(0)) == 1);
    CHECK(db.vec("histogram_quantile(0.5, h)", at(0))[0].metric == parse_metric(R"({job="a"})"));
}

TEST_CASE("histogram_quantile outside [0, 1], without +Inf or without counts") {
    Db db = buckets();
    CHECK(db.only("histogram_quantile(2, h)", at(0)) == std::numeric_limits<double>::infinity());
    CHECK(db.only("histogram_quantile(-1, h)", at(0)) == -std::numeric_limits<double>::infinity());
    db.series(R"(n{le="5"})", {1});
    CHECK(std::isnan(db.only("histogram_quantile(0.5, n)", at(0))));  // no +Inf bucket
    db.series(R"(o{le="+Inf"})", {1});
    CHECK(std::isnan(db.only("histogram_quantile(0.5, o)", at(0))));  // a single bucket
    db.series(R"(z{le="1"})", {0});
    db.series(R"(z{le="+Inf"})", {0});
    CHECK(std::isnan(db.only("histogram_quantile(0.5, z)", at(0))));  // no observations
    db.series(R"(nolabel{a="1"})", {1});
    CHECK(db.vec("histogram_quantile(0.5, nolabel)", at(0)).empty());
}

TEST_CASE("histogram_quantile repairs non-monotonic counts and handles negative bounds") {
    Db db;
    db.series(R"(h{le="1"})", {5});
    db.series(R"(h{le="2"})", {3});  // read as 5
    db.series(R"(h{le="+Inf"})", {9});
    // rank 4.5 in the first bucket: 1 * 4.5 / 5.
    CHECK(db.only("histogram_quantile(0.5, h)", at(0)) == Approx(0.9));
    db.series(R"(neg{le="-1"})", {1});
    db.series(R"(neg{le="+Inf"})", {2});
    CHECK(db.only("histogram_quantile(0.25, neg)", at(0)) == -1);  // the lowest bucket's bound
    db.series(R"(dup{le="1"})", {2});
    db.series(R"(dup{le="1.0"})", {2});
    db.series(R"(dup{le="+Inf"})", {8});
    // "1" and "1.0" are one bucket of 4: rank 2 gives 1 * 2 / 4.
    CHECK(db.only("histogram_quantile(0.25, dup)", at(0)) == Approx(0.5));
}
