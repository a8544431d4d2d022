#include "sim/alertmanager/notification_timeline.hpp"

#include <algorithm>

namespace sim::alertmanager {

std::string Suppression::describe() const {
    switch (kind) {
        case SuppressionKind::Inhibited: return "inhibited by " + by;
        case SuppressionKind::Muted: return "muted by interval " + by;
        case SuppressionKind::Inactive: return "outside active intervals " + by;
        case SuppressionKind::NullReceiver: return "null receiver " + by;
    }
    return by;
}

const Notification* NotificationTimeline::first_page(const tsdb::Labels& labels, Time since) const {
    for (const auto& n : notifications) {
        if (n.at >= since && std::binary_search(n.firing.begin(), n.firing.end(), labels)) return &n;
    }
    return nullptr;
}

}  // namespace sim::alertmanager
