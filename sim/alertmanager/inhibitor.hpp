// Alertmanager 0.25's inhibitor (inhibit/inhibit.go): an alert matching a rule's target matchers
// is muted while an alert matching its source matchers fires with the same values of the `equal`
// labels (an absent label equals an absent one). An alert that matches both sides is not muted by
// an alert that also matches both sides, so no alert ever inhibits itself.
#pragma once

#include <optional>
#include <vector>

#include "sim/alertmanager/config.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alertmanager {

// An alert Alertmanager holds, as the last post of its labels left it.
struct HeldAlert {
    tsdb::Labels labels;
    Time starts_at;
    Time ends_at;

    bool resolved_at(Time t) const { return ends_at <= t; }
};

// The first alert of `held` (in its order) that mutes `target` at `now`; nullopt when none does.
std::optional<tsdb::Labels> inhibiting_alert(const std::vector<InhibitRule>& rules, const tsdb::Labels& target,
                                             const std::vector<HeldAlert>& held, Time now);

}  // namespace sim::alertmanager
