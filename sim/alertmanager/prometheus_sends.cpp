#include "sim/alertmanager/prometheus_sends.hpp"

#include <algorithm>
#include <optional>

namespace sim::alertmanager {

namespace {

// When the next episode of the same labels goes active, which ends the resolved one's resends.
std::optional<Time> next_activation(const std::vector<alerting::AlertEpisode>& episodes, std::size_t i) {
    for (std::size_t j = i + 1; j < episodes.size(); ++j) {
        if (episodes[j].alertname == episodes[i].alertname && episodes[j].labels == episodes[i].labels)
            return episodes[j].active_at;
    }
    return std::nullopt;
}

}  // namespace

std::vector<PostableAlert> prometheus_sends(const std::vector<alerting::AlertEpisode>& episodes,
                                            const SendSchedule& schedule) {
    std::vector<PostableAlert> posts;
    for (std::size_t i = 0; i < episodes.size(); ++i) {
        const auto& e = episodes[i];
        if (!e.firing_at) continue;  // pending only: never sent
        const Duration interval = schedule.evaluation_interval.at(e.alertname);
        const Duration valid_for = std::max(schedule.resend_delay, interval) * 4;
        const Time firing_stop = std::min(schedule.end, e.resolved_at.value_or(schedule.end));
        std::optional<Time> last_sent;
        // Sends on the evaluations from `from` (every `interval`) before `stop`: the first one (it
        // fires the alert, or resolves it after its last send), then those after the last send
        // plus the resend delay.
        auto send_from = [&](Time from, Time stop, std::optional<Time> resolved_at) {
            for (Time t = from; t < stop; t += interval) {
                if (t != from && !(*last_sent + schedule.resend_delay < t)) continue;
                last_sent = t;
                posts.push_back({t, e.labels, *e.firing_at, resolved_at.value_or(t + valid_for)});
            }
        };
        send_from(*e.firing_at, firing_stop, std::nullopt);
        if (!e.resolved_at) continue;
        // Resolved since the last send, so sent at once; then kept for the retention, unless the
        // same labels go active again first.
        Time resolved_stop = std::min(schedule.end, *e.resolved_at + kResolvedRetention + Duration::millis(1));
        if (const auto again = next_activation(episodes, i)) resolved_stop = std::min(resolved_stop, *again);
        send_from(*e.resolved_at, resolved_stop, e.resolved_at);
    }
    std::stable_sort(posts.begin(), posts.end(),
                     [](const PostableAlert& a, const PostableAlert& b) { return a.received_at < b.received_at; });
    return posts;
}

}  // namespace sim::alertmanager
