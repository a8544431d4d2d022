// A Gateway pod's cached JWKS of the zone (one zone modelled), as Caracal 46a980b6c keeps it
// (services/gateway/internal/jwks.go:28-32,131-175@46a980b6c): keys are served for `ttl` after a
// successful fetch; after that every request re-fetches from STS /.well-known/jwks.json (which
// needs STS's Postgres, services/sts/internal/server.go:191-201@46a980b6c). A failed fetch caches
// nothing, and the request is denied as a signature failure before the STS circuit is consulted.
#pragma once

#include <optional>

#include "sim/base/time.hpp"

namespace caracal {

class JwksCache {
public:
    explicit JwksCache(sim::Duration ttl) : ttl_(ttl) {}

    bool fresh(sim::Time now) const { return fetched_at_ && now - *fetched_at_ < ttl_; }
    void fetched(sim::Time now) { fetched_at_ = now; }

private:
    sim::Duration ttl_;
    std::optional<sim::Time> fetched_at_;
};

}  // namespace caracal
