// Alert timelines: every alert instance's episodes (active, firing, resolved) from a rule's
// transition log, as an aligned text table.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/alerting/alert.hpp"

namespace caracal::tools {

// One stretch during which an alert instance was active (pending, then possibly firing).
struct AlertEpisode {
    std::string alertname;
    sim::tsdb::Labels labels;
    sim::Time active_at;                   // became pending (or fired at once)
    std::optional<sim::Time> firing_at;
    std::optional<sim::Time> resolved_at;  // went inactive; unset when still active at the end
};

// Episodes in order of activation (ties: alertname, labels).
std::vector<AlertEpisode> alert_episodes(const std::vector<sim::alerting::AlertTransition>& transitions);

// `-` for an unset time, otherwise the offset from `start` as an eval_time would be written.
std::string format_offset(const std::optional<sim::Time>& t, sim::Time start);

// ALERTNAME  LABELS  ACTIVE  FIRING  RESOLVED, one row per episode, columns aligned; labels are
// shown without alertname.
void print_timeline_table(std::ostream& out, const std::vector<AlertEpisode>& episodes, sim::Time start);

}  // namespace caracal::tools
