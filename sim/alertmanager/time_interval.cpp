#include "sim/alertmanager/time_interval.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace sim::alertmanager {

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;

// The month's length as Alertmanager 0.25 measures it: whole 24-hour days between the two
// midnights, so a month that loses an hour to daylight saving counts one day short.
int days_in_month(const CivilTime& c, const Location& where) {
    const auto span = where.midnight_unix(c.year, c.month + 1, 1) - where.midnight_unix(c.year, c.month, 1);
    return static_cast<int>(span / kSecondsPerDay);
}

bool in_any(int value, const std::vector<InclusiveRange>& ranges) {
    return std::any_of(ranges.begin(), ranges.end(), [&](const InclusiveRange& r) { return value >= r.begin && value <= r.end; });
}

// Days of month counted from the end (-1 = the last day) resolve against the month's length; a
// range starting past the month's end never holds (the 31st in April).
bool in_days_of_month(const CivilTime& c, const Location& where, const std::vector<InclusiveRange>& ranges) {
    const int length = days_in_month(c, where);
    for (const auto& r : ranges) {
        const int begin = r.begin < 0 ? length + r.begin + 1 : r.begin;
        const int end = r.end < 0 ? length + r.end + 1 : r.end;
        if (begin > length) continue;
        if (c.day >= std::clamp(begin, -length, length) && c.day <= std::clamp(end, -length, length)) return true;
    }
    return false;
}

int to_int(std::string_view text, std::string_view what) {
    if (text.starts_with('+')) text.remove_prefix(1);
    int out = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        throw std::invalid_argument("strconv.Atoi: parsing \"" + std::string(text) + "\": invalid syntax (" +
                                    std::string(what) + ")");
    return out;
}

constexpr std::array<std::string_view, 7> kWeekdays{"sunday", "monday", "tuesday", "wednesday",
                                                    "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> kMonths{"january", "february", "march", "april", "may", "june", "july",
                                                   "august", "september", "october", "november", "december"};

// `begin:end` or a single member, case-insensitive, each member read by `member`.
template <typename Member>
InclusiveRange read_range(std::string_view text, Member member) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string_view s = lower;
    const auto colon = s.find(':');
    if (colon == std::string_view::npos) {
        const int v = member(s);
        return {v, v};
    }
    if (s.find(':', colon + 1) != std::string_view::npos)
        throw std::invalid_argument("couldn't parse range " + lower + ", invalid format");
    return {member(s.substr(0, colon)), member(s.substr(colon + 1))};
}

// "HH:MM" from 00:00 to 23:59, or 24:00; minutes since midnight.
int parse_clock(std::string_view text) {
    const bool shape = text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) &&
                       std::isdigit(static_cast<unsigned char>(text[1])) && std::isdigit(static_cast<unsigned char>(text[3])) &&
                       std::isdigit(static_cast<unsigned char>(text[4]));
    const int hours = shape ? (text[0] - '0') * 10 + (text[1] - '0') : -1;
    const int minutes = shape ? (text[3] - '0') * 10 + (text[4] - '0') : -1;
    const bool valid = shape && ((hours < 24 && minutes < 60) || (hours == 24 && minutes == 0));
    if (!valid) throw std::invalid_argument("couldn't parse timestamp " + std::string(text) + ", invalid format");
    return hours * 60 + minutes;
}

}  // namespace

bool TimeIntervalEntry::contains(Time t) const {
    const CivilTime c = location.civil(t);
    const bool in_times = times.empty() || std::any_of(times.begin(), times.end(), [&](const TimeRangeOfDay& r) {
                              return c.minute_of_day >= r.start_minute && c.minute_of_day < r.end_minute;
                          });
    return in_times && (days_of_month.empty() || in_days_of_month(c, location, days_of_month)) &&
           (months.empty() || in_any(c.month, months)) && (weekdays.empty() || in_any(c.weekday, weekdays)) &&
           (years.empty() || in_any(c.year, years));
}

bool TimeInterval::contains(Time t) const {
    return std::any_of(entries.begin(), entries.end(), [&](const TimeIntervalEntry& e) { return e.contains(t); });
}

TimeRangeOfDay parse_time_range(std::string_view start_time, std::string_view end_time) {
    if (start_time.empty() || end_time.empty()) throw std::invalid_argument("both start and end times must be provided");
    const TimeRangeOfDay r{parse_clock(start_time), parse_clock(end_time)};
    if (r.start_minute >= r.end_minute) throw std::invalid_argument("start time cannot be equal or greater than end time");
    return r;
}

InclusiveRange parse_weekday_range(std::string_view text) {
    const auto r = read_range(text, [](std::string_view s) {
        const auto it = std::find(kWeekdays.begin(), kWeekdays.end(), s);
        if (it == kWeekdays.end()) throw std::invalid_argument(std::string(s) + " is not a valid weekday");
        return static_cast<int>(it - kWeekdays.begin());
    });
    if (r.begin > r.end) throw std::invalid_argument("start day cannot be before end day");
    return r;
}

InclusiveRange parse_day_of_month_range(std::string_view text) {
    const auto r = read_range(text, [](std::string_view s) { return to_int(s, "day of month"); });
    for (int day : {r.begin, r.end})
        if (day == 0 || day < -31 || day > 31)
            throw std::invalid_argument(std::to_string(day) + " is not a valid day of the month: out of range");
    if (r.begin < 0 && r.end > 0) throw std::invalid_argument("end day must be negative if start day is negative");
    // Compared as in a 28-day month, the shortest.
    const int begin = r.begin < 0 ? 28 + r.begin : r.begin;
    const int end = r.end < 0 ? 28 + r.end : r.end;
    if (begin > end)
        throw std::invalid_argument("end day " + std::to_string(r.end) + " is always before start day " +
                                    std::to_string(r.begin));
    return r;
}

InclusiveRange parse_month_range(std::string_view text) {
    const auto r = read_range(text, [](std::string_view s) {
        const auto it = std::find(kMonths.begin(), kMonths.end(), s);
        if (it != kMonths.end()) return static_cast<int>(it - kMonths.begin()) + 1;
        try {
            return to_int(s, "month");
        } catch (const std::invalid_argument&) {
            throw std::invalid_argument(std::string(s) + " is not a valid month");
        }
    });
    if (r.begin > r.end) throw std::invalid_argument("end month is before start month in " + std::string(text));
    return r;
}

InclusiveRange parse_year_range(std::string_view text) {
    const auto r = read_range(text, [](std::string_view s) { return to_int(s, "year"); });
    if (r.begin > r.end)
        throw std::invalid_argument("end year " + std::to_string(r.end) + " is before start year " + std::to_string(r.begin));
    return r;
}

}  // namespace sim::alertmanager
