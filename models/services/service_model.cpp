#include "models/services/service_model.hpp"

namespace caracal {

ProbeOutcome ServiceModel::check_link(Link link) {
    switch (link) {
        case Link::Up: return ProbeOutcome::success();
        case Link::Refused: return ProbeOutcome::failure();
        case Link::Blackhole: return ProbeOutcome::hang();
    }
    return ProbeOutcome::failure();
}

namespace {
const std::vector<std::string>& ready_dependencies(const Profile& p, Service s) {
    switch (s) {
        case Service::Api: return p.readiness.api;
        case Service::Sts: return p.readiness.sts;
        case Service::Gateway: return p.readiness.gateway;
        case Service::Audit: return p.readiness.audit;
        case Service::Coordinator: return p.readiness.coordinator;
    }
    return p.readiness.api;
}

Endpoint endpoint_named(const std::string& dep) {
    if (dep == "postgres") return Endpoint::Postgres;
    if (dep == "redis") return Endpoint::Redis;
    return Endpoint::Sts;  // the profile loader admits only these three
}
}  // namespace

ProbeOutcome ServiceModel::check_dependencies() const {
    for (const std::string& dep : ready_dependencies(ctx_.profile, deployment_.service())) {
        const Endpoint e = endpoint_named(dep);
        const ProbeOutcome o = check_link(ctx_.network.link(deployment_.service(), e));
        if (!o.ok) return o;
        if (auto ready = ctx_.has_ready_endpoints.find(e); ready != ctx_.has_ready_endpoints.end() && !ready->second())
            return ProbeOutcome::failure();  // connection refused: no ready pod behind the Service
    }
    return ProbeOutcome::success();
}

}  // namespace caracal
