#include "tools/output_timeline.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace caracal::tools {

using sim::alerting::AlertState;

std::vector<AlertEpisode> alert_episodes(const std::vector<sim::alerting::AlertTransition>& transitions) {
    std::vector<AlertEpisode> episodes;
    std::map<std::pair<std::string, sim::tsdb::Labels>, std::size_t> open;  // instance → its open episode
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

std::string format_offset(const std::optional<sim::Time>& t, sim::Time start) {
    if (!t) return "-";
    return sim::format_duration(*t - start);
}

void print_timeline_table(std::ostream& out, const std::vector<AlertEpisode>& episodes, sim::Time start) {
    if (episodes.empty()) {
        out << "  no alert became active\n";
        return;
    }
    using Row = std::array<std::string, 5>;
    std::vector<Row> rows{{"ALERTNAME", "LABELS", "ACTIVE", "FIRING", "RESOLVED"}};
    for (const auto& e : episodes)
        rows.push_back({e.alertname, e.labels.without_name().drop({"alertname"}).to_string(),
                        format_offset(e.active_at, start), format_offset(e.firing_at, start),
                        format_offset(e.resolved_at, start)});
    std::array<std::size_t, 5> width{};
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t c = 0; c < r.size(); ++c) {
            line += r[c];
            if (c + 1 < r.size()) line += std::string(width[c] - r[c].size() + 2, ' ');
        }
        out << "  " << line << "\n";
    }
}

}  // namespace caracal::tools
