#include "sim/base/time.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace sim {

namespace {

struct Unit {
    std::string_view suffix;
    std::int64_t ms;
};

// Largest first, as Prometheus requires and prints them.
constexpr std::array<Unit, 7> kUnits{{{"y", 365LL * 86'400'000},
                                      {"w", 7LL * 86'400'000},
                                      {"d", 86'400'000},
                                      {"h", 3'600'000},
                                      {"m", 60'000},
                                      {"s", 1'000},
                                      {"ms", 1}}};

// The longest duration Prometheus can hold (a Go time.Duration: 2^63-1 ns, about 292 years);
// parse_duration refuses longer ones. Within it, instants of the years 0001-9999 (what
// parse_timestamp accepts) plus or minus a few durations never overflow 64-bit milliseconds.
constexpr std::int64_t kMaxDurationMs = 9'223'372'036'854;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool read_fixed(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!is_digit(s[i])) return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

std::optional<Time> parse_rfc3339(std::string_view s) {
    int year, mon, day, hh, mm, ss;
    if (!read_fixed(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !read_fixed(s, 5, 2, mon) ||
        s[7] != '-' || !read_fixed(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !read_fixed(s, 11, 2, hh) || s[13] != ':' || !read_fixed(s, 14, 2, mm) || s[16] != ':' ||
        !read_fixed(s, 17, 2, ss))
        return std::nullopt;
    if (mon < 1 || mon > 12 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    std::size_t pos = 19;
    std::int64_t frac_ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        std::int64_t scale = 100;
        while (pos < s.size() && is_digit(s[pos])) {
            frac_ms += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start) return std::nullopt;
    }
    std::int64_t offset_min = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!read_fixed(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !read_fixed(s, pos + 4, 2, om))
            return std::nullopt;
        offset_min = (oh * 60 + om) * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    const std::int64_t days = days_from_civil(year, static_cast<unsigned>(mon), static_cast<unsigned>(day));
    const std::int64_t secs = days * 86400 + hh * 3600 + mm * 60 + ss - offset_min * 60;
    return Time::from_millis(secs * 1000 + frac_ms);
}

}  // namespace

Duration Duration::from_seconds(double s) { return Duration(static_cast<std::int64_t>(std::llround(s * 1000.0))); }

namespace {

// Prometheus' model.ParseDuration: the duration, or why not.
enum class DurationSyntax { Valid, Invalid, OutOfRange };

DurationSyntax read_duration(std::string_view text, std::int64_t& total) {
    total = 0;
    if (text == "0") return DurationSyntax::Valid;
    if (text.empty()) return DurationSyntax::Invalid;
    bool out_of_range = false;
    std::size_t next_unit = 0;  // units must appear largest first, each at most once
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i == start) return DurationSyntax::Invalid;
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(text.data() + start, text.data() + i, n);
        out_of_range = out_of_range || ec != std::errc();
        std::size_t u = next_unit;
        // "ms" must be tried before "m" at the same position.
        std::size_t matched = kUnits.size();
        for (; u < kUnits.size(); ++u) {
            const auto suf = kUnits[u].suffix;
            if (text.substr(i, suf.size()) != suf) continue;
            if (suf == "m" && text.substr(i, 2) == "ms") continue;
            matched = u;
            break;
        }
        if (matched == kUnits.size()) return DurationSyntax::Invalid;
        std::int64_t part = 0;
        out_of_range = out_of_range || __builtin_mul_overflow(n, kUnits[matched].ms, &part) ||
                       __builtin_add_overflow(total, part, &total) || total > kMaxDurationMs;
        i += kUnits[matched].suffix.size();
        next_unit = matched + 1;
    }
    return out_of_range ? DurationSyntax::OutOfRange : DurationSyntax::Valid;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
    std::int64_t total = 0;
    if (read_duration(text, total) != DurationSyntax::Valid) return std::nullopt;
    return Duration::millis(total);
}

bool duration_out_of_range(std::string_view text) {
    std::int64_t total = 0;
    return read_duration(text, total) == DurationSyntax::OutOfRange;
}

std::string format_duration(Duration d) {
    if (d.ms() == 0) return "0s";
    std::string out = d.ms() < 0 ? "-" : "";
    // The magnitude as unsigned: negating the most negative duration would overflow.
    std::uint64_t ms = d.ms() < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(d.ms()) : static_cast<std::uint64_t>(d.ms());
    for (const auto& unit : kUnits) {
        const std::uint64_t unit_ms = static_cast<std::uint64_t>(unit.ms);
        const std::uint64_t n = ms / unit_ms;
        if (n == 0) continue;
        out += std::to_string(n);
        out += unit.suffix;
        ms -= n * unit_ms;
    }
    return out;
}

std::optional<Time> parse_timestamp(std::string_view text) {
    if (text.empty()) return std::nullopt;
    if (auto t = parse_rfc3339(text)) return t;
    double secs = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), secs);
    // The years 0001-9999, as RFC3339 can write them: beyond, milliseconds would overflow arithmetic.
    constexpr double kFirst = -62135596800.0, kLast = 253402300799.0;
    if (ec != std::errc() || p != text.data() + text.size() || !(secs >= kFirst && secs <= kLast)) return std::nullopt;
    return Time::from_millis(static_cast<std::int64_t>(std::llround(secs * 1000.0)));
}

std::string format_rfc3339(Time t) {
    std::int64_t ms = t.unix_ms();
    std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const std::int64_t frac = ms - secs * 1000;
    std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const std::int64_t sod = secs - days * 86400;
    std::int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    char buf[96];
    if (frac != 0)
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m,
                      d, static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                      static_cast<long long>(sod % 60), static_cast<long long>(frac));
    else
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m, d,
                      static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                      static_cast<long long>(sod % 60));
    return buf;
}

}  // namespace sim
