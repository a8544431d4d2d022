// Pod readiness histories for the drill check: the probe transitions the run recorded, and the
// stops kube-state-metrics shows (a stopped pod leaves no probe transition, only stale series).
#include <algorithm>
#include <map>

#include "models/drill/drill_check_parts.hpp"
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

// Pods are named `caracal-<service>-<index>` (models/kube/pod.hpp).
std::optional<Service> service_of(const std::string& pod) {
    for (Service s : kServices)
        if (pod.rfind("caracal-" + std::string(name(s)) + "-", 0) == 0) return s;
    return std::nullopt;
}

// The newest sample at or before t.
const sim::tsdb::Sample* sample_at(const std::vector<sim::tsdb::Sample>& samples, sim::Time t) {
    const auto it = std::upper_bound(samples.begin(), samples.end(), t,
                                     [](sim::Time x, const sim::tsdb::Sample& s) { return x < s.t; });
    return it == samples.begin() ? nullptr : &*std::prev(it);
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

std::optional<sim::Time> PodHistory::last_stop(sim::Time t) const {
    if (!kube) return std::nullopt;
    std::optional<sim::Time> out;
    for (const auto& s : *kube) {
        if (s.t > t) break;
        if (sim::tsdb::is_stale_nan(s.v)) out = s.t;
    }
    return out;
}

bool PodHistory::running_at(sim::Time t) const {
    if (t < started) return false;
    if (!kube) return true;
    const auto* s = sample_at(*kube, t);
    return !s || !sim::tsdb::is_stale_nan(s->v);
}

bool PodHistory::ready_at(sim::Time t) const {
    if (!running_at(t)) return false;
    const auto lifetime = last_stop(t);
    const ReadinessChange* latest = nullptr;
    for (const auto& c : changes)
        if (c.at <= t && (!lifetime || c.at > *lifetime)) latest = &c;
    if (latest) return latest->ready;
    if (lifetime) return false;  // restarted, not ready yet
    // Before the first change of its first lifetime: the opposite of that change, or, when the
    // lifetime saw none, what kube-state-metrics said.
    std::optional<sim::Time> first_stop;
    if (kube) {
        const auto stale = std::find_if(kube->begin(), kube->end(),
                                        [](const sim::tsdb::Sample& x) { return sim::tsdb::is_stale_nan(x.v); });
        if (stale != kube->end()) first_stop = stale->t;
    }
    if (!changes.empty() && (!first_stop || changes.front().at < *first_stop)) return !changes.front().ready;
    const auto* s = kube ? sample_at(*kube, t) : nullptr;
    return !s || s->v == 1;
}

std::optional<sim::Time> PodHistory::lost_during(sim::Time from, sim::Time to) const {
    if (!ready_at(from)) return from;
    std::optional<sim::Time> first;
    for (const auto& c : changes)
        if (!c.ready && c.at > from && c.at <= to) {
            first = c.at;
            break;
        }
    if (kube)
        for (const auto& s : *kube)
            if (sim::tsdb::is_stale_nan(s.v) && s.t > from && s.t <= to && (!first || s.t < *first)) first = s.t;
    return first;
}

std::optional<sim::Time> PodHistory::last_change(sim::Time t) const {
    std::optional<sim::Time> out = last_stop(t);
    for (const auto& c : changes)
        if (c.at <= t && (!out || c.at > *out)) out = c.at;
    return out;
}

std::vector<PodHistory> pod_histories(const RunResult& run) {
    std::map<std::string, PodHistory> by_pod;
    const sim::tsdb::Storage& storage = *run.storage;
    for (sim::tsdb::SeriesId id : storage.select(pod_ready_matchers())) {
        const auto& series = storage.series(id);
        const std::string pod(series.labels.get("pod"));
        const auto service = service_of(pod);
        if (!service || series.samples.empty()) continue;
        PodHistory& h = by_pod[pod];
        h.pod = pod;
        h.service = *service;
        h.kube = &series.samples;
        h.started = series.samples.front().t <= run.injection ? run.start : series.samples.front().t;
    }
    for (const auto& c : run.readiness) {
        PodHistory& h = by_pod[c.pod];
        if (h.pod.empty()) {
            h.pod = c.pod;
            h.service = c.service;
            h.started = run.start;
        }
        h.changes.push_back(c);
    }
    std::vector<PodHistory> out;
    for (auto& [_, h] : by_pod) out.push_back(std::move(h));
    return out;
}

}  // namespace caracal::drill
