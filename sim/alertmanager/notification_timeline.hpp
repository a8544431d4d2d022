// What Alertmanager would have sent, and to whom: every notification of a run in time order, and
// for each alert that never reached a receiver while firing, why.
#pragma once

#include <string>
#include <vector>

#include "sim/base/time.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alertmanager {

struct Notification {
    Time at;
    std::string receiver;
    std::string route_key;       // Route::key of the route whose group flushed
    tsdb::Labels group_labels;   // the group_by labels the alerts share
    std::vector<tsdb::Labels> firing;    // sorted
    std::vector<tsdb::Labels> resolved;  // sorted; empty unless the receiver sends resolved
};

// Why a firing alert was left out of a flush that would otherwise have notified it.
enum class SuppressionKind {
    Inhibited,     // an inhibition rule's source alert was firing
    Muted,         // a `mute_time_intervals` interval contained the flush instant
    Inactive,      // no `active_time_intervals` interval contained the flush instant
    NullReceiver,  // the route's receiver has no integrations
};

struct Suppression {
    SuppressionKind kind = SuppressionKind::Inhibited;
    std::string by;  // the inhibiting alert's labels, the interval's name, or the receiver's name
    Time first_at;   // the first flush that left the alert out for this reason
    tsdb::Labels inhibitor;  // Inhibited: the source alert

    // "inhibited by {…}", "muted by interval night", "outside active intervals office",
    // "null receiver blackhole".
    std::string describe() const;
    friend bool operator==(const Suppression& a, const Suppression& b) { return a.kind == b.kind && a.by == b.by; }
};

// A firing alert that no notification carried while it fired.
struct UnnotifiedAlert {
    tsdb::Labels labels;
    Time starts_at;
    std::vector<Suppression> reasons;  // in order of first occurrence; empty: no flush before the end
};

struct NotificationTimeline {
    std::vector<Notification> notifications;  // time order; ties in group creation order
    std::vector<UnnotifiedAlert> unnotified;  // by first post

    // The first notification to a receiver carrying `labels` firing at or after `since`.
    const Notification* first_page(const tsdb::Labels& labels, Time since) const;
};

}  // namespace sim::alertmanager
