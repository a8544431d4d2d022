#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

namespace {
struct DateCase {
    const char* expr;
    double expected;
};

void check_all(std::initializer_list<DateCase> cases) {
    const Db db;
    for (const auto& c : cases) {
        INFO(c.expr);
        CHECK(db.only(c.expr, at(0)) == c.expected);
    }
}
}  // namespace

TEST_CASE("calendar functions read Unix seconds in UTC") {
    // 1e9 s is Sunday 2001-09-09 01:46:40 UTC, day 252 of the year; 1707523200 is 2024-02-10,
    // in a leap February.
    check_all({{"year(vector(1e9))", 2001},
               {"month(vector(1e9))", 9},
               {"day_of_month(vector(1e9))", 9},
               {"day_of_week(vector(1e9))", 0},
               {"day_of_year(vector(1e9))", 252},
               {"hour(vector(1e9))", 1},
               {"minute(vector(1e9))", 46},
               {"days_in_month(vector(1e9))", 30},
               {"days_in_month(vector(1707523200))", 29}});
}

TEST_CASE("times before 1970 count backwards, and the fraction is truncated") {
    // -1 s is Wednesday 1969-12-31 23:59:59.
    check_all({{"year(vector(-1))", 1969},
               {"hour(vector(-1))", 23},
               {"day_of_week(vector(-1))", 3},
               {"minute(vector(119.9))", 1}});
}

TEST_CASE("NaN and infinite times become Go's minimum int64 second, as in promtool") {
    // promtool 2.42 answers hour 15 and year 292277026596 for these.
    check_all({{"hour(vector(NaN))", 15}, {"year(vector(1/0))", 292277026596.0}});
}

TEST_CASE("without an argument a calendar function reads the evaluation time") {
    Db db;
    CHECK(db.only("hour()", at(7200 + 59)) == 2);
    CHECK(db.only("day_of_week()", at(0)) == 4);  // 1970-01-01 was a Thursday
    db.series(R"(t{a="1"})", {3600});
    CHECK(db.vec("hour(t)", at(0))[0].metric == parse_metric(R"({a="1"})"));
}
