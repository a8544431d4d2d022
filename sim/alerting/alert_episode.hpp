// Alert episodes: the stretches during which an alert instance was active, read from a rule's
// transition log. The one shape every timeline, check and report reads alerts in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/alerting/alert.hpp"

namespace sim::alerting {

// One stretch during which an alert instance was active (pending, then possibly firing).
struct AlertEpisode {
    std::string alertname;
    tsdb::Labels labels;
    Time active_at;                   // became pending (or fired at once)
    std::optional<Time> firing_at;
    std::optional<Time> resolved_at;  // went inactive; unset when still active at the end
};

// Episodes in order of activation (ties: alertname, labels). A transition to inactive with no
// open episode (the log starting mid-way) opens none.
std::vector<AlertEpisode> alert_episodes(const std::vector<AlertTransition>& transitions);

}  // namespace sim::alerting
