// A named time interval (`time_intervals:`): the union of its entries, each the intersection of
// its times-of-day, weekdays, days of month, months and years in its location. Routes use them
// to mute notifications (`mute_time_intervals`) or to allow them only inside (`active_time_intervals`).
#pragma once

#include <string>
#include <vector>

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
    std::string location = "UTC";

    bool contains(Time t) const;
};

struct TimeInterval {
    std::string name;
    std::vector<TimeIntervalEntry> entries;

    bool contains(Time t) const;  // any entry contains t
};

}  // namespace sim::alertmanager
