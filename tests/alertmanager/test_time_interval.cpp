#include <catch2/catch.hpp>

#include "sim/alertmanager/config_reader.hpp"
#include "sim/alertmanager/time_interval.hpp"

using namespace sim;
using namespace sim::alertmanager;

namespace {

Time utc(const char* rfc3339) { return *parse_timestamp(rfc3339); }

TimeInterval read_interval(const std::string& entries) {
    const Config cfg = parse_config("route: {receiver: r}\nreceivers: [{name: r}]\ntime_intervals:\n- name: ti\n  time_intervals:\n" +
                                        entries,
                                    "am.yml");
    return cfg.time_intervals.at("ti");
}

}  // namespace

TEST_CASE("issue 18.1: a time interval holds inside its weekday and time-of-day ranges, end exclusive") {
    const TimeInterval office = read_interval("  - weekdays: ['monday:friday']\n    times: [{start_time: '09:00', end_time: '17:00'}]\n");
    // 2026-12-07 is a Monday.
    CHECK(office.contains(utc("2026-12-07T09:00:00Z")));
    CHECK(office.contains(utc("2026-12-07T16:59:59Z")));
    CHECK_FALSE(office.contains(utc("2026-12-07T17:00:00Z")));
    CHECK_FALSE(office.contains(utc("2026-12-07T08:59:59Z")));
    CHECK(office.contains(utc("2026-12-11T12:00:00Z")));        // Friday
    CHECK_FALSE(office.contains(utc("2026-12-12T12:00:00Z")));  // Saturday
    CHECK_FALSE(office.contains(utc("2026-12-06T12:00:00Z")));  // Sunday
}

TEST_CASE("issue 18.1: negative days of month count back from the month's own last day") {
    const TimeInterval month_end = read_interval("  - days_of_month: ['-3:-1']\n");
    CHECK(month_end.contains(utc("2026-02-26T00:00:00Z")));  // February 2026 has 28 days
    CHECK_FALSE(month_end.contains(utc("2026-02-25T23:59:59Z")));
    CHECK(month_end.contains(utc("2026-12-29T10:00:00Z")));
    CHECK_FALSE(month_end.contains(utc("2026-12-28T10:00:00Z")));
    CHECK(month_end.contains(utc("2028-02-27T10:00:00Z")));  // leap year: 27..29
    CHECK_FALSE(month_end.contains(utc("2028-02-26T10:00:00Z")));
    // The 31st does not exist in April, so a range starting there never holds.
    const TimeInterval thirty_first = read_interval("  - days_of_month: ['31']\n");
    CHECK_FALSE(thirty_first.contains(utc("2026-04-30T10:00:00Z")));
    CHECK(thirty_first.contains(utc("2026-03-31T10:00:00Z")));
}

TEST_CASE("issue 18.1: a time interval is the union of its entries, with month and weekday names read case-insensitively") {
    const TimeInterval ti = read_interval("  - months: ['December']\n    years: ['2026']\n  - weekdays: [Sunday]\n");
    CHECK(ti.contains(utc("2026-12-01T00:00:00Z")));
    CHECK_FALSE(ti.contains(utc("2027-12-01T00:00:00Z")));  // a Wednesday
    CHECK(ti.contains(utc("2027-12-05T00:00:00Z")));        // a Sunday
    CHECK_FALSE(ti.contains(utc("2026-11-30T23:59:59Z")));  // a Monday in November
}

TEST_CASE("issue 18.1: malformed time interval fields are refused where they are written") {
    const auto error_at = [](const std::string& entries) {
        try {
            read_interval(entries);
        } catch (const InputError& e) {
            return std::to_string(e.pos().line) + ":" + std::to_string(e.pos().column) + " " + e.message();
        }
        return std::string("no error");
    };
    CHECK(error_at("  - weekdays: ['friday:monday']\n") == "6:16 start day cannot be before end day");
    CHECK(error_at("  - days_of_month: ['-1:5']\n") == "6:21 end day must be negative if start day is negative");
    CHECK(error_at("  - times: [{start_time: '10:00', end_time: '09:00'}]\n") ==
          "6:13 start time cannot be equal or greater than end time");
    CHECK(error_at("  - times: [{start_time: '25:00', end_time: '26:00'}]\n") ==
          "6:13 couldn't parse timestamp 25:00, invalid format");
    CHECK(error_at("  - location: Mars/Olympus_Mons\n") == "6:15 unknown time zone Mars/Olympus_Mons");
    CHECK(error_at("  - location: Europe/\n") == "6:15 unknown time zone Europe/");  // a folder of zones
    CHECK(error_at("  - location: ../../etc/passwd\n") == "6:15 invalid location name ../../etc/passwd");
}

TEST_CASE("issue 18.1: a named location reads times on that zone's wall clock, daylight saving included") {
    const TimeInterval office =
        read_interval("  - times: [{start_time: '09:00', end_time: '17:00'}]\n    location: Europe/Paris\n");
    // Paris is UTC+1 in winter, UTC+2 in summer.
    CHECK(office.contains(utc("2026-12-07T08:00:00Z")));
    CHECK_FALSE(office.contains(utc("2026-12-07T07:59:59Z")));
    CHECK(office.contains(utc("2026-07-07T07:00:00Z")));
    CHECK_FALSE(office.contains(utc("2026-07-07T15:00:00Z")));
    // The last day of the month on Paris' calendar: 23:30 UTC on 30 November is 1 December there.
    const TimeInterval last_day = read_interval("  - days_of_month: ['-1']\n    location: Europe/Paris\n");
    CHECK(last_day.contains(utc("2026-11-29T23:30:00Z")));
    CHECK_FALSE(last_day.contains(utc("2026-11-30T23:30:00Z")));
    // Alertmanager 0.25 measures a month in whole 24-hour days, so March in Paris (23 hours on the
    // 29th) counts 30 days and -1 is the 30th; later releases fixed this, the twin predicts 0.25.
    CHECK(last_day.contains(utc("2026-03-30T12:00:00Z")));
    CHECK_FALSE(last_day.contains(utc("2026-03-31T12:00:00Z")));
}
