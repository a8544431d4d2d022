#include "models/world/world.hpp"

#include <algorithm>

#include "models/kube/service_monitor.hpp"
#include "models/platform/first_tick.hpp"

namespace caracal {

World::World(sim::des::Simulation& sim, sim::tsdb::Storage& storage, const Profile& profile,
             std::optional<ScrapeInstants> replay)
    : ctx_(sim, profile),
      api_(ctx_),
      sts_(ctx_),
      gateway_(ctx_, sts_),
      audit_(ctx_),
      coordinator_(ctx_),
      kube_state_metrics_(profile.kubernetes.namespace_name),
      scraper_(sim, storage, sim::scrape::ScraperOptions{static_cast<std::uint64_t>(profile.prometheus.jitter_seed), {}}),
      replay_(std::move(replay)) {
    ctx_.has_ready_endpoints[Endpoint::Sts] = [this] { return !sts_.deployment().ready().empty(); };
    for (Service s : kServices)
        for (const auto& pod : service(s).deployment().pods()) {
            service(s).start(*pod);
            start_pod(*pod, /*initially_ready=*/true);
        }
    sim::scrape::TargetConfig ksm;
    ksm.job = "kube-state-metrics";
    ksm.instance = "kube-state-metrics:8080";
    time_target(ksm, kKubeStateMetricsTarget);
    const sim::scrape::TargetId ksm_id = scraper_.add_target(ksm, [this](sim::Time now) { return kube_state_metrics(now); });
    targets_[kKubeStateMetricsTarget] = {ksm_id, target_labels(ksm), nullptr};
}

World::~World() = default;

ServiceModel& World::service(Service s) {
    switch (s) {
        case Service::Api: return api_;
        case Service::Sts: return sts_;
        case Service::Gateway: return gateway_;
        case Service::Audit: return audit_;
        case Service::Coordinator: return coordinator_;
    }
    return api_;
}

const ServiceModel& World::service(Service s) const { return const_cast<World*>(this)->service(s); }

void World::start_pod(Pod& pod, bool initially_ready) {
    const Profile& p = ctx_.profile;
    ReadinessProbeConfig probe;
    probe.initial_delay = first_tick(ctx_.sim, pod.name + ".probe", p.kubernetes.probe_period) - ctx_.sim.now();
    probe.period = p.kubernetes.probe_period;
    probe.timeout = p.kubernetes.probe_timeout;
    probe.failure_threshold = static_cast<int>(p.kubernetes.probe_failure_threshold);
    probe.success_threshold = static_cast<int>(p.kubernetes.probe_success_threshold);
    // A pod present at the start of the run has long passed its first probe; a started one has not.
    probe.initially_ready = initially_ready;
    // Without scrape_not_ready_endpoints, endpoints discovery drops a NotReady pod's target.
    Pod* discovered = &pod;
    if (!p.prometheus.scrape_not_ready_endpoints)
        probe.on_change = [this, discovered](bool ready) {
            if (ready && discovered->running)
                add_target(*discovered);
            else
                remove_target(*discovered);
        };
    if (pod.probe) {
        auto& past = past_transitions_[pod.name];
        past.insert(past.end(), pod.probe->transitions().begin(), pod.probe->transitions().end());
    }
    ServiceModel& model = service(pod.service);
    const Pod* pp = &pod;
    pod.probe = std::make_unique<ReadinessProbe>(ctx_.sim, probe,
                                                 [&model, pp](sim::Time now) { return model.ready_check(*pp, now); });

    if (initially_ready || p.prometheus.scrape_not_ready_endpoints) add_target(pod);
}

void World::add_target(Pod& pod) {
    if (targets_.count(pod.name)) return;
    const Profile& p = ctx_.profile;
    sim::scrape::TargetConfig target = service_monitor_target(pod, p.kubernetes.namespace_name);
    time_target(target, pod.name);
    Pod* exporter_pod = &pod;
    const sim::scrape::TargetId id =
        scraper_.add_target(target, [this, exporter_pod](sim::Time now) { return answer_pod(*exporter_pod, now); });
    targets_[pod.name] = {id, target_labels(target), &pod};
}

void World::time_target(sim::scrape::TargetConfig& config, const std::string& name) const {
    config.interval = ctx_.profile.prometheus.scrape_interval;
    config.timeout = ctx_.profile.prometheus.scrape_timeout;
    if (!replay_) return;
    auto it = replay_->find(name);
    config.instants = it == replay_->end() ? std::vector<sim::scrape::ReplayedScrape>{} : it->second;
}

sim::tsdb::Labels World::target_labels(const sim::scrape::TargetConfig& config) {
    sim::tsdb::Labels labels = config.labels;
    labels.set("job", config.job);
    labels.set("instance", config.instance);
    return labels;
}

std::vector<ScrapeTargetView> World::scrape_targets() const {
    std::vector<ScrapeTargetView> out;
    out.push_back({kKubeStateMetricsTarget, targets_.at(kKubeStateMetricsTarget).labels});
    for (const auto& [name, target] : targets_)
        if (target.pod) out.push_back({name, target.labels});
    return out;
}

std::optional<sim::scrape::ScrapeResult> World::answer_scrape(const std::string& target, sim::Time now) {
    auto it = targets_.find(target);
    if (it == targets_.end()) return std::nullopt;
    if (!it->second.pod) return kube_state_metrics(now);
    return answer_pod(*it->second.pod, now);
}

sim::scrape::ScrapeResult World::answer_pod(const Pod& pod, sim::Time now) const {
    constexpr int kUnauthorized = 401;
    if (!pod.running) return sim::scrape::ScrapeResult::failure();
    // The bearer check comes before any work the handler does, so the 401 is immediate.
    if (ctx_.profile.scrape_unauthorized(pod.service)) return sim::scrape::ScrapeResult::failure({}, kUnauthorized);
    return pod.metrics.answer(now);
}

void World::remove_target(Pod& pod) {
    auto it = targets_.find(pod.name);
    if (it != targets_.end()) {
        scraper_.remove_target(it->second.id);
        targets_.erase(it);
    }
}


void World::scale(Service s, int replicas) {
    for (Pod* pod : service(s).deployment().scale(replicas)) {
        if (pod->running) {
            if (!pod->probe)
                service(s).start(*pod);  // a pod never seen before
            else
                service(s).process_started(*pod);
            start_pod(*pod, /*initially_ready=*/false);
        } else {
            remove_target(*pod);
        }
    }
}

void World::stop_pod(Service s, int index) {
    if (Pod* pod = service(s).deployment().stop(index)) remove_target(*pod);
}

sim::scrape::ScrapeResult World::kube_state_metrics(sim::Time now) {
    // kube-state-metrics lists the pods that exist: a stopped pod's series disappear (and go stale).
    std::vector<const Pod*> existing;
    for (Service s : kServices)
        for (const auto& pod : service(s).deployment().pods())
            if (pod->running && pod->probe) existing.push_back(pod.get());
    return kube_state_metrics_.scrape(existing, now);
}

std::vector<ReadinessChange> World::readiness_changes() const {
    std::vector<ReadinessChange> out;
    for (Service s : kServices)
        for (const auto& pod : service(s).deployment().pods()) {
            auto add = [&](const ReadinessProbe::Transition& t) { out.push_back({t.at, pod->name, s, t.ready}); };
            if (auto it = past_transitions_.find(pod->name); it != past_transitions_.end())
                for (const auto& t : it->second) add(t);
            if (pod->probe)
                for (const auto& t : pod->probe->transitions()) add(t);
        }
    std::stable_sort(out.begin(), out.end(), [](const ReadinessChange& a, const ReadinessChange& b) { return a.at < b.at; });
    return out;
}

Topology World::topology() {
    Topology t;
    for (Service s : kServices) t.add_component(std::string(name(s)), ComponentKind::Service);
    t.add_component("postgres", ComponentKind::Datastore);
    t.add_component("redis", ComponentKind::Datastore);
    t.add_component("provider", ComponentKind::Datastore);
    // Hard: the service's /ready checks it. Soft: the service degrades without it.
    t.add_dependency("api", "postgres", DependencyKind::Hard);
    t.add_dependency("api", "redis", DependencyKind::Hard);
    t.add_dependency("sts", "postgres", DependencyKind::Hard);
    t.add_dependency("sts", "redis", DependencyKind::Hard);
    t.add_dependency("sts", "provider", DependencyKind::Soft);
    t.add_dependency("gateway", "postgres", DependencyKind::Hard);
    t.add_dependency("gateway", "sts", DependencyKind::Hard);
    t.add_dependency("gateway", "redis", DependencyKind::Soft);
    t.add_dependency("audit", "postgres", DependencyKind::Hard);
    t.add_dependency("audit", "redis", DependencyKind::Hard);
    t.add_dependency("coordinator", "postgres", DependencyKind::Hard);
    t.add_dependency("coordinator", "redis", DependencyKind::Hard);
    return t;
}

}  // namespace caracal
