// Operator and fault control over stream consumers, by consumer-group name: a paused group reads
// nothing; a delayed group only processes entries once they are `delay` old.
#pragma once

#include <map>
#include <string>

#include "sim/base/time.hpp"

namespace caracal {

class ConsumerControl {
public:
    void pause(const std::string& group, bool paused) { groups_[group].paused = paused; }
    void delay(const std::string& group, sim::Duration by) { groups_[group].delay = by; }

    bool paused(const std::string& group) const {
        auto it = groups_.find(group);
        return it != groups_.end() && it->second.paused;
    }
    sim::Duration delay(const std::string& group) const {
        auto it = groups_.find(group);
        return it == groups_.end() ? sim::Duration() : it->second.delay;
    }

private:
    struct State {
        bool paused = false;
        sim::Duration delay;
    };
    std::map<std::string, State> groups_;
};

}  // namespace caracal
