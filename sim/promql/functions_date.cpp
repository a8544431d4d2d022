// Calendar functions on Unix seconds in UTC: day_of_month, day_of_week, day_of_year,
// days_in_month, hour, minute, month, year. Without an argument they read vector(time()).
#include <cstdint>

#include "sim/promql/eval_functions.hpp"

namespace sim::promql {

namespace {

struct Civil {
    std::int64_t year;
    int month;     // 1..12
    int day;       // 1..31
    int yday;      // 0-based day of the year
    int weekday;   // 0 = Sunday
    int hour;
    int minute;
};

// Go's int64(v) on amd64: truncation, and the minimum int64 for NaN and out-of-range values.
std::int64_t go_int64(double v) {
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) return INT64_MIN;
    return static_cast<std::int64_t>(v);
}

bool leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

// time.Unix(sec, 0).UTC() broken down the way Go (before 1.23) does it: seconds since its
// "absolute zero" year in unsigned arithmetic, so even absurd inputs (NaN becomes the minimum
// int64) give promtool's answer.
Civil civil(double v) {
    // Seconds from Go's absolute zero year to 1970: 730692556 400-year cycles, then 719162 days.
    constexpr std::uint64_t kUnixToAbsolute = 9223372028715321600ULL;
    constexpr std::int64_t kAbsoluteZeroYear = -292277022399;
    constexpr std::uint64_t kDay = 86400, kDaysPer400Years = 365 * 400 + 97, kDaysPer100Years = 365 * 100 + 24,
                            kDaysPer4Years = 365 * 4 + 1;
    const std::uint64_t abs = static_cast<std::uint64_t>(go_int64(v)) + kUnixToAbsolute;

    std::uint64_t d = abs / kDay;
    std::uint64_t n = d / kDaysPer400Years;
    std::uint64_t y = 400 * n;
    d -= kDaysPer400Years * n;
    n = d / kDaysPer100Years;
    n -= n >> 2;  // the last day of a 400-year cycle
    y += 100 * n;
    d -= kDaysPer100Years * n;
    n = d / kDaysPer4Years;
    y += 4 * n;
    d -= kDaysPer4Years * n;
    n = d / 365;
    n -= n >> 2;  // the last day of a leap year
    y += n;
    d -= 365 * n;

    Civil c{};
    c.year = static_cast<std::int64_t>(y) + kAbsoluteZeroYear;
    c.yday = static_cast<int>(d);
    c.hour = static_cast<int>(abs % kDay / 3600);
    c.minute = static_cast<int>(abs % 3600 / 60);
    c.weekday = static_cast<int>((abs + kDay) % (7 * kDay) / kDay);  // the absolute zero was a Monday

    static constexpr int kDaysBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    int day = c.yday;
    if (leap(c.year)) {
        if (day == 31 + 29 - 1) {
            c.month = 2;
            c.day = 29;
            return c;
        }
        if (day > 31 + 29 - 1) --day;  // after the leap day: pretend it was not there
    }
    int month = day / 31;  // may be one too low
    if (day >= kDaysBefore[month + 1]) ++month;
    c.month = month + 1;
    c.day = day - kDaysBefore[month] + 1;
    return c;
}

int month_length(std::int64_t year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

template <double (*F)(const Civil&)>
std::optional<double> on_date(double v, std::span<const double>) {
    return F(civil(v));
}

double day_of_month(const Civil& c) { return c.day; }
double day_of_week(const Civil& c) { return c.weekday; }
double day_of_year(const Civil& c) { return c.yday + 1; }
double days_in_month(const Civil& c) { return month_length(c.year, c.month); }
double hour(const Civil& c) { return c.hour; }
double minute(const Civil& c) { return c.minute; }
double month(const Civil& c) { return c.month; }
double year(const Civil& c) { return static_cast<double>(c.year); }

const std::map<std::string_view, ElementFunction> kFunctions = {
    {"day_of_month", {on_date<day_of_month>, true}},
    {"day_of_week", {on_date<day_of_week>, true}},
    {"day_of_year", {on_date<day_of_year>, true}},
    {"days_in_month", {on_date<days_in_month>, true}},
    {"hour", {on_date<hour>, true}},
    {"minute", {on_date<minute>, true}},
    {"month", {on_date<month>, true}},
    {"year", {on_date<year>, true}},
};

}  // namespace

const ElementFunction* find_date_function(std::string_view name) { return find_in(kFunctions, name); }

}  // namespace sim::promql
