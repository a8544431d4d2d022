// Alertmanager 0.25's notification log entry for one group and receiver, and the DedupStage's
// decision (notify/notify.go needsUpdate): whether a flush sends anything.
#pragma once

#include <set>

#include "sim/base/time.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alertmanager {

using AlertSet = std::set<tsdb::Labels>;

struct NotificationLogEntry {
    Time at;  // when the notification was logged
    AlertSet firing;
    AlertSet resolved;
};

// A group's first flush notifies when anything fires. Later flushes notify when an alert fires
// that the last notification did not carry; when everything resolved that it did carry as firing
// (whatever `send_resolved` says, to clear the log); with `send_resolved`, when an alert resolved
// that it did not carry as resolved; otherwise only once `repeat_interval` has passed since it.
// The log stamps an entry after the notification went out, a little after its flush tick, so a
// tick exactly repeat_interval later is not yet past it: the repeat waits for the next tick.
bool needs_update(const NotificationLogEntry* last, const AlertSet& firing, const AlertSet& resolved,
                  bool send_resolved, Duration repeat_interval, Time now);

}  // namespace sim::alertmanager
