#include "report/report_signals.hpp"

#include <map>
#include <variant>

#include "sim/promql/engine.hpp"
#include "report/check_report.hpp"

namespace caracal::report {

SignalPlot sample_signal(const std::string& alert, const sim::alerting::WatchedCondition& condition, const RunResult& run,
                         sim::Duration lookback, sim::Duration step) {
    SignalPlot plot{alert, condition, {}, std::nullopt, std::nullopt};
    sim::promql::EngineOptions options;
    options.lookback = lookback;
    std::map<std::string, std::size_t> by_labels;  // label set → index in plot.series
    for (sim::Time t = run.start; t <= run.end; t += step) {
        const sim::promql::Value value = sim::promql::evaluate(*condition.signal, *run.storage, t, options);
        const auto* vector = std::get_if<sim::promql::Vector>(&value);
        const auto* scalar = std::get_if<sim::promql::Scalar>(&value);
        std::vector<std::pair<std::string, double>> samples;
        if (vector)
            for (const auto& s : *vector) samples.emplace_back(s.metric.to_string(), s.v);
        else if (scalar)
            samples.emplace_back("", scalar->v);
        const Duration at = t - run.injection;
        for (const auto& [labels, v] : samples) {
            const auto [it, added] = by_labels.try_emplace(labels, plot.series.size());
            if (added) plot.series.push_back({labels, {}});
            plot.series[it->second].points.push_back({at, v});
            const bool further = !plot.peak || (condition.alerts_upward() ? v > plot.peak->value : v < plot.peak->value);
            if (further) plot.peak = SignalPoint{at, v};
            if (!plot.first_held && at >= Duration() && condition.holds(v)) plot.first_held = at;
        }
    }
    return plot;
}

std::string describe_peak(const SignalPlot& plot) {
    if (!plot.peak) return "its signal had no value";
    return "its signal " + plot.condition.signal_text + " peaked at " + format_number(plot.peak->value) + " (" +
           format_offset(plot.peak->at) + ") against " + comparison_text(plot.condition);
}

}  // namespace caracal::report
