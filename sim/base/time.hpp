// Simulated and wall-clock time as distinct types: a Duration is a span, a Time an instant
// (milliseconds since the Unix epoch). Prometheus works in milliseconds, so do we.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

class Duration {
public:
    constexpr Duration() = default;
    static constexpr Duration millis(std::int64_t ms) { return Duration(ms); }
    static constexpr Duration seconds(std::int64_t s) { return Duration(s * 1000); }
    static constexpr Duration minutes(std::int64_t m) { return Duration(m * 60'000); }
    static constexpr Duration hours(std::int64_t h) { return Duration(h * 3'600'000); }
    static Duration from_seconds(double s);  // rounds to the nearest millisecond

    constexpr std::int64_t ms() const { return ms_; }
    constexpr double secs() const { return static_cast<double>(ms_) / 1000.0; }
    constexpr bool is_zero() const { return ms_ == 0; }

    constexpr Duration operator+(Duration o) const { return Duration(ms_ + o.ms_); }
    constexpr Duration operator-(Duration o) const { return Duration(ms_ - o.ms_); }
    constexpr Duration operator-() const { return Duration(-ms_); }
    constexpr Duration operator*(std::int64_t k) const { return Duration(ms_ * k); }
    constexpr std::int64_t operator/(Duration o) const { return ms_ / o.ms_; }
    constexpr Duration operator%(Duration o) const { return Duration(ms_ % o.ms_); }
    constexpr Duration& operator+=(Duration o) { ms_ += o.ms_; return *this; }
    constexpr Duration& operator-=(Duration o) { ms_ -= o.ms_; return *this; }
    constexpr auto operator<=>(const Duration&) const = default;

private:
    constexpr explicit Duration(std::int64_t ms) : ms_(ms) {}
    std::int64_t ms_ = 0;
};

class Time {
public:
    constexpr Time() = default;
    static constexpr Time from_millis(std::int64_t ms) { return Time(ms); }
    static constexpr Time epoch() { return Time(0); }

    constexpr std::int64_t unix_ms() const { return ms_; }
    constexpr double unix_secs() const { return static_cast<double>(ms_) / 1000.0; }

    constexpr Time operator+(Duration d) const { return Time(ms_ + d.ms()); }
    constexpr Time operator-(Duration d) const { return Time(ms_ - d.ms()); }
    constexpr Duration operator-(Time o) const { return Duration::millis(ms_ - o.ms_); }
    constexpr Time& operator+=(Duration d) { ms_ += d.ms(); return *this; }
    constexpr auto operator<=>(const Time&) const = default;

private:
    constexpr explicit Time(std::int64_t ms) : ms_(ms) {}
    std::int64_t ms_ = 0;
};

// Prometheus duration syntax: one or more <number><unit> with units y w d h m s ms, largest first
// (`1h30m`, `90s`, `500ms`). Returns nullopt on anything else.
std::optional<Duration> parse_duration(std::string_view text);
// Whether parse_duration refused `text` only for its length: valid syntax beyond what a Go
// time.Duration holds (Prometheus says "duration out of range").
bool duration_out_of_range(std::string_view text);

// Prints as Prometheus' model.Duration does: `1h30m`, `1d`, `500ms`, `0s`.
std::string format_duration(Duration d);

// Unix seconds (integer or fractional) or RFC3339 (`2026-11-29T14:00:00Z`, with offset or fraction).
std::optional<Time> parse_timestamp(std::string_view text);

// RFC3339 in UTC with milliseconds only when non-zero.
std::string format_rfc3339(Time t);

}  // namespace sim
