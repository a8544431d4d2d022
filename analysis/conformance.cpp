#include "analysis/conformance.hpp"

#include <algorithm>
#include <map>

namespace caracal::analysis {

namespace {

using sim::alerting::AlertEpisode;

std::optional<sim::Duration> since(const std::optional<sim::Time>& t, sim::Time injection) {
    if (!t) return std::nullopt;
    return *t - injection;
}

InstantComparison compare(std::optional<sim::Duration> predicted, std::optional<sim::Duration> observed,
                          sim::Duration tolerance) {
    InstantComparison c{predicted, observed, true};
    if (predicted.has_value() != observed.has_value())
        c.conforms = false;
    else if (predicted) {
        const sim::Duration d = *observed - *predicted;
        c.conforms = std::max(d, -d) <= tolerance;
    }
    return c;
}

std::string identity_key(const AlertEpisode& e) { return e.labels.to_string(); }

std::string labels_without_name(const AlertEpisode& e) {
    sim::tsdb::Labels labels = e.labels;
    labels.erase("alertname");
    return labels.to_string();
}

}  // namespace

std::optional<sim::Duration> InstantComparison::difference() const {
    if (!predicted || !observed) return std::nullopt;
    return *observed - *predicted;
}

const char* verdict_name(ConformanceVerdict v) {
    switch (v) {
        case ConformanceVerdict::Conforms: return "conforms";
        case ConformanceVerdict::Differs: return "differs";
        case ConformanceVerdict::NotObserved: return "predicted, not observed";
        case ConformanceVerdict::NotPredicted: return "observed, not predicted";
    }
    return "differs";
}

bool ConformanceReport::conforms() const {
    return std::all_of(instances.begin(), instances.end(),
                       [](const InstanceConformance& i) { return i.verdict == ConformanceVerdict::Conforms; });
}

ConformanceReport compare_alerts(const std::string& scenario, const std::vector<AlertEpisode>& predicted,
                                 sim::Time predicted_injection, const std::vector<AlertEpisode>& observed,
                                 sim::Time observed_injection, sim::Duration horizon, sim::Duration tolerance) {
    ConformanceReport report{scenario, tolerance, {}};
    const sim::Time observed_end = observed_injection + horizon;
    std::vector<AlertEpisode> within;
    for (AlertEpisode e : observed) {
        if (e.active_at > observed_end) continue;
        if (e.firing_at && *e.firing_at > observed_end) e.firing_at.reset();
        if (e.resolved_at && *e.resolved_at > observed_end) e.resolved_at.reset();
        within.push_back(std::move(e));
    }
    std::map<std::string, std::vector<const AlertEpisode*>> seen;
    for (const auto& e : within) seen[identity_key(e)].push_back(&e);
    std::map<std::string, std::size_t> matched;  // episodes of each identity paired so far

    const auto row = [&](const AlertEpisode* p, const AlertEpisode* o, int episode) {
        const AlertEpisode& any = p ? *p : *o;
        InstanceConformance r{any.alertname, labels_without_name(any), episode, {}, {}, {}, ConformanceVerdict::Conforms};
        const auto side = [](const AlertEpisode* e, sim::Time injection, auto instant) {
            return e ? since(instant(*e), injection) : std::nullopt;
        };
        const auto active = [](const AlertEpisode& e) { return std::optional<sim::Time>(e.active_at); };
        const auto firing = [](const AlertEpisode& e) { return e.firing_at; };
        const auto resolved = [](const AlertEpisode& e) { return e.resolved_at; };
        r.pending = compare(side(p, predicted_injection, active), side(o, observed_injection, active), tolerance);
        r.firing = compare(side(p, predicted_injection, firing), side(o, observed_injection, firing), tolerance);
        r.resolved = compare(side(p, predicted_injection, resolved), side(o, observed_injection, resolved), tolerance);
        if (!o)
            r.verdict = ConformanceVerdict::NotObserved;
        else if (!p)
            r.verdict = ConformanceVerdict::NotPredicted;
        else if (!(r.pending.conforms && r.firing.conforms && r.resolved.conforms))
            r.verdict = ConformanceVerdict::Differs;
        report.instances.push_back(std::move(r));
    };

    for (const auto& p : predicted) {
        const std::string key = identity_key(p);
        std::size_t& n = matched[key];
        const auto& candidates = seen[key];
        row(&p, n < candidates.size() ? candidates[n] : nullptr, static_cast<int>(n) + 1);
        ++n;
    }
    for (const auto& [key, episodes] : seen)
        for (std::size_t n = matched[key]; n < episodes.size(); ++n) row(nullptr, episodes[n], static_cast<int>(n) + 1);
    return report;
}

sim::Duration default_tolerance(const Profile& profile) {
    return profile.prometheus.scrape_interval + profile.prometheus.evaluation_interval;
}

ConformanceReport conform_observed(const std::string& scenario, const RunResult& run, const ObservedAlerts& observed,
                                   sim::Time injected, sim::Duration evaluation_interval, sim::Duration tolerance) {
    const sim::Duration horizon = run.end - run.injection;
    const auto phase = observed_evaluation_phase(observed, evaluation_interval);
    return compare_alerts(scenario, predicted_episodes(run), run.injection,
                          observed_episodes(observed, evaluation_interval, phase, injected + horizon), injected, horizon,
                          tolerance);
}

std::vector<AlertEpisode> predicted_episodes(const RunResult& run) {
    std::vector<AlertEpisode> out;
    for (const auto& a : run.alerts)
        for (auto& e : sim::alerting::alert_episodes(a.transitions)) out.push_back(std::move(e));
    return out;
}

}  // namespace caracal::analysis
