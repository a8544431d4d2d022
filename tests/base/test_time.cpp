#include <catch2/catch.hpp>

#include "sim/base/time.hpp"

using sim::Duration;
using sim::Time;

TEST_CASE("parse_duration accepts Prometheus unit sequences largest first") {
    CHECK(sim::parse_duration("1h30m")->ms() == 5'400'000);
    CHECK(sim::parse_duration("90s")->ms() == 90'000);
    CHECK(sim::parse_duration("500ms")->ms() == 500);
    CHECK(sim::parse_duration("1m500ms")->ms() == 60'500);
    CHECK(sim::parse_duration("2d")->ms() == 2 * 86'400'000LL);
    CHECK(sim::parse_duration("1y")->ms() == 365 * 86'400'000LL);
    CHECK(sim::parse_duration("0")->ms() == 0);
}

TEST_CASE("parse_duration rejects malformed and out-of-order durations") {
    CHECK_FALSE(sim::parse_duration(""));
    CHECK_FALSE(sim::parse_duration("5"));
    CHECK_FALSE(sim::parse_duration("1.5m"));
    CHECK_FALSE(sim::parse_duration("30m1h"));
    CHECK_FALSE(sim::parse_duration("1m1m"));
    CHECK_FALSE(sim::parse_duration("-5m"));
    CHECK_FALSE(sim::parse_duration("5x"));
}

TEST_CASE("format_duration prints like model.Duration") {
    CHECK(sim::format_duration(Duration::minutes(90)) == "1h30m");
    CHECK(sim::format_duration(Duration()) == "0s");
    CHECK(sim::format_duration(Duration::millis(500)) == "500ms");
    CHECK(sim::format_duration(Duration::hours(24)) == "1d");
    CHECK(sim::format_duration(Duration::hours(24 * 7)) == "1w");
    CHECK(sim::format_duration(Duration::millis(61'001)) == "1m1s1ms");
}

TEST_CASE("durations round-trip through text") {
    for (auto ms : {1LL, 999LL, 1000LL, 61'000LL, 3'723'004LL, 90'061'000LL}) {
        const auto d = Duration::millis(ms);
        CHECK(sim::parse_duration(sim::format_duration(d)) == d);
    }
}

TEST_CASE("parse_timestamp reads unix seconds and RFC3339") {
    CHECK(sim::parse_timestamp("0")->unix_ms() == 0);
    CHECK(sim::parse_timestamp("1.5")->unix_ms() == 1500);
    CHECK(sim::parse_timestamp("2026-11-29T14:00:00Z")->unix_ms() == 1'795'960'800'000LL);
    CHECK(sim::parse_timestamp("2026-11-29T15:00:00+01:00")->unix_ms() == 1'795'960'800'000LL);
    CHECK(sim::parse_timestamp("1970-01-01T00:00:00.250Z")->unix_ms() == 250);
    CHECK_FALSE(sim::parse_timestamp("yesterday"));
    CHECK_FALSE(sim::parse_timestamp("2026-13-01T00:00:00Z"));
}

TEST_CASE("format_rfc3339 prints UTC with milliseconds only when present") {
    CHECK(sim::format_rfc3339(Time::from_millis(0)) == "1970-01-01T00:00:00Z");
    CHECK(sim::format_rfc3339(Time::from_millis(1'795'960'800'250LL)) == "2026-11-29T14:00:00.250Z");
    CHECK(sim::format_rfc3339(Time::from_millis(-1000)) == "1969-12-31T23:59:59Z");
}

TEST_CASE("Time and Duration arithmetic keeps the types apart") {
    const Time t = Time::epoch() + Duration::minutes(5);
    CHECK(t - Time::epoch() == Duration::seconds(300));
    CHECK((t - Duration::seconds(1)).unix_ms() == 299'000);
    CHECK(Duration::minutes(5) / Duration::seconds(30) == 10);
    CHECK(Duration::seconds(95) % Duration::minutes(1) == Duration::seconds(35));
}

TEST_CASE("issue 15.1: a duration beyond Prometheus' 292 years is refused, not wrapped") {
    CHECK(sim::parse_duration("292y24w3d23h47m16s854ms")->ms() == 9'223'372'036'854);  // 2^63-1 ns
    CHECK_FALSE(sim::parse_duration("292y24w3d23h47m16s855ms"));
    CHECK_FALSE(sim::parse_duration("292471208y35w2d7h12m55s808ms"));  // each part fits int64, the sum does not
    CHECK_FALSE(sim::parse_duration("99999999999h"));
    CHECK_FALSE(sim::parse_duration("9223372036854775807y"));
    CHECK_FALSE(sim::parse_duration("99999999999999999999ms"));
}

TEST_CASE("issue 15.1: the most negative duration prints without overflowing") {
    CHECK(sim::format_duration(Duration::millis(INT64_MIN)) == "-292471208y35w2d7h12m55s808ms");
    CHECK(sim::format_duration(Duration::millis(INT64_MAX)) == "292471208y35w2d7h12m55s807ms");
}

TEST_CASE("issue 15.1: unix timestamps outside the years 0001-9999 are refused") {
    CHECK(sim::parse_timestamp("253402300799")->unix_ms() == 253402300799000LL);
    CHECK_FALSE(sim::parse_timestamp("253402300800"));
    CHECK_FALSE(sim::parse_timestamp("1e300"));
    CHECK_FALSE(sim::parse_timestamp("-1e300"));
}
