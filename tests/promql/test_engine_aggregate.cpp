#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

namespace {
Db requests() {
    Db db;
    db.series(R"(req{job="api",pod="a",code="200"})", {1});
    db.series(R"(req{job="api",pod="b",code="200"})", {3});
    db.series(R"(req{job="api",pod="a",code="500"})", {8});
    db.series(R"(req{job="sts",pod="c",code="200"})", {4});
    return db;
}
}  // namespace

TEST_CASE("by keeps only the listed labels, without drops them and the metric name") {
    const Db db = requests();
    CHECK(db.value("sum by (job) (req)", at(0), R"({job="api"})") == 12);
    CHECK(db.value("sum by (job) (req)", at(0), R"({job="sts"})") == 4);
    CHECK(db.value("sum without (pod) (req)", at(0), R"({job="api",code="200"})") == 4);
    CHECK(db.value("sum(req)", at(0), "{}") == 16);
    CHECK(db.value("sum by (__name__) (req)", at(0), "req") == 16);
    CHECK(db.value("count by (nonexistent) (req)", at(0), "{}") == 4);
}

TEST_CASE("avg, count, group, min, max, stddev and stdvar per group") {
    const Db db = requests();
    CHECK(db.value("avg by (job) (req)", at(0), R"({job="api"})") == 4);
    CHECK(db.value("count by (code) (req)", at(0), R"({code="200"})") == 3);
    CHECK(db.value("group by (code) (req)", at(0), R"({code="500"})") == 1);
    CHECK(db.value("min by (job) (req)", at(0), R"({job="api"})") == 1);
    CHECK(db.value("max by (job) (req)", at(0), R"({job="api"})") == 8);
    // api values 1, 3, 8: mean 4, squared deviations 9 + 1 + 16 = 26, population variance 26/3.
    CHECK(db.value("stdvar by (job) (req)", at(0), R"({job="api"})") == Approx(26.0 / 3));
    CHECK(db.value("stddev by (job) (req)", at(0), R"({job="api"})") == Approx(std::sqrt(26.0 / 3)));
    CHECK(db.value("stddev by (job) (req)", at(0), R"({job="sts"})") == 0);
}

TEST_CASE("min and max prefer numbers over NaN whatever the order") {
    Db db;
    db.series(R"(n{a="1"})", {kNaN});
    db.series(R"(n{a="2"})", {3});
    db.series(R"(n{a="3"})", {1});
    CHECK(db.only("min(n)", at(0)) == 1);
    CHECK(db.only("max(n)", at(0)) == 3);
    CHECK(std::isnan(db.only("sum(n)", at(0))));
}

TEST_CASE("avg is an incremental mean, so huge values do not overflow") {
    Db db;
    db.series(R"(h{a="1"})", {1.5e308});
    db.series(R"(h{a="2"})", {1.5e308});
    CHECK(db.only("avg(h)", at(0)) == 1.5e308);  // a plain sum would be +Inf
    CHECK(std::isinf(db.only("sum(h)", at(0))));
}

TEST_CASE("topk and bottomk keep the original labels, per group, and return nothing for k below 1") {
    const Db db = requests();
    const auto top = db.vec("topk(2, req)", at(0));
    REQUIRE(top.size() == 2);
    CHECK(top[0].metric == parse_metric(R"(req{job="api",pod="a",code="500"})"));
    CHECK(top[1].v == 4);
    CHECK(db.vec("bottomk by (job) (1, req)", at(0)).size() == 2);
    CHECK(db.value("bottomk by (job) (1, req)", at(0), R"(req{job="api",pod="a",code="200"})") == 1);
    CHECK(db.vec("topk(0, req)", at(0)).empty());
    CHECK(db.vec("topk(1.9, req)", at(0)).size() == 1);  // k truncates
    CHECK(db.error("topk(NaN, req)", at(0)) == "Scalar value NaN overflows int64");
}

TEST_CASE("quantile interpolates between ranks and saturates outside [0, 1]") {
    const Db db = requests();
    // Sorted 1 3 4 8: rank 0.5 * 3 = 1.5, between 3 and 4.
    CHECK(db.only("quantile(0.5, req)", at(0)) == 3.5);
    // rank 0.9 * 3 = 2.7: 4 * 0.3 + 8 * 0.7 = 6.8.
    CHECK(db.only("quantile(0.9, req)", at(0)) == Approx(6.8));
    CHECK(db.only("quantile(2, req)", at(0)) == std::numeric_limits<double>::infinity());
    CHECK(db.only("quantile(-1, req)", at(0)) == -std::numeric_limits<double>::infinity());
}

TEST_CASE("count_values labels each group with the value printed like Go's FormatFloat 'f'") {
    Db db;
    db.series(R"(v{a="1"})", {2});
    db.series(R"(v{a="2"})", {2});
    db.series(R"(v{a="3"})", {1e21});
    db.series(R"(v{a="4"})", {0.000001});
    CHECK(db.value(R"(count_values("val", v))", at(0), R"({val="2"})") == 2);
    CHECK(db.value(R"(count_values("val", v))", at(0), R"({val="1000000000000000000000"})") == 1);
    CHECK(db.value(R"(count_values("val", v))", at(0), R"({val="0.000001"})") == 1);
    CHECK(db.value(R"(count_values without (a) ("val", v))", at(0), R"({val="2"})") == 2);
    CHECK(db.error(R"(count_values("bad-name", v))", at(0)) == R"(invalid label name "bad-name")");
}
