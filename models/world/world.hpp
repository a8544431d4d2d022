// Caracal as one simulated deployment: the five services on the shared datastores, each pod
// scraped by Prometheus, each pod's readiness probed by the kubelet and exported through
// kube-state-metrics. Faults act on it through the methods below and through the services.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/services/api_service.hpp"
#include "models/services/audit_service.hpp"
#include "models/services/coordinator_service.hpp"
#include "models/services/gateway_service.hpp"
#include "models/kube/kube_state_metrics.hpp"
#include "models/services/sts_service.hpp"
#include "models/platform/topology.hpp"
#include "models/services/world_context.hpp"
#include "sim/scrape/scraper.hpp"
#include "sim/tsdb/storage.hpp"

namespace caracal {

// A target Prometheus scrapes now: a pod's ServiceMonitor target, or kube-state-metrics.
struct ScrapeTargetView {
    std::string name;          // the pod's name, or kKubeStateMetricsTarget
    sim::tsdb::Labels labels;  // job, instance and the ServiceMonitor's labels
};

inline constexpr const char* kKubeStateMetricsTarget = "kube-state-metrics";

// The scrapes a real server made of each target, by target name (a ScrapeTargetView's): a world
// given them scrapes exactly those (a target absent from them, never) instead of every interval.
using ScrapeInstants = std::map<std::string, std::vector<sim::scrape::ReplayedScrape>>;

struct ReadinessChange {
    sim::Time at;
    std::string pod;
    Service service;
    bool ready = false;
};

class World {
public:
    World(sim::des::Simulation& sim, sim::tsdb::Storage& storage, const Profile& profile,
          std::optional<ScrapeInstants> replay = std::nullopt);
    ~World();
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    WorldContext& ctx() { return ctx_; }
    const WorldContext& ctx() const { return ctx_; }
    ApiService& api() { return api_; }
    StsService& sts() { return sts_; }
    GatewayService& gateway() { return gateway_; }
    AuditService& audit() { return audit_; }
    CoordinatorService& coordinator() { return coordinator_; }
    ServiceModel& service(Service s);
    const ServiceModel& service(Service s) const;

    // Scales a service's pods: stopped pods stop serving and disappear from scraping and from
    // kube-state-metrics; started pods come back with fresh probes and targets.
    void scale(Service s, int replicas);
    // Stops the service's pod `index` as its replacement in a rollout does; scale() to the
    // replica count starts it again, fresh.
    void stop_pod(Service s, int index);

    // The targets being scraped now, kube-state-metrics first, then the pods in name order.
    std::vector<ScrapeTargetView> scrape_targets() const;
    // What the named target answers to a scrape at `now` (the answer the simulated scrape of that
    // instant reads); nullopt when no such target is scraped now.
    std::optional<sim::scrape::ScrapeResult> answer_scrape(const std::string& target, sim::Time now);

    // Every pod's readiness transitions, in time order (initial readiness included).
    std::vector<ReadinessChange> readiness_changes() const;
    // The static dependency graph (hard edges: /ready checks; soft: degraded without).
    static Topology topology();

private:
    void start_pod(Pod& pod, bool initially_ready);
    // The pod's ServiceMonitor target (service_monitor.hpp): scraped from now on / no longer.
    void add_target(Pod& pod);
    void remove_target(Pod& pod);
    sim::scrape::ScrapeResult kube_state_metrics(sim::Time now);
    // A pod's answer to the ServiceMonitor's scrape: refused when stopped, 401 when its service
    // wants a bearer the ServiceMonitor does not send, else its /metrics handler's.
    sim::scrape::ScrapeResult answer_pod(const Pod& pod, sim::Time now) const;

    struct ScrapedTarget {
        sim::scrape::TargetId id;
        sim::tsdb::Labels labels;
        Pod* pod;  // null for kube-state-metrics
    };
    static sim::tsdb::Labels target_labels(const sim::scrape::TargetConfig& config);
    // The profile's timing for a target, or its replayed instants.
    void time_target(sim::scrape::TargetConfig& config, const std::string& name) const;

    WorldContext ctx_;
    ApiService api_;
    StsService sts_;
    GatewayService gateway_;
    AuditService audit_;
    CoordinatorService coordinator_;
    KubeStateMetrics kube_state_metrics_;
    sim::scrape::Scraper scraper_;
    std::map<std::string, ScrapedTarget> targets_;
    std::optional<ScrapeInstants> replay_;
    std::map<std::string, std::vector<ReadinessProbe::Transition>> past_transitions_;  // of replaced probes
};

}  // namespace caracal
