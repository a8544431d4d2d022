// Pod readiness histories for the drill check: the probe transitions the run recorded, and the
// stops kube-state-metrics shows (a stopped pod leaves no probe transition, only stale series).
#include <algorithm>
#include <map>

#include "models/drill_check_parts.hpp"
#include "sim/promql/parser.hpp"
#include "sim/tsdb/sample.hpp"

namespace caracal::drill {

namespace {

const std::vector<sim::tsdb::Matcher>& pod_ready_matchers() {
    static const auto matchers = [] {
        const auto expr = sim::promql::parse("kube_pod_status_ready{condition=\"true\"}");
        return static_cast<const sim::promql::VectorSelector&>(*expr).matchers;
    }();
    return matchers;
}

}  // namespace

RunQuery::RunQuery(const RunResult& run, Duration lookback) : run_(run) { options_.lookback = lookback; }

std::optional<double> RunQuery::value(const sim::promql::Expr& expr, sim::Time t) const {
    const auto result = sim::promql::evaluate(expr, *run_.storage, t, options_);
    if (const auto* v = std::get_if<sim::promql::Vector>(&result)) {
        if (v->empty()) return std::nullopt;
        return v->front().v;
    }
    if (const auto* s = std::get_if<sim::promql::Scalar>(&result)) return s->v;
    return std::nullopt;
}

std::vector<sim::Time> grid(sim::Time from, sim::Time to, Duration step) {
    std::vector<sim::Time> out;
    for (sim::Time t = from; t < to; t += step) out.push_back(t);
    out.push_back(to);
    return out;
}

bool PodHistory::exists_at(sim::Time t) const { return !changes.empty() && changes.front().at <= t; }

bool PodHistory::ready_at(sim::Time t) const {
    bool ready = false;
    for (const auto& c : changes) {
        if (c.at > t) break;
        ready = c.ready;
    }
    return ready;
}

std::optional<sim::Time> PodHistory::lost_during(sim::Time from, sim::Time to) const {
    if (!ready_at(from)) return from;
    std::optional<sim::Time> first;
    for (const auto& c : changes)
        if (!c.ready && c.at > from && c.at <= to) {
            first = c.at;
            break;
        }
    for (sim::Time s : stopped)
        if (s >= from && s <= to && (!first || s < *first)) first = s;
    return first;
}

std::vector<PodHistory> pod_histories(const RunResult& run) {
    std::map<std::string, PodHistory> by_pod;
    for (const auto& c : run.readiness) {
        PodHistory& h = by_pod[c.pod];
        h.pod = c.pod;
        h.service = c.service;
        h.changes.push_back(c);
    }
    const sim::tsdb::Storage& storage = *run.storage;
    for (sim::tsdb::SeriesId id : storage.select(pod_ready_matchers())) {
        const auto& series = storage.series(id);
        const auto it = by_pod.find(std::string(series.labels.get("pod")));
        if (it == by_pod.end() || series.samples.empty()) continue;
        for (const auto& s : series.samples)
            if (sim::tsdb::is_stale_nan(s.v)) it->second.stopped.push_back(s.t);
        it->second.running_at_end = !sim::tsdb::is_stale_nan(series.samples.back().v);
    }
    std::vector<PodHistory> out;
    for (auto& [_, h] : by_pod) out.push_back(std::move(h));
    return out;
}

}  // namespace caracal::drill
