// Session revocations: when each was committed (Postgres `sessions`, authoritative) and when each
// Gateway pod applied it, so the run can check that every revocation reached every Gateway and
// measure how long it took.
#pragma once

#include <cstdint>
#include <functional>
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
    void apply(const std::string& pod, RevocationId id, sim::Time at) {
        PodLedger& ledger = pods_[pod];
        if (ledger.applied_at.size() <= id) ledger.applied_at.resize(id + 1);
        if (!ledger.applied_at[id]) ledger.applied_at[id] = at;
    }
    // Every revocation committed so far (a snapshot reload from Postgres). Reloads run every few
    // seconds for the whole run, so only the revocations since the pod's last reload are visited.
    void apply_all(const std::string& pod, sim::Time at) {
        PodLedger& ledger = pods_[pod];
        if (ledger.applied_at.size() < committed_.size()) ledger.applied_at.resize(committed_.size());
        for (std::size_t id = ledger.complete; id < committed_.size(); ++id)
            if (!ledger.applied_at[id]) ledger.applied_at[id] = at;
        ledger.complete = committed_.size();
    }
    bool applied(const std::string& pod, RevocationId id) const { return applied_at(pod, id).has_value(); }
    std::optional<sim::Time> applied_at(const std::string& pod, RevocationId id) const {
        const auto p = pods_.find(pod);
        if (p == pods_.end() || p->second.applied_at.size() <= id) return std::nullopt;
        return p->second.applied_at[id];
    }

private:
    struct PodLedger {
        std::vector<std::optional<sim::Time>> applied_at;  // by RevocationId
        std::size_t complete = 0;  // every id below this one is applied
    };
    std::vector<sim::Time> committed_;
    std::map<std::string, PodLedger, std::less<>> pods_;
};

}  // namespace caracal
