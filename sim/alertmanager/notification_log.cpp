#include "sim/alertmanager/notification_log.hpp"

#include <algorithm>

namespace sim::alertmanager {

bool needs_update(const NotificationLogEntry* last, const AlertSet& firing, const AlertSet& resolved,
                  bool send_resolved, Duration repeat_interval, Time now) {
    if (!last) return !firing.empty();
    const auto subset = [](const AlertSet& of, const AlertSet& s) {
        return std::includes(of.begin(), of.end(), s.begin(), s.end());
    };
    if (!subset(last->firing, firing)) return true;
    if (firing.empty()) return !last->firing.empty();
    if (send_resolved && !subset(last->resolved, resolved)) return true;
    return now - last->at > repeat_interval;
}

}  // namespace sim::alertmanager
