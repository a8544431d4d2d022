#include "models/network.hpp"

namespace caracal {

Endpoint endpoint_of(Service s) {
    switch (s) {
        case Service::Api: return Endpoint::Api;
        case Service::Sts: return Endpoint::Sts;
        case Service::Gateway: return Endpoint::Gateway;
        case Service::Audit: return Endpoint::Audit;
        case Service::Coordinator: return Endpoint::Coordinator;
    }
    return Endpoint::Api;
}

Link Network::link(Service from, Endpoint to) const {
    if (auto p = path_.find({from, to}); p != path_.end() && p->second != Link::Up) return p->second;
    if (auto e = endpoint_.find(to); e != endpoint_.end()) return e->second;
    return Link::Up;
}

}  // namespace caracal
