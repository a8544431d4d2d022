// Protected traffic per phase, from the Gateway's request counters: what reached the upstream
// (dispatched) and what was denied before dispatch (fail closed), counted from the raw samples
// with counter resets (a restarted pod) handled as Prometheus' increase() does, unextrapolated.
#include <map>

#include "sim/tsdb/sample.hpp"
#include "report/report_model.hpp"

namespace caracal::report {

namespace {

constexpr const char* kRequestsCounter = "caracal_gateway_requests_total";
constexpr const char* kDispatched = "dispatched";  // the only outcome that reaches the upstream

// The counter's growth over (from, to]: from its last sample at or before `from` (0 for a series
// born later) to its last sample at or before `to`.
double growth(const std::vector<sim::tsdb::Sample>& samples, sim::Time from, sim::Time to) {
    double total = 0, previous = 0;
    for (const auto& s : samples) {
        if (s.t > to) break;
        if (sim::tsdb::is_stale_nan(s.v)) continue;
        if (s.t > from) total += s.v >= previous ? s.v - previous : s.v;
        previous = s.v;
    }
    return total;
}

}  // namespace

std::vector<TrafficRow> drill_traffic(const RunResult& run) {
    std::map<std::string, TrafficRow> by_outcome;
    const auto ids = run.storage->select({sim::tsdb::Matcher("__name__", sim::tsdb::MatchOp::Equal, kRequestsCounter)});
    for (const auto id : ids) {
        const auto& series = run.storage->series(id);
        const std::string outcome(series.labels.get("outcome"));
        TrafficRow& row = by_outcome.try_emplace(outcome, TrafficRow{outcome, outcome != kDispatched, 0, 0, 0}).first->second;
        row.warmup += growth(series.samples, run.start, run.injection);
        row.fault += growth(series.samples, run.injection, run.fault_end);
        row.recovery += growth(series.samples, run.fault_end, run.end);
    }
    std::vector<TrafficRow> out;
    if (const auto it = by_outcome.find(kDispatched); it != by_outcome.end()) out.push_back(it->second);
    for (const auto& [outcome, row] : by_outcome)
        if (outcome != kDispatched) out.push_back(row);
    return out;
}

}  // namespace caracal::report
