// Alertmanager 0.25's dispatcher (dispatch/dispatch.go) and notification pipeline
// (notify/notify.go), in simulated time: every post is routed; each route it takes puts it in the
// aggregation group of that route and of its group_by labels. A new group flushes group_wait after
// it was created — at once when an alert arrives whose StartsAt is more than group_wait old and
// the group has not flushed yet — then every group_interval after its last flush. A flush leaves
// out inhibited alerts, is silenced by the route's time intervals, notifies when the
// notification log says so (needs_update), and then forgets the resolved alerts.
//
// Where the real instants differ from these (wall clock, goroutines):
// - posts and flushes at the same instant: the posts are taken first;
// - a group left empty is dropped here at once; Alertmanager drops it at its next 30 s
//   maintenance tick, so an alert arriving in between joins the old group and waits for its next
//   group_interval tick instead of a new group_wait;
// - flush ticks drift later by the time each flush takes before the timer is reset
//   (microseconds), and the notification's own latency (the log's timestamp) is taken as zero
//   except where needs_update says otherwise;
// - alerts reach Alertmanager at the evaluation instant (no notifier queue delay).
#pragma once

#include <vector>

#include "sim/alertmanager/config.hpp"
#include "sim/alertmanager/notification_timeline.hpp"
#include "sim/alertmanager/postable_alert.hpp"

namespace sim::alertmanager {

// `posts` in order of arrival; nothing at or after `end` happens.
NotificationTimeline dispatch(const Config& config, const std::vector<PostableAlert>& posts, Time end);

}  // namespace sim::alertmanager
