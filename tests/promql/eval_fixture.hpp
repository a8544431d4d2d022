// Test helpers for the evaluator: a storage filled in promtool's style (one sample per step from
// time 0, `_` for none) and evaluation of expression text at a time.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/promql/engine.hpp"
#include "sim/promql/parser.hpp"

namespace eval_test {

using namespace sim;
using namespace sim::promql;

constexpr double kNone = -1.23456789e300;  // marks a step without a sample
inline const double kStale = tsdb::stale_nan();
inline const double kNaN = std::nan("");

// A counter growing by 10 per minute from 0 at 0s to 100 at 10m.
inline const std::vector<double> kSteady = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

inline Time at(double seconds) { return Time::epoch() + Duration::millis(static_cast<std::int64_t>(seconds * 1000)); }

struct Db {
    tsdb::Storage storage;
    EngineOptions options;

    // Sample i of `values` lands at i * step.
    Db& series(std::string_view metric, const std::vector<double>& values, Duration step = Duration::minutes(1)) {
        const auto labels = parse_metric(metric);
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i] != kNone) storage.append(labels, Time::epoch() + step * static_cast<std::int64_t>(i), values[i]);
        return *this;
    }

    Value eval(std::string_view expr, Time t) const { return evaluate(*parse(expr), storage, t, options); }

    Vector vec(std::string_view expr, Time t) const { return std::get<Vector>(eval(expr, t)); }

    double scalar(std::string_view expr, Time t) const { return std::get<Scalar>(eval(expr, t)).v; }

    // The value of the one element with exactly these labels; nullopt when there is none.
    std::optional<double> value(std::string_view expr, Time t, std::string_view metric) const {
        const auto labels = parse_metric(metric);
        std::optional<double> found;
        for (const auto& s : vec(expr, t))
            if (s.metric == labels) found = s.v;
        return found;
    }

    // The value of a single-element result.
    double only(std::string_view expr, Time t) const {
        const auto v = vec(expr, t);
        if (v.size() != 1) throw std::runtime_error("expected one element, got " + std::to_string(v.size()));
        return v[0].v;
    }

    std::string error(std::string_view expr, Time t) const {
        try {
            eval(expr, t);
        } catch (const EvalError& e) {
            return e.what();
        }
        return "<no error>";
    }
};

}  // namespace eval_test
