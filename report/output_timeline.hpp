// Alert timelines: every alert instance's episodes (active, firing, resolved) as an aligned text
// table.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/alerting/alert_episode.hpp"

namespace caracal::report {

// `-` for an unset time, otherwise the offset from `start` as an eval_time would be written.
std::string format_offset(const std::optional<sim::Time>& t, sim::Time start);

// ALERTNAME  LABELS  ACTIVE  FIRING  RESOLVED, one row per episode, columns aligned; labels are
// shown without alertname.
void print_timeline_table(std::ostream& out, const std::vector<sim::alerting::AlertEpisode>& episodes, sim::Time start);

}  // namespace caracal::report
