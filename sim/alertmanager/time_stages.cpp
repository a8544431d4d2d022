#include "sim/alertmanager/time_stages.hpp"

namespace sim::alertmanager {

namespace {

bool in_interval(const Config& config, const std::string& name, Time now) {
    const auto it = config.time_intervals.find(name);
    return it != config.time_intervals.end() && it->second.contains(now);
}

}  // namespace

std::optional<Suppression> time_suppression(const Config& config, const Route& route, Time now) {
    for (const auto& name : route.mute_time_intervals) {
        if (in_interval(config, name, now)) return Suppression{SuppressionKind::Muted, name, now, {}};
    }
    if (route.active_time_intervals.empty()) return std::nullopt;
    std::string names;
    for (const auto& name : route.active_time_intervals) {
        if (in_interval(config, name, now)) return std::nullopt;
        names += (names.empty() ? "" : ",") + name;
    }
    return Suppression{SuppressionKind::Inactive, names, now, {}};
}

}  // namespace sim::alertmanager
