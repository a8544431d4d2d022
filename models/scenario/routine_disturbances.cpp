#include "models/scenario/routine_disturbances.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>

#include "models/faults/fault.hpp"

namespace caracal {

namespace {

constexpr double kMillisPerWeek = 7.0 * 24 * 3600 * 1000;

// A fault step's parameters, as a scenario file would write them.
using StepParams = std::vector<std::pair<std::string, std::string>>;

// Builds the disturbance through the primitive's own parser, so it is exactly that primitive.
std::shared_ptr<const Fault> primitive_fault(const std::string& primitive, const StepParams& values) {
    YAML::Node node;
    node["primitive"] = primitive;
    for (const auto& [key, value] : values) node[key] = value;
    FaultParams params(primitive, node, "routine disturbance");
    return parse_fault(primitive, params);
}

// Uniform on [shortest, longest], to the millisecond; longest below shortest is read as shortest.
Duration draw_duration(const Profile::Disturbance& d, sim::des::RngStream& rng) {
    const std::int64_t lo = std::max<std::int64_t>(d.shortest.ms(), 1);
    const std::int64_t hi = std::max(lo, d.longest.ms());
    return Duration::millis(lo + static_cast<std::int64_t>(rng.next_unit() * static_cast<double>(hi - lo + 1)));
}

template <typename T>
const T& pick(const std::vector<T>& items, sim::des::RngStream& rng) {
    return items[static_cast<std::size_t>(rng.next_unit() * static_cast<double>(items.size()))];
}

// Arrival offsets of a Poisson process at `per_week` over [0, span).
std::vector<Duration> arrivals(double per_week, Duration span, sim::des::RngStream& rng) {
    std::vector<Duration> out;
    if (per_week <= 0) return out;
    const double mean_gap_ms = kMillisPerWeek / per_week;
    double t = 0;
    while (true) {
        t += -std::log(1 - rng.next_unit()) * mean_gap_ms;
        if (t >= static_cast<double>(span.ms())) return out;
        out.push_back(Duration::millis(static_cast<std::int64_t>(t)));
    }
}

// Each service's calls to what its /ready checks: the paths a network blip can cut.
std::vector<std::pair<std::string, std::string>> dependency_paths(const Profile& p) {
    const std::vector<std::pair<Service, const std::vector<std::string>*>> checks = {
        {Service::Api, &p.readiness.api}, {Service::Sts, &p.readiness.sts}, {Service::Gateway, &p.readiness.gateway},
        {Service::Audit, &p.readiness.audit}, {Service::Coordinator, &p.readiness.coordinator}};
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [service, deps] : checks)
        for (const auto& dep : *deps) out.emplace_back(std::string(name(service)), dep);
    return out;
}

std::int64_t replicas_of(const Profile& p, Service s) {
    switch (s) {
        case Service::Api: return p.replicas.api;
        case Service::Sts: return p.replicas.sts;
        case Service::Gateway: return p.replicas.gateway;
        case Service::Audit: return p.replicas.audit;
        case Service::Coordinator: return p.replicas.coordinator;
    }
    return 0;
}

std::string text_of(double v) { return YAML::Node(v).Scalar(); }

// One drawn disturbance of a kind: its fault and how long the step lasts.
using Draw = std::function<std::pair<std::shared_ptr<const Fault>, Duration>(sim::des::RngStream&)>;

struct Drawn {
    FaultStep step;
    bool moves_pods;  // stops and starts pods (a deploy, an eviction, a drain)
};

void add_kind(std::vector<Drawn>& out, const Profile::Disturbance& d, Duration span, sim::des::RngStream& rng,
              bool moves_pods, const Draw& draw) {
    for (Duration at : arrivals(d.per_week, span, rng)) {
        auto [fault, duration] = draw(rng);
        out.push_back({FaultStep{std::move(fault), at, duration, {}}, moves_pods});
    }
}

// One pod operation at a time: a scale fault restores the count it found, so one that began
// inside another would restore that one's reduced count and leave a pod stopped for good.
// A pod operation that starts while another runs is dropped, as an operator waits for the first.
std::vector<FaultStep> in_order_one_pod_operation_at_a_time(std::vector<Drawn> drawn) {
    std::stable_sort(drawn.begin(), drawn.end(), [](const Drawn& a, const Drawn& b) { return a.step.at < b.step.at; });
    std::vector<FaultStep> out;
    Duration pods_busy_until;
    for (auto& d : drawn) {
        if (d.moves_pods) {
            if (d.step.at < pods_busy_until) continue;
            pods_busy_until = d.step.at + *d.step.duration;
        }
        out.push_back(std::move(d.step));
    }
    return out;
}

}  // namespace

