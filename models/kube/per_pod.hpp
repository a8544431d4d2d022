// The state a service keeps for each of its pods, by pod index (a deployment numbers its pods
// densely from 0 and never replaces one): looked up on every request, so an index instead of a
// hash lookup. States never move once added, so callbacks may hold their address. Each entry
// remembers its pod, so a pod of another deployment with the same index is refused, not served
// the wrong state.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <vector>

#include "models/kube/pod.hpp"

namespace caracal {

template <typename State>
class PerPod {
public:
    State& add(const Pod& pod, std::unique_ptr<State> state) {
        const auto index = static_cast<std::size_t>(pod.index);
        if (states_.size() <= index) states_.resize(index + 1);
        Entry& entry = states_[index];
        if (entry.state) throw std::logic_error("per-pod state added twice for " + pod.name);
        entry = Entry{&pod, std::move(state)};
        return *entry.state;
    }
    // `pod` must have been added.
    State& operator[](const Pod& pod) const {
        const Entry& entry = states_.at(static_cast<std::size_t>(pod.index));
        if (entry.pod != &pod) throw std::logic_error("no per-pod state for " + pod.name);
        return *entry.state;
    }

private:
    struct Entry {
        const Pod* pod = nullptr;
        std::unique_ptr<State> state;
    };
    std::vector<Entry> states_;
};

}  // namespace caracal
