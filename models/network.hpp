// Who can reach what. Faults change it; every call a component makes asks it first. Distinguishes a
// refused connection (endpoint down, scaled to zero: the call fails at once) from a black hole
// (egress blocked: packets dropped, the call hangs until the caller's timeout), because the two
// give different alert timing: hung calls hold pool slots and count as timeouts.
#pragma once

#include <map>
#include <utility>

#include "models/service.hpp"

namespace caracal {

enum class Link { Up, Refused, Blackhole };

// A dependency a service may call: a datastore or another service.
enum class Endpoint { Postgres, Redis, Api, Sts, Gateway, Audit, Coordinator, Provider };

Endpoint endpoint_of(Service s);

class Network {
public:
    // The state of `to` itself (outage, failover), seen from everywhere.
    void set_endpoint(Endpoint to, Link state) { endpoint_[to] = state; }
    // A block on the path from one service to an endpoint (NetworkPolicy, firewall).
    void set_path(Service from, Endpoint to, Link state) { path_[{from, to}] = state; }

    // A blocked path wins over the endpoint's own state: the packets never arrive.
    Link link(Service from, Endpoint to) const;
    bool reachable(Service from, Endpoint to) const { return link(from, to) == Link::Up; }

private:
    std::map<Endpoint, Link> endpoint_;
    std::map<std::pair<Service, Endpoint>, Link> path_;
};

}  // namespace caracal
