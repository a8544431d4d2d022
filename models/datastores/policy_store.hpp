// Policy-set versions in Postgres (policy_set_versions): which version is active and whether its
// Rego compiles. The API writes it; STS reads it when it syncs.
#pragma once

#include <cstdint>
#include <map>

namespace caracal {

class PolicyStore {
public:
    PolicyStore() { compiles_[1] = true; }

    void activate(std::int64_t version, bool compiles) {
        compiles_[version] = compiles;
        active_ = version;
    }
    std::int64_t active() const { return active_; }
    bool compiles(std::int64_t version) const { return compiles_.at(version); }
    std::int64_t next_version() const { return compiles_.rbegin()->first + 1; }

private:
    std::int64_t active_ = 1;
    std::map<std::int64_t, bool> compiles_;
};

}  // namespace caracal
