#include <catch2/catch.hpp>

#include <cmath>

#include "sim/tsdb/storage.hpp"

using namespace sim;
using namespace sim::tsdb;

namespace {
Time at(int s) { return Time::epoch() + Duration::seconds(s); }
}  // namespace

TEST_CASE("labels stay sorted, and an empty value removes a label") {
    Labels l{{"job", "api"}, {"__name__", "up"}, {"instance", "a"}};
    CHECK(l.items().front().name == "__name__");
    CHECK(l.to_string() == "up{instance=\"a\", job=\"api\"}");
    l.set("job", "");
    CHECK_FALSE(l.has("job"));
    CHECK(l.get("job").empty());
    CHECK(Labels{{"a", "1"}, {"b", "2"}} == Labels{{"b", "2"}, {"a", "1"}});
    CHECK(Labels{{"a", "1"}}.hash() != Labels{{"a", "2"}}.hash());
}

TEST_CASE("regex matchers are fully anchored RE2 and absent labels match as empty") {
    Matcher m("job", MatchOp::Regex, "api|sts");
    CHECK(m.matches("api"));
    CHECK_FALSE(m.matches("api2"));
    CHECK(Matcher("x", MatchOp::Regex, ".*").matches(""));
    CHECK_FALSE(Matcher("x", MatchOp::Regex, ".").matches("\n"));
    CHECK(Matcher("x", MatchOp::NotEqual, "a").matches(""));
    CHECK_THROWS_AS(Matcher("x", MatchOp::Regex, "("), std::invalid_argument);
}

TEST_CASE("instant lookup honours the lookback window and stale markers") {
    Storage s;
    const auto id = s.append(Labels{{"__name__", "up"}}, at(0), 1);
    s.append(id, at(60), 2);
    CHECK(s.instant(id, at(30), Duration::minutes(5), RangeBoundary::Closed)->v == 1);
    CHECK(s.instant(id, at(360), Duration::minutes(5), RangeBoundary::Closed)->v == 2);  // exactly 5m old: kept in 2.x
    CHECK_FALSE(s.instant(id, at(360), Duration::minutes(5), RangeBoundary::LeftOpen));  // dropped in 3.x
    CHECK_FALSE(s.instant(id, at(361), Duration::minutes(5), RangeBoundary::Closed));
    s.append(id, at(90), stale_nan());
    CHECK_FALSE(s.instant(id, at(100), Duration::minutes(5), RangeBoundary::Closed));
    CHECK(s.instant(id, at(80), Duration::minutes(5), RangeBoundary::Closed)->v == 2);
    CHECK_FALSE(s.instant(id, at(-1), Duration::minutes(5), RangeBoundary::Closed));
}

TEST_CASE("range windows are closed in 2.x mode, left-open in 3.x mode, and skip stale markers") {
    Storage s;
    const auto id = s.append(Labels{{"__name__", "c"}}, at(0), 0);
    for (int i = 1; i <= 10; ++i) s.append(id, at(i * 15), i);
    s.append(id, at(165), stale_nan());
    std::vector<Sample> out;
    s.range(id, at(60), at(120), RangeBoundary::Closed, out);
    CHECK(out.size() == 5);
    CHECK(out.front().t == at(60));
    out.clear();
    s.range(id, at(60), at(120), RangeBoundary::LeftOpen, out);
    CHECK(out.size() == 4);
    CHECK(out.front().t == at(75));
    out.clear();
    s.range(id, at(140), at(200), RangeBoundary::Closed, out);
    CHECK(out.size() == 1);  // 150; the stale marker at 165 is left out
}

TEST_CASE("appends replace same-time samples and drop out-of-order ones") {
    Storage s;
    const auto id = s.append(Labels{{"__name__", "g"}}, at(10), 1);
    s.append(id, at(10), 2);
    s.append(id, at(5), 3);
    REQUIRE(s.series(id).samples.size() == 1);
    CHECK(s.series(id).samples[0].v == 2);
}

TEST_CASE("select narrows by metric name and applies every matcher") {
    Storage s;
    s.append(Labels{{"__name__", "up"}, {"job", "a"}}, at(0), 1);
    s.append(Labels{{"__name__", "up"}, {"job", "b"}}, at(0), 1);
    s.append(Labels{{"__name__", "down"}, {"job", "a"}}, at(0), 1);
    CHECK(s.select({Matcher("__name__", MatchOp::Equal, "up")}).size() == 2);
    CHECK(s.select({Matcher("job", MatchOp::Equal, "a")}).size() == 2);
    CHECK(s.select({Matcher("__name__", MatchOp::Equal, "up"), Matcher("job", MatchOp::NotEqual, "a")}).size() == 1);
    CHECK(s.select({Matcher("__name__", MatchOp::Equal, "none")}).empty());
}

TEST_CASE("quote keeps valid UTF-8 and escapes stray bytes like Go's strconv.Quote") {
    CHECK(quote("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
    CHECK(quote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
    CHECK(quote("\xff") == "\"\\xff\"");
    CHECK(quote("\xc3") == "\"\\xc3\"");  // truncated sequence
    CHECK(quote("\x01") == "\"\\x01\"");
    CHECK(quote("\a\v") == "\"\\a\\v\"");
}
