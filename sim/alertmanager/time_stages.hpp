// Alertmanager 0.25's TimeMuteStage and TimeActiveStage (notify/notify.go): at a flush instant a
// route's whole group is silenced when one of its `mute_time_intervals` contains the instant, or
// when it has `active_time_intervals` and none contains it. Nothing is logged then, so the next
// flush outside the interval notifies as if the silenced one had not happened.
#pragma once

#include <optional>

#include "sim/alertmanager/config.hpp"
#include "sim/alertmanager/notification_timeline.hpp"

namespace sim::alertmanager {

// Why the route's notifications are silenced at `now`; nullopt when they are not. An interval
// name the configuration does not define contains no instant (the reader refuses such files).
std::optional<Suppression> time_suppression(const Config& config, const Route& route, Time now);

}  // namespace sim::alertmanager
