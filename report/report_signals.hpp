// The signals the alerts watch, sampled from a finished run for the report's small plots: each
// alert's watched condition (sim/alerting/rule_facts.hpp) evaluated through the PromQL engine over the
// whole run, one series per result label set, with its threshold and its peak.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/twin/twin.hpp"
#include "report/report_rules.hpp"

namespace caracal::report {

struct SignalPoint {
    sim::Duration at;  // from injection
    double value = 0;
};

struct SignalSeries {
    std::string labels;  // `{job="audit"}`
    std::vector<SignalPoint> points;  // instants where the signal had a value
};

struct SignalPlot {
    std::string alert;
    sim::alerting::WatchedCondition condition;
    std::vector<SignalSeries> series;
    // The value furthest toward the alerting side, and when (unset: the signal never had a value).
    std::optional<SignalPoint> peak;
    // The first instant after injection at which the condition held (unset: it never did).
    std::optional<sim::Duration> first_held;
};

// Samples `alert`'s signal every `step` from the run's start to its end.
SignalPlot sample_signal(const std::string& alert, const sim::alerting::WatchedCondition& condition, const RunResult& run,
                         sim::Duration lookback, sim::Duration step);

// "peaked at 1830 (+04:30) against > 1000", or "no value" when the signal was never present.
std::string describe_peak(const SignalPlot& plot);

}  // namespace caracal::report
