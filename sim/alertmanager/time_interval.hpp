// A named time interval (`time_intervals:`): the union of its entries, each the intersection of
// its times-of-day, weekdays, days of month, months and years in its location. Routes use them
// to mute notifications (`mute_time_intervals`) or to allow them only inside (`active_time_intervals`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/alertmanager/location.hpp"
#include "sim/base/time.hpp"

namespace sim::alertmanager {

struct TimeRangeOfDay {
    int start_minute = 0;  // minutes since midnight, inclusive
    int end_minute = 0;    // exclusive
};

struct InclusiveRange {
    int begin = 0;
    int end = 0;
};

// One entry of a time interval; an empty list means "any".
struct TimeIntervalEntry {
    std::vector<TimeRangeOfDay> times;
    std::vector<InclusiveRange> weekdays;      // 0 = Sunday
    std::vector<InclusiveRange> days_of_month;  // negative counts from the end of the month
    std::vector<InclusiveRange> months;        // 1..12
    std::vector<InclusiveRange> years;
    Location location = Location::utc();

    bool contains(Time t) const;
};

struct TimeInterval {
    std::string name;
    std::vector<TimeIntervalEntry> entries;

    bool contains(Time t) const;  // any entry contains t
};

// The syntax of an entry's fields, as Alertmanager 0.25 validates it (timeinterval.go). Each throws
// std::invalid_argument with Alertmanager's message.
TimeRangeOfDay parse_time_range(std::string_view start_time, std::string_view end_time);  // "09:00", "24:00"
InclusiveRange parse_weekday_range(std::string_view text);       // "monday", "monday:friday"
InclusiveRange parse_day_of_month_range(std::string_view text);  // "1:5", "-3:-1"
InclusiveRange parse_month_range(std::string_view text);         // "january:march", "1:3"
InclusiveRange parse_year_range(std::string_view text);          // "2024:2026"

}  // namespace sim::alertmanager
