// Who can reach what. Faults change it; every call a component makes asks it first. Distinguishes a
// refused connection (endpoint down, scaled to zero: the call fails at once) from a black hole
// (egress blocked: packets dropped, the call hangs until the caller's timeout), because the two
// give different alert timing: hung calls hold pool slots and count as timeouts.
#pragma once

#include <array>
#include <cstddef>

#include "models/platform/service.hpp"

namespace caracal {

enum class Link { Up, Refused, Blackhole };

// A dependency a service may call: a datastore or another service.
enum class Endpoint { Postgres, Redis, Api, Sts, Gateway, Audit, Coordinator, Provider };
inline constexpr std::size_t kEndpointCount = static_cast<std::size_t>(Endpoint::Provider) + 1;

Endpoint endpoint_of(Service s);

class Network {
public:
    // The state of `to` itself (outage, failover), seen from everywhere.
    void set_endpoint(Endpoint to, Link state) { endpoint_[index(to)] = state; }
    // A block on the path from one service to an endpoint (NetworkPolicy, firewall).
    void set_path(Service from, Endpoint to, Link state) { path_[index(from)][index(to)] = state; }

    // A blocked path wins over the endpoint's own state: the packets never arrive. Inline and
    // table-driven: every call a component makes asks it.
    Link link(Service from, Endpoint to) const {
        const Link path = path_[index(from)][index(to)];
        return path != Link::Up ? path : endpoint_[index(to)];
    }
    bool reachable(Service from, Endpoint to) const { return link(from, to) == Link::Up; }

private:
    template <typename Enum>
    static std::size_t index(Enum e) {
        return static_cast<std::size_t>(e);
    }

    std::array<Link, kEndpointCount> endpoint_{};  // all Up
    std::array<std::array<Link, kEndpointCount>, kServices.size()> path_{};
};

}  // namespace caracal
