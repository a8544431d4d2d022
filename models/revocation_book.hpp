// Session revocations: when each was committed (Postgres `sessions`, authoritative) and when each
// Gateway pod applied it, so the run can check that every revocation reached every Gateway and
// measure how long it took.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/time.hpp"

namespace caracal {

using RevocationId = std::uint64_t;

class RevocationBook {
public:
    RevocationId commit(sim::Time at) {
        committed_.push_back(at);
        return committed_.size() - 1;
    }
    std::size_t committed() const { return committed_.size(); }
    sim::Time committed_at(RevocationId id) const { return committed_[id]; }

    // First application at `pod` wins; later ones (stream after reload, or the reverse) are no-ops.
    void apply(const std::string& pod, RevocationId id, sim::Time at) { applied_[pod].try_emplace(id, at); }
    // All revocations committed up to `upto` (a snapshot reload from Postgres).
    void apply_all(const std::string& pod, sim::Time at) {
        for (RevocationId id = 0; id < committed_.size(); ++id) apply(pod, id, at);
    }
    bool applied(const std::string& pod, RevocationId id) const {
        auto p = applied_.find(pod);
        return p != applied_.end() && p->second.count(id) > 0;
    }
    std::optional<sim::Time> applied_at(const std::string& pod, RevocationId id) const {
        auto p = applied_.find(pod);
        if (p == applied_.end()) return std::nullopt;
        auto a = p->second.find(id);
        if (a == p->second.end()) return std::nullopt;
        return a->second;
    }

private:
    std::vector<sim::Time> committed_;
    std::map<std::string, std::map<RevocationId, sim::Time>> applied_;
};

}  // namespace caracal