std::vector<FaultStep> draw_routine_disturbances(const Profile& p, Duration span, sim::des::RngStream& rng) {
    const Profile::Disturbances& d = p.disturbances;
    std::vector<Drawn> out;
    // Every service is deployed on its own schedule.
    for (Service s : kServices)
        add_kind(out, d.rolling_deploy, span, rng, /*moves_pods=*/true, [&](sim::des::RngStream& r) {
            const Duration drain = draw_duration(d.rolling_deploy, r);
            const int replicas = static_cast<int>(replicas_of(p, s));
            return std::make_pair(primitive_fault("rolling_deploy", {{"service", std::string(name(s))},
                                                                     {"drain", sim::format_duration(drain)}}),
                                  rolling_deploy_span(p, replicas, drain));
        });
    std::vector<Service> services(kServices.begin(), kServices.end());
    add_kind(out, d.pod_eviction, span, rng, /*moves_pods=*/true, [&](sim::des::RngStream& r) {
        const Service s = pick(services, r);
        const auto replicas = std::max<std::int64_t>(replicas_of(p, s) - 1, 0);
        return std::make_pair(primitive_fault("scale", {{"service", std::string(name(s))}, {"replicas", std::to_string(replicas)}}),
                              draw_duration(d.pod_eviction, r));
    });
    add_kind(out, d.node_drain, span, rng, /*moves_pods=*/true, [&](sim::des::RngStream& r) {
        return std::make_pair(primitive_fault("drain_node", {}), draw_duration(d.node_drain, r));
    });
    add_kind(out, d.redis_failover, span, rng, /*moves_pods=*/false, [&](sim::des::RngStream& r) {
        return std::make_pair(primitive_fault("outage", {{"component", "redis"}}), draw_duration(d.redis_failover, r));
    });
    add_kind(out, d.postgres_failover, span, rng, /*moves_pods=*/false, [&](sim::des::RngStream& r) {
        return std::make_pair(primitive_fault("flap", {{"component", "postgres"}}), draw_duration(d.postgres_failover, r));
    });
    const auto paths = dependency_paths(p);
    add_kind(out, d.network_blip, span, rng, /*moves_pods=*/false, [&](sim::des::RngStream& r) {
        const auto& [from, to] = pick(paths, r);
        return std::make_pair(primitive_fault("block", {{"from", from}, {"to", to}}), draw_duration(d.network_blip, r));
    });
    add_kind(out, d.slow_queries, span, rng, /*moves_pods=*/false, [&](sim::des::RngStream& r) {
        return std::make_pair(primitive_fault("latency", {{"component", "postgres"}, {"add", sim::format_duration(d.slow_query_added)}}),
                              draw_duration(d.slow_queries, r));
    });
    // A stalled process shows where its work backs up: the audit ingestor's consumer group.
    add_kind(out, d.process_pause, span, rng, /*moves_pods=*/false, [&](sim::des::RngStream& r) {
        return std::make_pair(primitive_fault("pause", {{"consumer_group", "audit-ingestor"}}), draw_duration(d.process_pause, r));
    });
    add_kind(out, d.traffic_surge, span, rng, /*moves_pods=*/false, [&](sim::des::RngStream& r) {
        return std::make_pair(primitive_fault("load", {{"multiplier", text_of(d.surge_multiplier)}}), draw_duration(d.traffic_surge, r));
    });
    return in_order_one_pod_operation_at_a_time(std::move(out));
}

}  // namespace caracal
