// One STS pod's compiled policy bundle, as Caracal 46a980b6c's OPA engine caches it (one zone
// modelled) (services/sts/internal/opa.go@46a980b6c):
// - a load reads the active manifest from Postgres; the same version as the cached one returns
//   early and leaves loadedAt alone (opa.go:355-360);
// - a changed version is compiled: success swaps the bundle and sets loadedAt (opa.go:397-399),
//   failure keeps the old bundle and counts a compile error (opa.go:388-395), so every later load
//   retries it;
// - caracal_sts_opa_max_policy_age_seconds is now - loadedAt at scrape time (opa.go:242-263): the
//   time since the last compile of a *changed* bundle, which grows in steady state.
#pragma once

#include <cstdint>

#include "sim/base/time.hpp"

namespace caracal {

class OpaBundle {
public:
    enum class Load { Unchanged, Compiled, CompileError };

    // The startup seed (SeedZones, opa.go:276-290): compiles `version` at `now`.
    void seed(std::int64_t version, sim::Time now) {
        version_ = version;
        loaded_at_ = now;
    }
    // A load that found `active` as the active version, which compiles or not.
    Load load(std::int64_t active, bool compiles, sim::Time now) {
        if (active == version_) return Load::Unchanged;
        if (!compiles) return Load::CompileError;
        seed(active, now);
        return Load::Compiled;
    }

    std::int64_t version() const { return version_; }
    double max_policy_age_seconds(sim::Time now) const { return (now - loaded_at_).secs(); }

private:
    std::int64_t version_ = 0;
    sim::Time loaded_at_;
};

}  // namespace caracal
