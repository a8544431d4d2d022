#include "sim/alerting/series_notation.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "sim/tsdb/sample.hpp"

namespace sim::alerting {

namespace {

// n + 1 slots for a repetition of n; at the largest count the last slot (whose time no clock can
// reach) is dropped rather than wrapping to zero.
std::uint64_t plus_one(std::uint64_t n) { return n == std::numeric_limits<std::uint64_t>::max() ? n : n + 1; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

class Expander {
public:
    explicit Expander(std::string_view text) : text_(text) {}

    SeriesRuns run() {
        for (skip_space(); pos_ < text_.size(); skip_space()) {
            item();
            if (pos_ < text_.size() && !is_space(text_[pos_]))
                fail(pos_, "unexpected " + describe(pos_) + " in series values");
        }
        return std::move(out_);
    }

private:
    [[noreturn]] void fail(std::size_t at, const std::string& message) const {
        throw NotationError(static_cast<int>(at), message);
    }

    std::string describe(std::size_t at) const {
        if (at >= text_.size()) return "end of input";
        return std::string("\"") + text_[at] + "\"";
    }

    void skip_space() {
        while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    }

    bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

    void push(std::optional<double> v, std::uint64_t times) { out_.append({v, std::nullopt, times}); }

    void item() {
        if (peek('_')) {
            ++pos_;
            push(std::nullopt, peek('x') ? (++pos_, count()) : 1);
            return;
        }
        const std::size_t start = pos_;
        if (peek('+') || peek('-')) ++pos_;
        if (pos_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) {
            const std::string word = identifier();
            if (word == "stale" && start == pos_ - word.size()) {
                push(tsdb::stale_nan(), 1);
                return;
            }
            if (lower(word) != "inf" && lower(word) != "nan")
                fail(start, "unexpected identifier \"" + std::string(text_.substr(start, pos_ - start)) +
                                "\" in series values, expected number or \"stale\"");
            sequence(to_number(start));
            return;
        }
        scan_decimal(start);
        sequence(to_number(start));
    }

    // After the first value: nothing, `xN`, `+bxN` or `-bxN`.
    void sequence(double first) {
        if (peek('x')) {
            ++pos_;
            push(first, plus_one(count()));
            return;
        }
        if (!peek('+') && !peek('-')) {
            push(first, 1);
            return;
        }
        const bool up = text_[pos_] == '+';
        ++pos_;
        const std::size_t step_start = pos_;
        if (pos_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) {
            const std::string word = identifier();
            if (lower(word) != "inf" && lower(word) != "nan")
                fail(step_start, "unexpected identifier \"" + word + "\" in series values");
        } else {
            if (pos_ >= text_.size() || (!is_digit(text_[pos_]) && text_[pos_] != '.'))
                fail(pos_, "unexpected " + describe(pos_) + " in series values");
            scan_decimal(step_start);
        }
        const double step = to_number(step_start);
        if (!peek('x')) fail(pos_, "unexpected " + describe(pos_) + " in series values, expected \"x\"");
        ++pos_;
        const std::uint64_t n = count();
        // a - b is a + (-b) exactly in IEEE arithmetic, so one signed step serves both directions.
        out_.append({first, up ? step : -step, plus_one(n)});
    }

    std::string identifier() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_word(text_[pos_])) ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    // Digits with an optional fraction and exponent; the sign (if any) was consumed by the caller.
    void scan_decimal(std::size_t start) {
        const std::size_t digits_start = pos_;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
        if (peek('.')) {
            ++pos_;
            while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
        }
        if (pos_ == digits_start) fail(start, "unexpected " + describe(start) + " in series values");
        if (peek('e') || peek('E')) {
            std::size_t e = pos_ + 1;
            if (e < text_.size() && (text_[e] == '+' || text_[e] == '-')) ++e;
            if (e < text_.size() && is_digit(text_[e])) {
                pos_ = e;
                while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
            }
        }
        // `1_`, `1e`, `0b1`: a number run into a word (`x` starts a repetition instead).
        if (pos_ < text_.size() && text_[pos_] != 'x' && (is_word(text_[pos_]) || text_[pos_] == '.'))
            fail(start, "bad number syntax: \"" + std::string(text_.substr(start, pos_ - start)) + "\"");
    }

    double to_number(std::size_t start) const {
        std::string_view s = text_.substr(start, pos_ - start);
        const bool negative = !s.empty() && s.front() == '-';
        if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
        double v = 0;
        if (lower(s) == "inf") {
            v = std::numeric_limits<double>::infinity();
        } else if (lower(s) == "nan") {
            v = std::numeric_limits<double>::quiet_NaN();
        } else {
            const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            // Out of range parses to ±Inf in Go; from_chars reports it instead.
            if (ec == std::errc::result_out_of_range) v = std::numeric_limits<double>::infinity();
            else if (ec != std::errc() || p != s.data() + s.size())
                fail(start, "bad number syntax: \"" + std::string(s) + "\"");
        }
        return negative ? -v : v;
    }

    std::uint64_t count() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && (is_word(text_[pos_]) || text_[pos_] == '.')) ++pos_;
        if (pos_ == start) fail(start, "unexpected " + describe(start) + " in series values");
        const std::string_view token = text_.substr(start, pos_ - start);
        std::uint64_t n = 0;
        const auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), n);
        if (ec != std::errc() || p != token.data() + token.size())
            fail(start, "invalid repetition in series values: \"" + std::string(token) + "\"");
        return n;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    SeriesRuns out_;
};

}  // namespace

std::uint64_t SeriesRuns::size() const {
    std::uint64_t total = 0;
    for (const auto& r : runs_) total = r.count > std::numeric_limits<std::uint64_t>::max() - total
                                            ? std::numeric_limits<std::uint64_t>::max()
                                            : total + r.count;
    return total;
}

SeriesValues SeriesRuns::materialize() const {
    SeriesValues out(size());
    Samples samples(*this);
    while (const auto slot = samples.next()) out[slot->index] = slot->value;
    return out;
}

std::optional<SeriesRuns::Samples::Slot> SeriesRuns::Samples::next() {
    while (run_ < runs_->size()) {
        const SeriesRun& r = (*runs_)[run_];
        if (!r.first || within_ >= r.count) {
            base_ += r.count;
            ++run_;
            within_ = 0;
            continue;
        }
        value_ = within_ == 0 || !r.step ? *r.first : value_ + *r.step;
        return Slot{base_ + within_++, value_};
    }
    return std::nullopt;
}

SeriesRuns parse_series_runs(std::string_view text) { return Expander(text).run(); }

SeriesValues expand_series_values(std::string_view text) { return parse_series_runs(text).materialize(); }

}  // namespace sim::alerting
