#include "sim/alerting/alert_episode.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace sim::alerting {

std::vector<AlertEpisode> alert_episodes(const std::vector<AlertTransition>& transitions) {
    std::vector<AlertEpisode> episodes;
    std::map<std::pair<std::string, tsdb::Labels>, std::size_t> open;  // instance → its open episode
    for (const auto& t : transitions) {
        const auto key = std::make_pair(t.alertname, t.labels);
        auto it = open.find(key);
        if (it == open.end()) {
            if (t.to == AlertState::Inactive) continue;
            it = open.emplace(key, episodes.size()).first;
            episodes.push_back({t.alertname, t.labels, t.at, std::nullopt, std::nullopt});
        }
        AlertEpisode& e = episodes[it->second];
        if (t.to == AlertState::Firing && !e.firing_at) e.firing_at = t.at;
        if (t.to == AlertState::Inactive) {
            e.resolved_at = t.at;
            open.erase(it);
        }
    }
    std::stable_sort(episodes.begin(), episodes.end(), [](const AlertEpisode& a, const AlertEpisode& b) {
        return std::tie(a.active_at, a.alertname, a.labels) < std::tie(b.active_at, b.alertname, b.labels);
    });
    return episodes;
}

}  // namespace sim::alerting
