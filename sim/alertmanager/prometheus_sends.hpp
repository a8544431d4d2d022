// What Prometheus 2.42 posts to Alertmanager and when, read from an alert timeline
// (rules/alerting.go sendAlerts and needsSending, rules/manager.go):
// - a pending alert is never sent;
// - a firing alert is sent on the evaluation that fires it, then on every evaluation whose
//   instant is after the last send plus the resend delay (`--rules.alert.resend-delay`, 1m);
//   each send carries EndsAt = ValidUntil = evaluation + 4 × max(resend delay, group interval),
//   so Alertmanager holds it through two missed evaluations or sends;
// - the evaluation that resolves it sends it with EndsAt = that instant, and the resolved alert is
//   kept and resent on the same resend rule for 15 minutes, or until the same labels go active
//   again (a new alert object replaces it);
// - StartsAt is FiredAt, the instant it started firing, not ActiveAt: a `for:` hold does not make
//   the alert look old to Alertmanager.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/alerting/alert_episode.hpp"
#include "sim/alertmanager/postable_alert.hpp"

namespace sim::alertmanager {

inline constexpr Duration kDefaultResendDelay = Duration::minutes(1);
// How long Prometheus keeps resending a resolved alert (rules/alerting.go resolvedRetention).
inline constexpr Duration kResolvedRetention = Duration::minutes(15);

struct SendSchedule {
    Duration resend_delay = kDefaultResendDelay;
    // The evaluation interval of the group that holds each alerting rule, by alert name: every
    // evaluation of an episode lies on its firing instant plus a whole number of intervals.
    std::map<std::string, Duration> evaluation_interval;
    Time end;  // no evaluation at or after this instant is sent
};

// Every post, in order of arrival (ties: the episodes' order). Throws std::out_of_range when an
// episode's alert has no evaluation interval in the schedule.
std::vector<PostableAlert> prometheus_sends(const std::vector<alerting::AlertEpisode>& episodes,
                                            const SendSchedule& schedule);

}  // namespace sim::alertmanager
